"""Queueing Celery work so that a broker outage loses none of it (see models.py)."""

import datetime
import logging

from celery import Task
from django.db import transaction
from django.utils import timezone

from kui.celery_app import app
from kui.jobs.models import PendingJob

logger = logging.getLogger(__name__)


def _hand_over(job: PendingJob, task: Task | None = None) -> bool:
    """Publish one job; True when the broker took it (the row is then deleted)."""
    try:
        if task is not None:
            task.delay(*job.args)
        else:
            app.send_task(job.task, args=job.args)
    except Exception as error:  # the broker is down or unreachable: the row waits for the next try
        logger.warning("jobs: could not hand %s to the broker (%s); it stays queued", job.task, error)
        PendingJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
        return False
    PendingJob.objects.filter(pk=job.pk).delete()
    return True


def job_queue(*, task: Task, args: list | tuple = ()) -> None:
    """Run `task(*args)` in the background once the current transaction commits.

    In embedded mode (no broker, eager tasks) the task simply runs after the
    commit. Otherwise the job is stored first, then handed over: it survives
    a Redis outage and a crash between the commit and the hand-over."""
    if app.conf.task_always_eager:
        transaction.on_commit(lambda: task.delay(*args))
        return
    job = PendingJob.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: _hand_over(job, task))


def pending_jobs_send(*, older_than: datetime.timedelta, limit: int = 500) -> int:
    """Hand over the jobs the broker missed; returns how many it took.

    Only jobs older than `older_than` are touched, so a job whose own
    hand-over is still under way is not sent twice. Rows are claimed with
    SKIP LOCKED, so two runs at once share the work instead of doubling it."""
    sent = 0
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        jobs = list(PendingJob.objects.select_for_update(skip_locked=True).filter(queued_at__lt=cutoff)[:limit])
        for job in jobs:
            if not _hand_over(job):
                break  # the broker is still down: the rest waits for the next run
            sent += 1
    return sent
