"""Embedded mode for periodic jobs: fire the Celery beat schedule inside one
process, so `make run` needs no Redis, worker or beat.

Tasks are called eagerly (CELERY_TASK_ALWAYS_EAGER); the schedule objects are
Celery's own, so what runs here is what beat would run in production.
"""

import logging
import time
from datetime import datetime

from celery.schedules import maybe_schedule
from django.utils import timezone

from kui.celery_app import app

logger = logging.getLogger(__name__)


class EmbeddedBeat:
    def __init__(self, schedule: dict, now=timezone.now):
        app.loader.import_default_modules()  # registers every app's tasks, as a worker would
        # Beat takes a plain timedelta (or seconds) as an interval too; so must we.
        self.schedule = {
            name: {**entry, "schedule": maybe_schedule(entry["schedule"])} for name, entry in schedule.items()
        }
        self.now = now
        self.last_run: dict[str, datetime] = {name: now() for name in schedule}

    def due_entries(self) -> list[str]:
        due = []
        for name, entry in self.schedule.items():
            is_due, _next = entry["schedule"].is_due(self.last_run[name])
            if is_due:
                due.append(name)
        return due

    def tick(self) -> list[str]:
        """Run every due entry once; returns the names that ran."""
        ran = []
        for name in self.due_entries():
            entry = self.schedule[name]
            self.last_run[name] = self.now()
            try:
                app.tasks[entry["task"]].apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
                ran.append(name)
            except Exception:  # one failing job must not stop the others
                logger.exception("embedded job %s failed", name)
        return ran

    def run_forever(self, interval: float = 30.0) -> None:
        while True:
            self.tick()
            time.sleep(interval)
