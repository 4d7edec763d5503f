"""Pages of the project shell: the role-aware landing page and /healthz."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def landing_url_for(user) -> str | None:
    """Each domain app registers the page a role starts on (settings only
    wire, so the core never imports the apps). None until one exists."""
    url_name = settings.KUI_LANDING_PAGES.get(user.role)
    if url_name is None:
        return None
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    target = landing_url_for(request.user)
    if target and target != request.path:
        return redirect(target)
    return render(request, "kui/landing.html", {"role_label": request.user.get_role_display()})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "down"; the reason goes to the log
        logger.exception("healthz: database check failed")
        return False


def _redis_status() -> str:
    if not settings.REDIS_URL:
        return "embedded"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except redis.RedisError:
        return "down"


def _worker_status(redis_status: str) -> str:
    if not settings.REDIS_URL:
        return "embedded"
    if redis_status != "ok":
        return "unknown"
    from kui.celery_app import app

    replies = app.control.inspect(timeout=0.5).ping() or {}
    return "ok" if replies else "down"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = "ok" if _database_ok() else "down"
    redis_status = _redis_status()
    body = {"database": database, "redis": redis_status, "worker": _worker_status(redis_status)}
    return JsonResponse(body, status=200 if database == "ok" else 503)
