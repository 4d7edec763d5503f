"""The Celery application.

With REDIS_URL set, a worker and beat run beside the web process. Without it
(embedded mode for `make run` and tests), tasks run eagerly in the caller and
`manage.py run_embedded_jobs` fires the beat schedule in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kui.settings")

app = Celery("kui")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
