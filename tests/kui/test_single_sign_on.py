"""Single sign-on by OpenID Connect against a real OpenID provider (npm
oidc-provider, started on loopback by the fixture): the authorisation-code
flow with PKCE, state and nonce, ID tokens checked for signature, issuer and
audience, and sign-ins mapped only to users kui already knows."""

import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY

from kui.accounts import second_factor
from kui.accounts.adapters import INVITED_LOGIN_SESSION_KEY
from kui.accounts.models import Role, User
from tests.factories import UserFactory
from tests.oidc import provider as oidc

pytestmark = pytest.mark.oidc

CALLBACK = "http://testserver/konto/sso/{}/login/callback/"
CLIENTS = {
    "kommune": {"client_id": "kui-staff", "client_secret": "staff-secret"},
    "mitid": {"client_id": "kui-youth", "client_secret": "youth-secret"},
}


@pytest.fixture(scope="module")
def identity_provider():
    clients = [{**c, "redirect_uris": [CALLBACK.format(pid)]} for pid, c in CLIENTS.items()]
    running = oidc.start(clients)
    yield running
    oidc.stop(running)


@pytest.fixture
def sso(settings, identity_provider):
    apps = []
    for provider_id, audience, conf in [
        ("kommune", "staff", {"username_claim": "preferred_username", "mfa_acr": [], "mfa_amr": ["mfa"]}),
        ("mitid", "youth", {"username_claim": "sub", "mfa_acr": ["nsis-substantial"], "mfa_amr": []}),
    ]:
        apps.append(
            {
                "provider_id": provider_id,
                "name": provider_id,
                "client_id": CLIENTS[provider_id]["client_id"],
                "secret": CLIENTS[provider_id]["client_secret"],
                "settings": {"server_url": identity_provider.issuer, "kui": {"audience": audience, **conf}},
            }
        )
    settings.SOCIALACCOUNT_PROVIDERS = {"kui_oidc": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}}
    return identity_provider


def start_login(client, provider_id="kommune"):
    response = client.post(f"/konto/sso/{provider_id}/login/")
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def through_provider(authorize_url: str) -> str:
    """Follow the provider's redirects (its interactions finish at once) until
    it sends the browser back to kui; returns kui's callback path with query."""
    browser = requests.Session()
    location = authorize_url
    for _ in range(10):
        response = browser.get(location, allow_redirects=False, timeout=20)
        assert response.status_code in (302, 303), response.text[:500]
        location = urljoin(location, response.headers["Location"])
        if location.startswith("http://testserver/"):
            return location.removeprefix("http://testserver")
    raise AssertionError("the provider never redirected back")


def sign_in(client, provider_id="kommune"):
    return client.get(through_provider(start_login(client, provider_id)))


def signed_in_user(client):
    return client.session.get(SESSION_KEY)


def test_it_uses_the_code_flow_with_pkce_state_and_nonce(client, sso, alice):
    query = parse_qs(urlsplit(start_login(client)).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 12 and len(query["nonce"][0]) >= 32


def test_staff_with_a_second_factor_at_the_idp_are_not_asked_again(client, sso, alice):
    TOTP.activate(alice, "JBSWY3DPEHPK3PXP")
    sso.next_login("alice", amr=["pwd", "mfa"])
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == str(alice.pk)
    assert second_factor.passed(client.session, alice)
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/unge/"


def test_staff_without_a_second_factor_at_the_idp_enter_their_totp(client, sso, alice):
    TOTP.activate(alice, "JBSWY3DPEHPK3PXP")
    sso.next_login("alice", amr=["pwd"])
    response = sign_in(client)
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert signed_in_user(client) is None


def test_staff_are_never_created_by_signing_in(client, sso, db):
    before = User.objects.count()
    sso.next_login("stranger@kommune.dk", amr=["mfa"])
    response = sign_in(client)
    assert response.status_code == 400
    assert "Der findes ingen kui-konto" in response.content.decode()
    assert User.objects.count() == before and not SocialAccount.objects.exists()
    assert signed_in_user(client) is None


def test_a_youth_cannot_sign_in_through_the_staff_provider(client, sso, youth_user):
    sso.next_login(youth_user.username, amr=["mfa"])
    assert sign_in(client).status_code == 400
    assert signed_in_user(client) is None


def test_a_youth_is_linked_through_their_invitation(client, sso, youth_user):
    assert sign_in_mitid(client, sso, "mitid-pseudonym-1").status_code == 400  # no invitation: refused
    session = client.session
    session[INVITED_LOGIN_SESSION_KEY] = youth_user.pk
    session.save()
    response = sign_in_mitid(client, sso, "mitid-pseudonym-1")
    assert response.status_code == 302
    assert signed_in_user(client) == str(youth_user.pk)
    assert SocialAccount.objects.get(provider="mitid").user == youth_user
    client.logout()
    assert sign_in_mitid(client, sso, "mitid-pseudonym-1").status_code == 302  # the link holds without it
    assert signed_in_user(client) == str(youth_user.pk)


def sign_in_mitid(client, sso, pseudonym):
    sso.next_login(pseudonym, acr="nsis-substantial")
    return sign_in(client, "mitid")


def test_a_staff_invitation_cannot_link_mitid(client, sso, alice):
    session = client.session
    session[INVITED_LOGIN_SESSION_KEY] = alice.pk
    session.save()
    assert sign_in_mitid(client, sso, "mitid-pseudonym-2").status_code == 400
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("kind", ["signature", "issuer", "audience", "nonce"])
def test_a_tampered_id_token_is_refused(client, sso, alice, kind):
    sso.next_login("alice", amr=["mfa"])
    authorize = start_login(client)
    callback = through_provider(authorize)
    sso.tamper_next_token(kind)
    response = client.get(callback)
    assert response.status_code in (200, 400, 401)
    assert "Login mislykkedes" in response.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_an_expired_state_is_refused(client, sso, alice):
    sso.next_login("alice", amr=["mfa"])
    authorize = start_login(client)
    callback = through_provider(authorize)
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=11)):
        response = client.get(callback)
    assert "Login mislykkedes" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_replayed_callback_changes_nothing(client, sso, alice):
    sso.next_login("alice", amr=["mfa"])
    callback = through_provider(start_login(client))
    assert client.get(callback).status_code == 302
    client.logout()
    response = client.get(callback)
    assert "Login mislykkedes" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_forged_state_is_refused(client, sso, alice):
    response = client.get("/konto/sso/kommune/login/callback/?code=forged&state=forged")
    assert "Login mislykkedes" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_deactivated_staff_member_cannot_sign_in(client, sso, db):
    user = UserFactory(username="gone", role=Role.CONTACT_PERSON, is_active=False)
    sso.next_login(user.username, amr=["mfa"])
    assert sign_in(client).status_code == 400
    assert signed_in_user(client) is None
