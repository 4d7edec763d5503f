"""Pages of the project shell: the role-aware landing page, /healthz and the
search behind every long choice list (kui/lib/search_select.py)."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kui.lib import search_select

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


@login_required
def search_choices(request: HttpRequest, name: str) -> HttpResponse:
    """The <option>s matching what was typed in a search select: at most
    SEARCH_LIMIT of them, from what this user may pick."""
    search = search_select.SEARCHES.get(name)
    if search is None or not search.allowed(request.user):
        raise Http404
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    value_field = request.GET.get("v")
    value_field = value_field if value_field in search_select.VALUE_FIELDS else "pk"
    # PostgreSQL refuses a NUL character in a string: nobody types one in a name.
    typed = request.GET.get("q", "").replace("\x00", "")[:100]
    found = search_select.matches(search, request.user, typed)
    options = [(getattr(obj, value_field), search.label(obj)) for obj in found[: search_select.SEARCH_LIMIT]]
    context = {"options": options, "more": len(found) > search_select.SEARCH_LIMIT}
    return render(request, "kui/includes/_search_options.html", context)
