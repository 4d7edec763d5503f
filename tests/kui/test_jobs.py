"""Periodic jobs: the embedded runner for `make run`, and a real Celery
worker on Redis (CI) running the same task."""

import datetime

import pytest
import time_machine
from celery.schedules import schedule
from django.utils import timezone

from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_prune, audit_record
from kui.celery_app import app
from kui.lib.embedded_jobs import EmbeddedBeat


def _old_and_new_events(alice):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=6 * 365), tick=False):
        old = audit_record(actor=alice, action=AuditAction.LOGIN)
    return old, audit_record(actor=alice, action=AuditAction.LOGIN)


def test_prune_removes_only_events_past_retention(alice):
    _old, new = _old_and_new_events(alice)
    assert audit_prune() == 1
    assert list(AuditEvent.objects.exclude(action=AuditAction.PRUNE)) == [new]


def test_the_embedded_runner_fires_due_jobs_once(alice):
    _old_and_new_events(alice)
    clock = [timezone.now()]
    hourly = schedule(datetime.timedelta(hours=1), nowfun=lambda: clock[0])
    beat = EmbeddedBeat({"prune": {"task": "audit.prune", "schedule": hourly}}, now=lambda: clock[0])
    assert beat.tick() == []
    clock[0] += datetime.timedelta(hours=1, seconds=1)
    assert beat.tick() == ["prune"]
    assert AuditEvent.objects.exclude(action=AuditAction.PRUNE).count() == 1
    assert beat.tick() == []


def test_the_embedded_runner_takes_the_whole_beat_schedule(alice, settings):
    """`make run` hands it settings.CELERY_BEAT_SCHEDULE, intervals given as
    timedelta included; a minute later only those short intervals are due."""
    beat = EmbeddedBeat(settings.CELERY_BEAT_SCHEDULE)
    assert beat.due_entries() == []
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=settings.KUI_JOBS_RETRY_SECONDS + 1)):
        assert beat.due_entries() == ["jobs-send-pending"]


def test_the_beat_schedule_names_registered_tasks(settings):
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_the_job(alice, redis_url, settings):
    from celery.contrib.testing.worker import start_worker

    _old_and_new_events(alice)
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            assert app.send_task("audit.prune").get(timeout=20) == 1
    finally:
        app.conf.update(task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)
    assert AuditEvent.objects.exclude(action=AuditAction.PRUNE).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_healthz_sees_a_running_worker(client, redis_url, settings):
    from celery.contrib.testing.worker import start_worker

    settings.REDIS_URL = redis_url
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            body = client.get("/healthz").json()
    finally:
        app.conf.update(task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)
    assert body == {"database": "ok", "redis": "ok", "worker": "ok"}
