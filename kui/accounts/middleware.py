"""The session lifetime rules and the second factor, on every request."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kui.accounts import second_factor, session_rules

EXPIRED_MESSAGES = {
    "idle": gettext_lazy("You were signed out after a period without activity. Sign in again to continue."),
    "absolute": gettext_lazy("Your session has ended because it lasted its maximum time. Sign in again to continue."),
    "ended": gettext_lazy("You were signed out everywhere. Sign in again to continue."),
}


def _htmx_sign_in_again(request) -> HttpResponse:
    """An HTMX request must never get the login page swapped into the page:
    401 and HX-Redirect send the whole browser window to sign in, back to the
    page the user was on (the page keeps a draft of what they typed)."""
    current = request.headers.get("HX-Current-URL", "")
    back_to = urlsplit(current).path or "/"
    response = HttpResponse(status=401)
    response["HX-Redirect"] = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': back_to})}"
    return response


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reason = session_rules.expiry_reason(request.session, user)
            if reason is not None:
                # This session alone has run out; the user's other sessions live on.
                setattr(request, session_rules.EXPIRED_ATTR, True)
                logout(request)
                messages.info(request, str(EXPIRED_MESSAGES[reason]))
                if request.headers.get("HX-Request"):
                    return _htmx_sign_in_again(request)
                if request.method == "GET":
                    return redirect_to_login(request.get_full_path())
                # A form posted after expiry is not replayed: back to the page it came from.
                referer = urlsplit(request.headers.get("Referer", "")).path
                return redirect_to_login(referer or "/")
            session_rules.touch(request.session)
        return self.get_response(request)


# Pages a staff member may open before the second factor is passed: enrolment
# and the code prompt themselves, logging out, switching language.
SECOND_FACTOR_OPEN_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "logout",
    "account_logout",
    "set_language",
    # The installable app's shell says nothing about anyone (kui/pwa.py).
    "manifest",
    "service_worker",
    "offline",
    "favicon",
)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in SECOND_FACTOR_OPEN_URL_NAMES}
        return path in self._open_paths or path.startswith(settings.STATIC_URL) or path == "/healthz"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.KUI_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not second_factor.passed(request.session, user)
            and not self._is_open(request.path)
        ):
            if second_factor.has_authenticator(user):
                target, note = "mfa_reauthenticate", None
            else:
                target = "mfa_activate_totp"
                note = _("Staff sign in with two factors. Set up an authenticator app to continue.")
            if note and request.method == "GET":
                messages.info(request, note)
            url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=401)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
        return self.get_response(request)
