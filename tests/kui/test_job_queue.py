"""Jobs queued for Celery survive a broker outage (kui/jobs): stored with
the change, handed over after the commit, and handed over again later by
`jobs.send_pending` when the broker was down. The broker here is real: the
configured one (in-memory, or Redis in CI); tests/production/test_faults.py
stops a real Redis."""

import datetime

import pytest

from kui.celery_app import app
from kui.jobs import services
from kui.jobs.models import PendingJob

NOW = datetime.timedelta(0)


@pytest.fixture
def broker():
    """Jobs go to the configured broker (in-memory here, Redis in CI) instead
    of running eagerly; `use(None)` is embedded mode. Restored afterwards."""
    before = app.conf.task_always_eager

    def use(mode: str | None):
        app.conf.task_always_eager = mode is None

    yield use
    app.conf.task_always_eager = before
    app.control.purge()  # no worker ran what was sent: leave nothing for a later test's worker


@pytest.fixture
def prune():
    app.loader.import_default_modules()  # every app's tasks, as a worker has them
    from kui.audit import tasks

    return tasks.prune_audit_trail


def test_embedded_mode_runs_the_job_after_the_commit(db, broker, prune, django_capture_on_commit_callbacks):
    broker(None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.job_queue(task=prune)
    assert len(callbacks) == 1 and PendingJob.objects.count() == 0


def test_a_job_the_broker_takes_leaves_no_row(db, broker, prune, django_capture_on_commit_callbacks):
    broker("queued")
    with django_capture_on_commit_callbacks(execute=True):
        services.job_queue(task=prune, args=[])
    assert PendingJob.objects.count() == 0


def test_a_job_left_by_a_failed_hand_over_is_sent_later(db, broker, time_machine):
    broker("queued")
    PendingJob.objects.create(task="audit.prune", args=[], attempts=1)  # what a broker outage leaves
    time_machine.shift(datetime.timedelta(seconds=1))  # the clock stands still: the row must be older than now
    assert services.pending_jobs_send(older_than=NOW) == 1
    assert PendingJob.objects.count() == 0


def test_a_job_still_being_handed_over_is_not_sent_twice(db, broker):
    broker("queued")
    PendingJob.objects.create(task="audit.prune")
    assert services.pending_jobs_send(older_than=datetime.timedelta(seconds=60)) == 0
    assert PendingJob.objects.count() == 1
