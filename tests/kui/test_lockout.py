"""Lockout after repeated failed logins (django-axes) and throttled password resets."""

import datetime

import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from kui.accounts import services
from kui.audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory

FIVE = 5


def fail(client, username, times, **extra):
    for _ in range(times):
        client.post("/konto/login/", {"username": username, "password": "forkert"}, **extra)


def test_five_failures_lock_the_username_even_with_the_right_password(client, alice, password):
    fail(client, "alice", FIVE)
    response = client.post("/konto/login/", {"username": "alice", "password": password})
    assert response.status_code == 429
    assert "For mange mislykkede login. Prøv igen om 15 minutter" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_four_failures_do_not_lock(client, alice, password):
    fail(client, "alice", FIVE - 1)
    response = client.post("/konto/login/", {"username": "alice", "password": password})
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(alice.pk)


def test_the_lock_holds_from_another_address(client, alice, password):
    fail(client, "alice", FIVE, REMOTE_ADDR="10.0.0.1")
    response = client.post("/konto/login/", {"username": "alice", "password": password}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429


def test_five_failures_from_one_address_lock_that_address(client, alice, bob, password):
    for name in ["x1", "x2", "x3", "x4", "x5"]:
        fail(client, name, 1, REMOTE_ADDR="10.0.0.9")
    response = client.post("/konto/login/", {"username": "bob", "password": password}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    other = client.post("/konto/login/", {"username": "bob", "password": password}, REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 302


def test_the_lock_holds_for_fifteen_minutes(client, alice, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "alice", FIVE)
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert client.post("/konto/login/", {"username": "alice", "password": password}).status_code == 429


def test_the_lock_lifts_after_the_cool_off(client, alice, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "alice", FIVE)
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert client.post("/konto/login/", {"username": "alice", "password": password}).status_code == 302


def test_the_limit_and_cool_off_are_configurable(client, alice, password, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=60)
    fail(client, "alice", 2)
    response = client.post("/konto/login/", {"username": "alice", "password": password})
    assert response.status_code == 429 and "om 60 minutter" in response.content.decode()


def test_a_cpr_shaped_username_is_masked_in_what_axes_stores(client, db):
    fail(client, "010203-4321", 2)
    stored = list(AccessAttempt.objects.values_list("username", flat=True)) + list(
        AccessFailureLog.objects.values_list("username", flat=True)
    )
    assert stored and all("4321" not in name and "010203" not in name for name in stored)
    assert all(name.startswith("cpr-masked-") for name in stored)


def test_an_administrator_lifts_the_lock_audited(client, alice, administrator, password):
    fail(client, "alice", FIVE)
    services.user_unlock(user=alice, by=administrator)
    assert client.post("/konto/login/", {"username": "alice", "password": password}).status_code == 302
    event = AuditEvent.objects.get(purpose="lockout lifted")
    assert event.actor == administrator and event.object_id == str(alice.pk)


def test_the_admin_action_lifts_the_lock(client, alice, administrator):
    fail(client, "alice", FIVE)
    client.force_login(administrator)
    client.post("/admin/accounts/user/", {"action": "lift_lockout", "_selected_action": [alice.pk]})
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_a_lockout_is_audited_without_the_password(client, alice):
    fail(client, "alice", FIVE)
    event = AuditEvent.objects.get(purpose="locked out")
    assert event.action == AuditAction.LOGIN_FAILED and event.actor_label == "alice"


def test_password_reset_requests_are_throttled(client, alice, mailoutbox, settings):
    settings.KUI_PASSWORD_RESET_RATE_PER_HOUR = 3
    for _ in range(3):
        assert client.post("/konto/password/reset/", {"email": alice.email}).status_code == 302
    response = client.post("/konto/password/reset/", {"email": alice.email})
    assert response.status_code == 429
    assert "For mange anmodninger om at nulstille" in response.content.decode()
    assert len(mailoutbox) == 3


def test_password_reset_throttle_counts_per_address_too(client, db, mailoutbox, settings):
    settings.KUI_PASSWORD_RESET_RATE_PER_HOUR = 2
    for n in range(2):
        UserFactory(username=f"u{n}", email=f"u{n}@example.dk")
        client.post("/konto/password/reset/", {"email": f"u{n}@example.dk"})
    UserFactory(username="u9", email="u9@example.dk")
    assert client.post("/konto/password/reset/", {"email": "u9@example.dk"}).status_code == 429
    assert len(mailoutbox) == 2
