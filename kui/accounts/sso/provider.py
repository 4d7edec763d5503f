import secrets

from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.urls import reverse

NONCE_STATE_KEY = "nonce"


class StrictOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        """Signature, issuer, audience and expiry, always."""
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def get_callback_url(self, request, app):
        url = reverse("kui_oidc_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, url, self.redirect_uri_protocol)


class StrictOpenIDConnectProvider(OpenIDConnectProvider):
    id = "kui_oidc"
    name = "OpenID Connect"
    oauth2_adapter_class = StrictOpenIDConnectAdapter
    pkce_enabled_default = True

    def get_default_scope(self):
        return ["openid", "profile", "email"]

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        """A fresh nonce per login, sent to the provider and kept in the
        login's state; the ID token must carry it back (checked in
        kui.accounts.adapters.SocialAccountAdapter.pre_social_login)."""
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce}
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)

    @property
    def kui_settings(self) -> dict:
        return self.app.settings.get("kui", {})


provider_classes = [StrictOpenIDConnectProvider]
