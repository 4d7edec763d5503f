"""Shared fixtures: personas after healthchecks' alice/bob/charlie, the frozen
clock, and the rules that keep CI honest (no skipped test when services are
required)."""

import os

import pytest
from django.core.cache import cache
from django.test import Client

from kui.accounts import second_factor
from kui.accounts.models import OrganisationKind, Role
from tests.clock import NOW
from tests.factories import TEST_PASSWORD, OrganisationFactory, TeamFactory, UserFactory

# Playwright's sync API keeps an event loop in the main thread; Django's ORM
# calls made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("KUI_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit_trail():
    """Transactional tests end with a flush of every table; the append-only
    audit trail lets that through only in the guard's `wipe` mode (which
    PostgreSQL honours in test_ databases only)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from kui.audit.guard import audit_mode

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with audit_mode("wipe", using=self.connection.alias):
            original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under KUI_REQUIRE_SERVICES=1 (CI) a skipped test is a failed test."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped under KUI_REQUIRE_SERVICES=1: {report.longrepr}"


@pytest.fixture(autouse=True)
def frozen_clock(request, time_machine):
    """Every test runs at tests.clock.NOW, so none reads the machine's clock.

    The clock stands still (tick=False), so "today", "now" and every deadline
    are the same on each run. Tests that run a live server and a real browser,
    a Celery worker or another process (marked `browser` or `services`) start
    at the same instant but let the clock move: timeouts, heartbeats and
    session expiry there need time to pass. A test that needs another moment
    moves the same `time_machine` fixture itself (`time_machine.move_to(...)`)."""
    if request.node.get_closest_marker("oidc") or "production" in request.node.path.parts:
        # The OpenID provider, and the gunicorn/Celery processes of tests/production,
        # run on the machine's real clock: the tokens they sign (iat, exp) and the
        # TOTP codes they accept are checked against ours, so ours must agree.
        return time_machine
    moving = request.node.get_closest_marker("browser") or request.node.get_closest_marker("services")
    time_machine.move_to(NOW, tick=bool(moving))
    return time_machine


_force_login = Client.force_login


def _force_login_with_second_factor(self, user, backend=None):
    """Tests that sign in with force_login get a session that has passed the
    second factor, as after entering a TOTP code (tests of the second factor
    itself sign in through the login form, or use client_without_second_factor)."""
    _force_login(self, user, backend)
    if getattr(self, "kui_skip_second_factor", False):
        return
    session = self.session
    second_factor.mark(session, user, "test")
    session.save()


Client.force_login = _force_login_with_second_factor


@pytest.fixture
def client_without_second_factor(client):
    client.kui_skip_second_factor = True
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Ungeindsatsen A", kind=OrganisationKind.KUI_UNIT)


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Ungeindsatsen B", kind=OrganisationKind.KUI_UNIT)


@pytest.fixture
def team_a(org_a):
    return TeamFactory(organisation=org_a, name="Team Nord")


@pytest.fixture
def alice(org_a, team_a):
    """A contact person in organisation A: owns the test youths."""
    return UserFactory(username="alice", first_name="Alice", role=Role.CONTACT_PERSON, organisation=org_a, team=team_a)


@pytest.fixture
def bob(org_a, team_a):
    """Alice's colleague in the same organisation and team."""
    return UserFactory(username="bob", first_name="Bob", role=Role.CONTACT_PERSON, organisation=org_a, team=team_a)


@pytest.fixture
def charlie(org_b):
    """A contact person in another organisation: should have no access."""
    return UserFactory(username="charlie", first_name="Charlie", role=Role.CONTACT_PERSON, organisation=org_b)


@pytest.fixture
def lead(org_a, team_a):
    return UserFactory(username="lead", first_name="Lene", role=Role.TEAM_LEAD, organisation=org_a, team=team_a)


@pytest.fixture
def steering(org_a):
    return UserFactory(username="steering", first_name="Søren", role=Role.STEERING, organisation=org_a)


@pytest.fixture
def administrator(org_a):
    return UserFactory(
        username="administrator",
        first_name="Anne",
        role=Role.ADMINISTRATOR,
        organisation=org_a,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def youth_user(db):
    return UserFactory(username="ungbruger", first_name="Oliver", role=Role.YOUTH, organisation=None)


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def redis_url():
    """The Redis of CI; without it (a laptop) the test is skipped — and under
    KUI_REQUIRE_SERVICES=1 that skip is turned into a failure above."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    return url
