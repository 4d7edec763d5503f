"""The periodic hand-over of jobs that were queued while the broker was down."""

import datetime

from celery import shared_task
from django.conf import settings

from kui.jobs import services


@shared_task(name="jobs.send_pending")
def send_pending_jobs() -> int:
    return services.pending_jobs_send(older_than=datetime.timedelta(seconds=settings.KUI_JOBS_RETRY_SECONDS))
