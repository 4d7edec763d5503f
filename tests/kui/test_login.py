import pytest

from kui.audit.models import AuditAction, AuditEvent


@pytest.mark.django_db
def test_login_page_is_danish(client):
    response = client.get("/konto/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert "Adgangskode" in html


def test_it_logs_in_and_lands_on_the_two_factor_set_up(client, alice, password):
    response = client.post("/konto/login/", {"username": "alice", "password": password}, follow=True)
    assert response.redirect_chain[0][0] == "/"
    assert response.redirect_chain[-1][0].startswith("/konto/2fa/totp/activate/")
    assert response.context["user"] == alice
    assert AuditEvent.objects.filter(actor=alice, action=AuditAction.LOGIN).count() == 1


def test_a_wrong_password_gives_a_danish_error(client, alice):
    response = client.post("/konto/login/", {"username": "alice", "password": "forkert"})
    assert response.status_code == 200
    assert "Forkert brugernavn eller adgangskode" in response.content.decode()
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.actor_label == "alice"
    assert "forkert" not in str(failed.__dict__)


def test_empty_login_gives_danish_field_errors(client, db):
    response = client.post("/konto/login/", {"username": "", "password": ""})
    assert "Dette felt er påkrævet" in response.content.decode()


def test_an_overlong_username_is_a_form_error(client, db):
    response = client.post("/konto/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 200


def test_logout_needs_post(client, alice):
    client.force_login(alice)
    assert client.get("/konto/logout/").status_code == 405
    assert client.post("/konto/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_danish_mail(client, alice, mailoutbox):
    response = client.post("/konto/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "adgangskode" in mailoutbox[0].body.lower()


def test_password_change_rejects_a_short_password(client, alice, password):
    client.force_login(alice)
    response = client.post(
        "/konto/password/change/", {"old_password": password, "new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 200
    assert "for kort" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(password)
