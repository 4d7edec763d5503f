"""The project's own middleware: the language, HTMX after a session expired, the demo's 404 page.

Danish unless the user chose otherwise. Django's LocaleMiddleware follows the browser's Accept-Language, which would
show English to a Danish caseworker whose PC happens to be set up in English.
kui speaks Danish by default; English only when chosen with the language
switcher (Django's set_language stores the choice in a cookie).
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.defaults import page_not_found


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class HtmxLoginRedirectMiddleware:
    """An HTMX request after the session expired must not get the login page
    swapped into a table row. Where a view would redirect an anonymous user
    to the login page, an HTMX request gets 401 with HX-Redirect instead: the
    browser goes to the login page with `next` set to the page the person was
    on (not the fragment's URL), and comes back there after signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        htmx = getattr(request, "htmx", None)
        if not htmx or response.status_code not in (301, 302, 303) or request.user.is_authenticated:
            return response
        login = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.get("Location", "")).path != urlsplit(login).path:
            return response
        back_to = htmx.current_url_abs_path or "/"
        answer = HttpResponse(status=401)
        answer["HX-Redirect"] = f"{login}?{urlencode({'next': back_to})}"
        return answer


class DemoNotFoundMiddleware:
    """Under DEBUG (`make run`, the demo) Django answers a 404 with its English
    technical page listing every URL pattern; people trying the demo see
    kui's own Danish page instead, as in production. KUI_TECHNICAL_404=1
    brings Django's page back for a developer hunting a URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and not settings.KUI_TECHNICAL_404
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, Http404())
        return response
