"""Whether this session has passed a second factor.

Staff (every role but the youth) must, in each session, either have entered a
TOTP or recovery code (allauth's MFA stage at login, or its re-authentication
page), have just enrolled a TOTP authenticator, or have signed in through an
identity provider that asserted a second factor (acr/amr). The proof is kept in
the session, bound to the user it was given for.
"""

from allauth.mfa.models import Authenticator

SESSION_KEY = "kui_second_factor"


def mark(session, user, how: str) -> None:
    session[SESSION_KEY] = {"user": user.pk, "how": how}


def passed(session, user) -> bool:
    proof = session.get(SESSION_KEY)
    return isinstance(proof, dict) and proof.get("user") == user.pk


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=[Authenticator.Type.TOTP]).exists()
