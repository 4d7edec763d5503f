"""Queueing Celery work after commit, without ever failing the user's write.

If Redis is down, the contact or step is still saved; the nightly scan (or
the next successful queueing) catches up. Only the failure is logged, with
task name and ids — never personal data.
"""
import logging

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    def send():
        try:
            task.delay(*args)
        except (KombuOperationalError, ConnectionError, OSError):
            logger.warning("queue unavailable; %s%s will be caught up by the periodic job", task.name, args)

    transaction.on_commit(send)
