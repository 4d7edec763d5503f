"""allauth adapters: nobody signs up, and single sign-on only ever reaches a
user kui already knows.

- Staff (municipality IdP) are matched on the configured claim against the
  username, then the e-mail address, of an active staff user. Staff are never
  created by signing in: an unknown person gets a Danish refusal.
- A youth (MitID broker) is linked through their invitation: the invitation
  page remembers the invited login in the session, and the first MitID sign-in
  links that login to the MitID identity. After that the link is what counts.
- The ID token must carry the nonce of this login (allauth checks state and
  PKCE; signature, issuer and audience in kui.accounts.sso).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kui.accounts import second_factor
from kui.accounts.models import Role, User
from kui.accounts.receivers import IDP_SECOND_FACTOR_ATTR
from kui.accounts.sso.provider import NONCE_STATE_KEY
from kui.audit.models import AuditAction
from kui.audit.services import audit_record

INVITED_LOGIN_SESSION_KEY = "kui_sso_invited_login"


def remember_invitation(request, user: User) -> None:
    """Called by the invitation page: the next MitID sign-in in this browser
    may link this youth's login."""
    request.session[INVITED_LOGIN_SESSION_KEY] = user.pk


def youth_provider_id() -> str | None:
    """The configured MitID broker's provider id, if any."""
    for app in settings.SOCIALACCOUNT_PROVIDERS.get("kui_oidc", {}).get("APPS", []):
        if app.get("settings", {}).get("kui", {}).get("audience") == "youth":
            return app["provider_id"]
    return None


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": gettext_lazy(
            "Wrong username or password. Note that both fields may be case-sensitive."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Enrolling the first factor follows straight on the password sign-in
        (the middleware allows nothing else), so it needs no second password."""
        request = allauth_context.request
        user = getattr(request, "user", None)
        if (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not second_factor.has_authenticator(user)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_stages(self) -> list[str]:
        return [
            "kui.accounts.stages.SecondFactorStage" if path == "allauth.mfa.stages.AuthenticateStage" else path
            for path in super().get_login_stages()
        ]


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def asserts_second_factor(conf: dict, id_token: dict) -> bool:
    acr = id_token.get("acr")
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return (bool(acr) and acr in conf.get("mfa_acr", [])) or bool(set(amr) & set(conf.get("mfa_amr", [])))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def _refuse(self, request, message: str, label: str = ""):
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, actor_label=label[:150], purpose="single sign-on")
        raise ImmediateHttpResponse(
            render(request, "socialaccount/authentication_error.html", {"kui_message": message}, status=400)
        )

    def pre_social_login(self, request, sociallogin):
        provider = sociallogin.account.get_provider(request)
        conf = provider.app.settings.get("kui", {})
        id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
        expected_nonce = sociallogin.state.get(NONCE_STATE_KEY) or ""
        if not expected_nonce or not constant_time_compare(str(id_token.get("nonce", "")), expected_nonce):
            self._refuse(request, _("The sign-in could not be verified. Try again from the login page."))
        user = sociallogin.user if sociallogin.is_existing else self._match(request, conf, sociallogin)
        audience_ok = user is not None and (
            user.role == Role.YOUTH if conf.get("audience") == "youth" else user.role != Role.YOUTH
        )
        if user is None or not user.is_active or not audience_ok:
            self._refuse(
                request,
                _("There is no kui account for this sign-in. Contact your KUI coordinator."),
                label=provider.app.provider_id,
            )
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
            request.session.pop(INVITED_LOGIN_SESSION_KEY, None)
            audit_record(actor=user, action=AuditAction.UPDATE, obj=user, fields=["single_sign_on"], purpose="linked")
        if asserts_second_factor(conf, id_token):
            setattr(request, IDP_SECOND_FACTOR_ATTR, True)

    def _match(self, request, conf: dict, sociallogin) -> User | None:
        if conf.get("audience") == "youth":
            invited = request.session.get(INVITED_LOGIN_SESSION_KEY)
            if invited is None:
                return None
            user = User.objects.filter(pk=invited, role=Role.YOUTH, is_active=True).first()
            if user is None or user.socialaccount_set.filter(provider=sociallogin.account.provider).exists():
                return None
            return user
        value = str(_claims(sociallogin).get(conf.get("username_claim", "preferred_username")) or "").strip()
        if not value:
            return None
        staff = User.objects.filter(is_active=True).exclude(role=Role.YOUTH)
        for lookup in ("username__iexact", "email__iexact"):
            found = list(staff.filter(**{lookup: value})[:2])
            if len(found) == 1:
                return found[0]
        return None
