from allauth.mfa.stages import AuthenticateStage

from kui.accounts.receivers import IDP_SECOND_FACTOR_ATTR


class SecondFactorStage(AuthenticateStage):
    """allauth's TOTP prompt at login, skipped when the identity provider has
    just asserted a second factor (acr/amr): the user is not asked twice."""

    def _should_handle(self, request) -> bool:
        if getattr(request, IDP_SECOND_FACTOR_ATTR, False):
            return False
        return super()._should_handle(request)
