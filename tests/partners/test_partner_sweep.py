"""Partner staff isolation over every URL of the project, on the URL sweep's
world (tests/test_url_sweep.py): the baker of "Bageriet", where the world's
youth has a current step and a consent naming the bakery, reaches the
partner pages for that youth and nothing else; another company's staff
reach nothing at all."""

import pytest
from django.utils import timezone

from tests.test_url_sweep import PUBLIC, all_routes, build_path, partner_staff, world  # noqa: F401 (fixtures)
from youths import services as youth_services

OWN_PAGES = {"partners:portal_youth", "partners:referral_answer"}
OWN_FORMS = {"partners:portal_attendance", "partners:portal_outcome", "partners:portal_message"}
# Pages without parameters a partner may open besides their own start page.
ACCOUNT_PAGES = {"landing", "partners:portal", "password_change", "password_change_done"}
# Every user's own sign-in pages (sessions, re-authentication, two-factor set-up): not about youths.
SIGN_IN_PAGES = {
    "sessions",
    "logout_everywhere",
    "account_reauthenticate",
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_trust",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}


def object_routes(world):
    for name, route, pattern in all_routes():
        if name not in PUBLIC and pattern.pattern.converters:
            yield name, build_path(route, pattern, world)


def test_the_partner_reaches_their_youths_pages(client, world):
    client.force_login(world["baker"])
    seen = set()
    for name, path in object_routes(world):
        if name in OWN_PAGES:
            assert client.get(path).status_code == 200, name
        elif name in OWN_FORMS:
            assert client.post(path).status_code == 200, name  # the page again, with the form's errors
        seen.add(name)
    assert seen >= OWN_PAGES | OWN_FORMS


def test_the_partner_gets_404_on_every_other_object_url(client, world):
    client.force_login(world["baker"])
    checked = 0
    for name, path in object_routes(world):
        if name in OWN_PAGES | OWN_FORMS:
            continue
        assert client.post(path).status_code == 404, f"POST {name} {path}"
        assert client.get(path).status_code in {404, 405}, f"GET {name} {path}"
        checked += 1
    assert checked > 40


def test_the_partner_gets_404_on_every_other_page(client, world):
    client.force_login(world["baker"])
    for name, route, pattern in all_routes():
        if name in PUBLIC | ACCOUNT_PAGES | SIGN_IN_PAGES or pattern.pattern.converters:
            continue
        path = build_path(route, pattern, world)
        assert client.get(path).status_code in {404, 405}, f"GET {name} {path}"
        assert client.post(path).status_code in {404, 405}, f"POST {name} {path}"


def test_another_companys_staff_get_404_on_the_partner_pages(client, world, partner_staff):
    client.force_login(partner_staff)
    for name, path in object_routes(world):
        if name in OWN_PAGES | OWN_FORMS:
            assert client.get(path).status_code in {404, 405}, name
            assert client.post(path).status_code == 404, name


def test_withdrawing_consent_closes_every_partner_page(client, world):
    consent = world["youth"].consents.get(organisation=world["bakery"])
    youth_services.consent_withdraw(consent=consent, by=world["alice"], withdrawn_on=timezone.localdate())
    client.force_login(world["baker"])
    for name, path in object_routes(world):
        if name in OWN_PAGES | OWN_FORMS:
            assert client.get(path).status_code in {404, 405}, name
            assert client.post(path).status_code == 404, name


@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES - {"landing", "partners:portal"} | {"sessions"}))
def test_the_partner_keeps_the_account_pages(client, world, name):
    from django.urls import reverse

    client.force_login(world["baker"])
    assert client.get(reverse(name)).status_code == 200
