"""Celery tasks of the pathways app: thin, they take ids (or nothing) and
call the engine or a service."""

import logging

from celery import chain, shared_task
from django.utils import timezone

from pathways import engine

logger = logging.getLogger(__name__)


# Acknowledged only when done, and put back if the worker process dies mid-way
# (OOM, SIGKILL): the scan is idempotent, so running it again is always safe
# and the flags of a half-finished run are completed, never lost.
@shared_task(name="pathways.scan", acks_late=True, reject_on_worker_lost=True)
def scan_pathways() -> dict:
    result = engine.scan()
    logger.info("pathway scan: raised %s, resolved %s", result.raised, result.resolved)
    return {"raised": result.raised, "resolved": result.resolved}


@shared_task(name="pathways.send_daily_digests")
def send_daily_digests() -> int:
    from pathways import reminders

    return reminders.send_daily_digests()


@shared_task(name="pathways.send_weekly_digests")
def send_weekly_digests() -> int:
    from pathways import reminders

    return reminders.send_weekly_digests()


@shared_task(name="pathways.aftercare_tasks")
def aftercare_tasks() -> int:
    from pathways import aftercare

    return aftercare.aftercare_tasks_create()


@shared_task(name="pathways.nightly")
def nightly() -> str:
    """The nightly scan, then the digests of what it found. Chained rather
    than set an hour apart on the clock: a digest starts only when the scan
    has finished, never reports yesterday's flags, and is not sent when the
    scan failed. Team leads' weekly digest follows on Mondays."""
    steps = [scan_pathways.si(), send_daily_digests.si()]
    if timezone.localdate().weekday() == 0:
        steps.append(send_weekly_digests.si())
    return chain(*steps).apply_async().id
