"""A Redis cache that a Redis outage cannot turn into error pages.

Everything kui keeps in the cache can be computed again (dashboard figures)
or is a soft limit (the lookup counter of the public certificate check), so
while Redis is down a read is a miss and a write is dropped, with a warning in
the log, instead of a 500 on every page that touches the cache. The client
reconnects on its own once Redis answers again.
"""

import logging

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


def _degrades(method_name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCacheClient, self), method_name)(*args, **kwargs)
        except redis.RedisError as error:
            logger.warning("cache: Redis unavailable during %s (%s); carrying on without it", method_name, error)
            return fallback(*args) if callable(fallback) else fallback

    method.__name__ = method_name
    return method


class ResilientRedisCacheClient(RedisCacheClient):
    get = _degrades("get", lambda key, default: default)
    get_many = _degrades("get_many", lambda keys: {})
    has_key = _degrades("has_key", False)
    add = _degrades("add", False)
    set = _degrades("set", None)
    set_many = _degrades("set_many", None)
    touch = _degrades("touch", False)
    delete = _degrades("delete", False)
    delete_many = _degrades("delete_many", None)
    clear = _degrades("clear", False)

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except redis.RedisError as error:
            logger.warning("cache: Redis unavailable during incr (%s); carrying on without it", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable).") from None


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
