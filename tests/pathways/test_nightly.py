"""The nightly job: the scan, then the digests of what it found, chained
(not an hour apart by the clock)."""

import datetime

import pytest
import time_machine

from kui.accounts.models import Role
from kui.celery_app import app
from pathways import tasks
from pathways.models import Flag, FlagKind
from tests.factories import UserFactory
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload

TUESDAY = datetime.datetime(2026, 12, 1, 5, 30, tzinfo=datetime.UTC)
MONDAY = datetime.datetime(2026, 11, 30, 5, 30, tzinfo=datetime.UTC)


@pytest.fixture
def eager(settings):
    """The chain runs in this process, as in embedded mode (with or without REDIS_URL)."""
    app.conf.update(task_always_eager=True)
    yield
    app.conf.update(task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)


def _stalled_youth(alice):
    """Active, contacted yesterday, a pathway without a next step: the scan
    raises "no next step"; before the scan there is no flag to tell of."""
    youth = youth_in_caseload(alice, first_name="Sofie", last_name="Østergaard")
    pathway_for(youth)
    return youth


def test_the_digest_tells_of_the_flag_the_scan_just_raised(alice, mailoutbox, eager):
    with time_machine.travel(TUESDAY, tick=False):
        _stalled_youth(alice)
        assert not Flag.objects.exists()
        tasks.nightly.apply()
    assert list(Flag.objects.open().values_list("kind", flat=True)) == [FlagKind.NO_NEXT_STEP]
    (digest,) = mailoutbox
    assert digest.to == [alice.email]
    assert "Sofie Ø." in digest.body


def test_on_mondays_the_weekly_digest_follows_too(alice, lead, mailoutbox, eager):
    with time_machine.travel(MONDAY, tick=False):
        _stalled_youth(alice)
        tasks.nightly.apply()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([alice.email, lead.email])


def test_on_other_days_no_weekly_digest(alice, lead, mailoutbox, eager):
    with time_machine.travel(TUESDAY, tick=False):
        _stalled_youth(alice)
        tasks.nightly.apply()
    assert [mail.to for mail in mailoutbox] == [[alice.email]]


def test_the_beat_runs_the_digests_only_through_the_nightly_chain(settings):
    tasks_by_clock = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "pathways.nightly" in tasks_by_clock
    for chained in ("pathways.scan", "pathways.send_daily_digests", "pathways.send_weekly_digests"):
        assert chained not in tasks_by_clock


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_digest_after_the_scan(alice, redis_url, settings, mailoutbox):
    from celery.contrib.testing.worker import start_worker

    UserFactory(role=Role.TEAM_LEAD, organisation=alice.organisation, email="")  # no weekly mail: no address
    _stalled_youth(alice)
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            last_id = app.send_task("pathways.nightly").get(timeout=30)
            app.AsyncResult(last_id).get(timeout=30)  # the end of the chain: the digests
    finally:
        app.close()
        app.conf.update(
            broker_url=settings.CELERY_BROKER_URL,
            result_backend=settings.CELERY_RESULT_BACKEND,
            task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        )
    assert Flag.objects.open().filter(kind=FlagKind.NO_NEXT_STEP).exists()
    assert [mail.to for mail in mailoutbox] == [[alice.email]]
