"""The contact person invites the youth; the youth chooses a password and lands on their own page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from kui.accounts.models import Role, User
from tests.youths.factories import youth_in_caseload


@pytest.fixture
def sofie(alice):
    return youth_in_caseload(alice, first_name="Sofie", last_name="Østergaard", email="Sofie@Example.dk")


def invite(client, user, youth, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(f"/unge/{youth.public_id}/portfolio/invitation/")


def link_in(message) -> str:
    """The invitation link's path (the e-mail has it absolute, on KUI_BASE_URL)."""
    return urlsplit(re.search(r"https?://\S+/velkommen/\S+/", message.body).group(0)).path


def test_it_makes_a_youth_login_and_sends_the_link(client, alice, sofie, django_capture_on_commit_callbacks):
    response = invite(client, alice, sofie, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    sofie.refresh_from_db()
    login = sofie.user
    assert login.role == Role.YOUTH and login.organisation is None and not login.has_usable_password()
    assert login.username == "sofie@example.dk"
    assert [message.to for message in mail.outbox] == [["sofie@example.dk"]] and "/velkommen/" in mail.outbox[0].body


def test_the_youth_sets_a_password_and_lands_on_their_page(client, alice, sofie, django_capture_on_commit_callbacks):
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    client.logout()
    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    response = client.post(
        form_url, {"new_password1": "Lager-og-logistik-26", "new_password2": "Lager-og-logistik-26"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mig/" and response.status_code == 200
    sofie.refresh_from_db()
    assert sofie.user.check_password("Lager-og-logistik-26")


def test_the_link_works_only_once(client, alice, sofie, django_capture_on_commit_callbacks):
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "Lager-og-logistik-26", "new_password2": "Lager-og-logistik-26"})
    client.logout()
    response = client.get(link)
    assert response.status_code == 200 and not response.context["validlink"]


def test_a_password_reset_token_is_no_invitation(client, alice, sofie, django_capture_on_commit_callbacks):
    from django.contrib.auth.tokens import default_token_generator

    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    sofie.refresh_from_db()
    uid = link_in(mail.outbox[0]).split("/")[2]
    client.logout()
    response = client.get(f"/velkommen/{uid}/{default_token_generator.make_token(sofie.user)}/")
    assert not response.context["validlink"]


def test_a_staff_login_cannot_be_taken_over_by_an_invitation_link(client, alice):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from portfolio.invitations import invitation_tokens

    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    response = client.get(f"/velkommen/{uid}/{invitation_tokens.make_token(alice)}/")
    assert response.status_code == 200 and not response.context["validlink"]


def test_without_an_email_address_nothing_is_made(client, alice, django_capture_on_commit_callbacks):
    youth = youth_in_caseload(alice, email="")
    response = invite(client, alice, youth, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and response.context["error"]
    assert not User.objects.filter(role=Role.YOUTH).exists() and not mail.outbox


def test_an_address_used_by_another_login_is_refused(client, alice, sofie, django_capture_on_commit_callbacks):
    User.objects.create(username="sofie@example.dk", role=Role.YOUTH)
    response = invite(client, alice, sofie, django_capture_on_commit_callbacks)
    sofie.refresh_from_db()
    assert response.context["error"] and sofie.user is None and not mail.outbox


def test_a_second_invitation_reuses_the_login(client, alice, sofie, django_capture_on_commit_callbacks):
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    assert User.objects.filter(role=Role.YOUTH).count() == 1 and len(mail.outbox) == 2


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_others_cannot_invite(client, request, sofie, persona, django_capture_on_commit_callbacks):
    response = invite(client, request.getfixturevalue(persona), sofie, django_capture_on_commit_callbacks)
    assert response.status_code == 404 and not mail.outbox


def test_a_youth_who_has_a_password_cannot_be_reinvited(client, alice, sofie, django_capture_on_commit_callbacks):
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    sofie.refresh_from_db()
    sofie.user.set_password("en-god-adgangskode-42")
    sofie.user.save()
    mail.outbox.clear()
    sofie.email = "ny@example.dk"
    sofie.save()
    invite(client, alice, sofie, django_capture_on_commit_callbacks)
    assert mail.outbox == []
