from django.conf import settings
from django.core.management.base import BaseCommand

from kui.lib.embedded_jobs import EmbeddedBeat


class Command(BaseCommand):
    help = "Run the periodic jobs (the Celery beat schedule) in this process, for embedded mode without Redis."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between checks for due jobs.")

    def handle(self, *args, interval: float, **options):
        names = ", ".join(settings.CELERY_BEAT_SCHEDULE) or "(none yet)"
        self.stdout.write(f"Embedded jobs running: {names}")
        EmbeddedBeat(settings.CELERY_BEAT_SCHEDULE).run_forever(interval)
