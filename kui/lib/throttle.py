"""A fixed-window counter in the cache: how many times a key was used in the
current window. One cache round trip per use; shared by all workers when the
cache is Redis."""

from django.core.cache import cache
from django.utils import timezone


def over_limit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `key` in `scope`; True once the window's limit is passed."""
    window = int(timezone.now().timestamp()) // window_seconds
    cache_key = f"kui:throttle:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=window_seconds * 2):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=window_seconds * 2)
            count = 1
    return count > limit
