"""Sign-in pages under /konto/: allauth's login with its two-factor steps,
single sign-on, and kui's own password and session pages.

Only the allauth views kui uses are mounted (nobody signs up, e-mail
addresses are managed by administrators). Each allauth view also carries
allauth's own URL name, which its templates and redirects use.
"""

from allauth.account import views as allauth_views
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import include, path

from kui.accounts import views

urlpatterns = [
    # Not one request-long transaction: checking a password takes a second of CPU, and on
    # the embedded SQLite database (transaction_mode IMMEDIATE) a transaction holds the one
    # write lock from its start, so concurrent sign-ins queued behind each other's hashing
    # until they timed out. The writes after the check (last login, session, audit) are
    # single statements that each wait their short turn.
    path("login/", transaction.non_atomic_requests(allauth_views.login), name="login"),
    path("login/", transaction.non_atomic_requests(allauth_views.login), name="account_login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("logout/", views.LogoutView.as_view(), name="account_logout"),
    path("inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/totp/activate/", views.activate_totp, name="mfa_activate_totp"),
    path("2fa/", include("allauth.mfa.urls")),
    path("", include("kui.accounts.sso.urls")),
    path("sessioner/", views.sessions, name="sessions"),
    path("sessioner/log-ud-overalt/", views.logout_everywhere, name="logout_everywhere"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
