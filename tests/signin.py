"""Signing in through the real login pages: password, then the TOTP code.

Most tests use client.force_login (tests/conftest.py marks such sessions as
having passed the second factor). Tests of sign-in itself use these."""

import pyotp
from allauth.mfa.totp.internal.auth import TOTP

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_totp(user, secret: str = TEST_TOTP_SECRET) -> str:
    TOTP.activate(user, secret)
    return secret


def sign_in(client, username: str, password: str, secret: str = TEST_TOTP_SECRET):
    """Password, then code; returns the response to the code step."""
    response = client.post("/konto/login/", {"username": username, "password": password})
    assert response.status_code == 302 and response["Location"] == "/konto/2fa/authenticate/", response
    return client.post("/konto/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()})
