"""kui's own account pages: sessions (log out everywhere) and Django's
password views with kui's rules added (other sessions end, resets throttled)."""

from allauth.mfa.totp import views as allauth_totp_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kui.accounts import second_factor, services, session_rules
from kui.audit.middleware import client_ip
from kui.lib.throttle import over_limit

# Logging out wipes what this site kept in the browser: the offline contact
# queue and drafts (localStorage, sessionStorage), the service worker and its
# cache. static/kui/offline.js deletes the queue too, for browsers without it.
CLEAR_SITE_DATA = '"storage"'


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    signed_in_at = request.session.get(session_rules.SIGNED_IN_AT)
    return render(
        request,
        "accounts/sessions.html",
        {
            "signed_in_at": signed_in_at,
            "idle_minutes": settings.KUI_SESSION_IDLE_MINUTES,
            "max_hours": settings.KUI_SESSION_MAX_HOURS,
        },
    )


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    services.user_sessions_end(user=request.user, by=request.user, reason="log out everywhere")
    logout(request)
    messages.success(request, _("You have been logged out on all devices."))
    response = redirect(settings.LOGIN_URL)
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


def activate_totp(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """allauth's TOTP enrolment. A correct first code proves the new factor,
    so the session counts as having passed the second factor from here on."""
    user = request.user
    had_factor = user.is_authenticated and second_factor.has_authenticator(user)
    response = allauth_totp_views.activate_totp(request, *args, **kwargs)
    if user.is_authenticated and not had_factor and second_factor.has_authenticator(user):
        services.second_factor_confirmed(session=request.session, user=user, how="enrolment")
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_sessions_end(
            user=self.request.user, by=self.request.user, reason="password changed", keep_session=self.request.session
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Throttled per address and per e-mail address: the form sends mail to
    whatever address is typed, and must not become a way to flood someone."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        limit = settings.KUI_PASSWORD_RESET_RATE_PER_HOUR
        address = client_ip(self.request) or "unknown"
        email = form.cleaned_data["email"].strip().lower()
        by_address = over_limit("password-reset-ip", address, limit=limit, window_seconds=3600)
        by_email = over_limit("password-reset-email", email, limit=limit, window_seconds=3600)
        if by_address or by_email:
            form.add_error(None, _("Too many requests to reset a password. Wait an hour and try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_sessions_end(user=form.user, by=form.user, reason="password reset")
        return response
