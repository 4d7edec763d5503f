"""Two-factor sign-in for staff (allauth MFA: TOTP and recovery codes)."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.core.management.base import CommandError

from kui.accounts import second_factor, services
from kui.audit.models import AuditAction, AuditEvent
from kui.demo.core import demo_totp_secret
from tests.signin import TEST_TOTP_SECRET, enrol_totp, sign_in


def test_it_asks_an_enrolled_user_for_a_code_after_the_password(client, alice, password):
    enrol_totp(alice)
    response = client.post("/konto/login/", {"username": "alice", "password": password})
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert SESSION_KEY not in client.session  # not signed in before the code
    page = client.get("/konto/2fa/authenticate/").content.decode()
    assert '<html lang="da">' in page and "To-faktor-autentificering" in page


def test_it_signs_in_with_password_and_code(client, alice, password):
    enrol_totp(alice)
    response = sign_in(client, "alice", password)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/unge/"
    assert AuditEvent.objects.filter(actor=alice, action=AuditAction.LOGIN).count() == 1


def test_a_wrong_code_gets_a_danish_error_and_no_session(client, alice, password):
    enrol_totp(alice)
    client.post("/konto/login/", {"username": "alice", "password": password})
    response = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Forkert kode" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_replayed_code_is_refused(client, alice, password):
    enrol_totp(alice)
    code = pyotp.TOTP(TEST_TOTP_SECRET).now()
    client.post("/konto/login/", {"username": "alice", "password": password})
    assert client.post("/konto/2fa/authenticate/", {"code": code}).status_code == 302
    client.logout()
    client.post("/konto/login/", {"username": "alice", "password": password})
    response = client.post("/konto/2fa/authenticate/", {"code": code})
    assert "Forkert kode" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_recovery_code_signs_in_once(client, alice, password):
    enrol_totp(alice)
    code = RecoveryCodes.activate(alice).get_unused_codes()[0]
    client.post("/konto/login/", {"username": "alice", "password": password})
    assert client.post("/konto/2fa/authenticate/", {"code": code}).status_code == 302
    client.logout()
    client.post("/konto/login/", {"username": "alice", "password": password})
    assert "Forkert kode" in client.post("/konto/2fa/authenticate/", {"code": code}).content.decode()


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "administrator"])
def test_every_staff_role_must_enrol_at_first_sign_in(client, request, persona, password):
    user = request.getfixturevalue(persona)
    client.post("/konto/login/", {"username": user.username, "password": password})
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/2fa/totp/activate/")
    assert client.get("/unge/")["Location"].startswith("/konto/2fa/totp/activate/")  # nothing else opens


def test_partner_staff_must_enrol_too(client, db, password):
    from tests.factories import OrganisationFactory, UserFactory

    mentor = UserFactory(username="mentor", role="partner_staff", organisation=OrganisationFactory(kind="company"))
    client.post("/konto/login/", {"username": "mentor", "password": password})
    assert client.get("/partnere/min-side/")["Location"].startswith("/konto/2fa/totp/activate/")
    assert mentor.needs_second_factor


def test_enrolment_is_in_danish_and_activates_totp(client, alice, password):
    client.post("/konto/login/", {"username": "alice", "password": password})
    page = client.get("/konto/2fa/totp/activate/")
    html = page.content.decode()
    assert "Aktiver autentificeringsapp" in html
    secret = page.context["form"].secret
    response = client.post("/konto/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type="totp").exists()
    assert second_factor.passed(client.session, alice)
    assert client.get("/").status_code == 302 and client.get("/unge/").status_code == 200
    assert AuditEvent.objects.filter(actor=alice, fields=["second_factor"], purpose="enrolled").exists()


def test_a_wrong_enrolment_code_enrols_nothing(client, alice, password):
    client.post("/konto/login/", {"username": "alice", "password": password})
    client.get("/konto/2fa/totp/activate/")
    response = client.post("/konto/2fa/totp/activate/", {"code": "123456"})
    assert response.status_code == 200 and "Forkert kode" in response.content.decode()
    assert not Authenticator.objects.filter(user=alice).exists()
    assert client.get("/unge/").status_code == 302


def test_a_youth_needs_no_second_factor(client, youth_user, password):
    client.post("/konto/login/", {"username": youth_user.username, "password": password})
    assert client.get("/mig/").status_code in (200, 404)  # their own page, never the enrolment


def test_a_session_without_the_second_factor_is_sent_to_the_code_prompt(client_without_second_factor, alice):
    enrol_totp(alice)
    client_without_second_factor.force_login(alice)
    response = client_without_second_factor.get("/unge/")
    assert response["Location"].startswith("/konto/2fa/reauthenticate/")


def test_htmx_requests_without_the_second_factor_get_a_redirect_header(client_without_second_factor, alice):
    client_without_second_factor.force_login(alice)
    response = client_without_second_factor.get("/unge/", HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/konto/2fa/totp/activate/")


def test_the_admin_login_goes_through_kui_login(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_an_administrator_resets_factors_audited_and_sessions_end(client, alice, administrator):
    enrol_totp(alice)
    client.force_login(alice)
    services.user_factors_reset(user=alice, by=administrator)
    assert not Authenticator.objects.filter(user=alice).exists()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, fields=["second_factor"])
    assert event.actor == administrator and event.object_id == str(alice.pk)
    assert client.get("/unge/")["Location"].startswith("/konto/login/")


def test_the_admin_action_resets_factors(client, alice, administrator):
    enrol_totp(alice)
    client.force_login(administrator)
    response = client.post("/admin/accounts/user/", {"action": "reset_second_factor", "_selected_action": [alice.pk]})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=alice).exists()


def test_demo_logins_prints_the_fixed_totp_secrets(db, capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo", youths=0)
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert demo_totp_secret("tovholder") in out and demo_totp_secret("admin") in out
    assert demo_totp_secret("ung") not in out


def test_demo_staff_sign_in_with_their_fixed_secret(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo", youths=0)
    response = sign_in(client, "teamleder", "kui-demo", demo_totp_secret("teamleder"))
    assert response.status_code == 302
    assert client.get("/", follow=True).status_code == 200


def test_demo_logins_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_logins")
