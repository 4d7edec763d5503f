"""Jobs queued for Celery survive a broker outage (kui/jobs): stored with
the change, handed over after the commit, and handed over again later by
`jobs.send_pending` when the broker was down. The broker here is real: the
in-memory transport; tests/production/test_faults.py stops a real Redis."""

import datetime

import pytest

from kui.celery_app import app
from kui.jobs import services
from kui.jobs.models import PendingJob

NOW = datetime.timedelta(0)


@pytest.fixture
def broker(settings):
    """Switch the app to a broker of the test's choosing (no eager tasks)."""

    def use(url: str):
        app.conf.update(task_always_eager=False)
        app.close()
        app.conf.update(broker_url=url, result_backend=settings.CELERY_RESULT_BACKEND)

    yield use
    app.close()
    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL, result_backend=settings.CELERY_RESULT_BACKEND, task_always_eager=True
    )


@pytest.fixture
def prune():
    app.loader.import_default_modules()  # every app's tasks, as a worker has them
    from kui.audit import tasks

    return tasks.prune_audit_trail


def test_embedded_mode_runs_the_job_after_the_commit(db, prune, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.job_queue(task=prune)
    assert len(callbacks) == 1 and PendingJob.objects.count() == 0


def test_a_job_the_broker_takes_leaves_no_row(db, broker, prune, django_capture_on_commit_callbacks):
    broker("memory://")
    with django_capture_on_commit_callbacks(execute=True):
        services.job_queue(task=prune, args=[])
    assert PendingJob.objects.count() == 0


def test_a_job_left_by_a_failed_hand_over_is_sent_later(db, broker):
    broker("memory://")
    PendingJob.objects.create(task="audit.prune", args=[], attempts=1)  # what a broker outage leaves
    assert services.pending_jobs_send(older_than=NOW) == 1
    assert PendingJob.objects.count() == 0


def test_a_job_still_being_handed_over_is_not_sent_twice(db, broker):
    broker("memory://")
    PendingJob.objects.create(task="audit.prune")
    assert services.pending_jobs_send(older_than=datetime.timedelta(seconds=60)) == 0
    assert PendingJob.objects.count() == 1
