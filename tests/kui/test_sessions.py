"""Session lifetimes: idle timeout, absolute lifetime, log out everywhere, and
the events that end all of a user's sessions."""

import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from kui.accounts import services


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client) -> bool:
    return client.get("/unge/").status_code == 200


def test_it_signs_out_after_thirty_idle_minutes(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = signed_in(alice)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert is_signed_in(client)
    with time_machine.travel(start + datetime.timedelta(minutes=60), tick=False):
        response = client.get("/unge/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/?next=/unge/")
    assert "uden aktivitet" in client.get(response["Location"]).content.decode()


def test_one_idle_session_ending_leaves_the_others(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        idle, busy = signed_in(alice), signed_in(alice)
    with time_machine.travel(start + datetime.timedelta(minutes=25), tick=False):
        assert is_signed_in(busy)
    with time_machine.travel(start + datetime.timedelta(minutes=40), tick=False):
        assert not is_signed_in(idle)
        assert is_signed_in(busy)


def test_activity_keeps_the_session_alive_until_eight_hours(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = signed_in(alice)
    for minutes in range(20, 8 * 60, 20):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert is_signed_in(client), minutes
    with time_machine.travel(start + datetime.timedelta(hours=8, minutes=5), tick=False):
        assert not is_signed_in(client)


def test_the_idle_timeout_is_configurable(alice, settings):
    settings.KUI_SESSION_IDLE_MINUTES = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = signed_in(alice)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert not is_signed_in(client)


def test_an_htmx_request_after_expiry_never_gets_the_login_page(alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = signed_in(alice)
    with time_machine.travel(start + datetime.timedelta(minutes=45), tick=False):
        response = client.post(
            "/unge/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/unge/?status=active"
        )
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/konto/login/?next=%2Funge%2F"
    assert b"<form" not in response.content


def test_log_out_everywhere_ends_the_other_sessions(alice):
    laptop, phone = signed_in(alice), signed_in(alice)
    response = phone.post("/konto/sessioner/log-ud-overalt/")
    assert response.status_code == 302
    assert not is_signed_in(laptop) and not is_signed_in(phone)


def test_logout_ends_all_sessions_of_the_user(alice, bob):
    laptop, phone, colleague = signed_in(alice), signed_in(alice), signed_in(bob)
    phone.post("/konto/logout/")
    assert not is_signed_in(laptop)
    assert is_signed_in(colleague)


def test_a_password_change_ends_the_other_sessions_but_not_this_one(alice, password):
    laptop, phone = signed_in(alice), signed_in(alice)
    new = "en-helt-ny-adgangskode-42"
    response = phone.post(
        "/konto/password/change/", {"old_password": password, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert not is_signed_in(laptop)
    assert is_signed_in(phone)


def test_deactivation_ends_the_sessions_and_reactivation_revives_none(alice):
    client = signed_in(alice)
    alice.is_active = False
    alice.save()
    assert not is_signed_in(client)
    alice.is_active = True
    alice.save()
    assert not is_signed_in(client)


def test_deactivation_through_update_fields_ends_the_sessions_too(alice):
    client = signed_in(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    alice.is_active = True
    alice.save(update_fields=["is_active"])
    assert not is_signed_in(client)


def test_a_factor_reset_ends_the_sessions(alice, administrator):
    client = signed_in(alice)
    services.user_factors_reset(user=alice, by=administrator)
    assert not is_signed_in(client)


def test_a_new_sign_in_after_log_out_everywhere_works(alice, time_machine):
    services.user_sessions_end(user=alice, by=alice, reason="test")
    time_machine.shift(datetime.timedelta(seconds=1))  # the clock stands still; a new sign-in comes later
    assert is_signed_in(signed_in(alice))


def test_the_sessions_page_offers_log_out_everywhere(client, alice):
    client.force_login(alice)
    html = client.get("/konto/sessioner/").content.decode()
    assert "Log ud overalt" in html and "30 minutter" in html
