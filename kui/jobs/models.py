"""Background jobs waiting for the broker (a transactional outbox).

A job is written in the same transaction as the change it follows, so it
exists exactly when the change does. Right after the commit it is handed to
Celery and the row goes; if Redis is down at that moment the row stays and
the periodic `jobs.send_pending` hands it over once Redis answers again.
Rows hold a task name and ids only: never personal data.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingJob(models.Model):
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("pending job")
        verbose_name_plural = _("pending jobs")
        ordering = ["queued_at", "pk"]
