from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kui.dashboards import periods, snapshots


class Command(BaseCommand):
    help = (
        "Write the monthly key-figure snapshots the trend charts read: the month that just ended, "
        "or the last N finished months (to fill the history after installing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=1, help="How many finished months, newest last (default 1).")

    def handle(self, *args, months: int, **options):
        if not 1 <= months <= 120:
            raise CommandError("--months must be between 1 and 120.")
        today = timezone.localdate()
        written = 0
        for month in periods.months_up_to(snapshots.previous_month(today).start, months):
            written += snapshots.snapshot_month(month=month, today=today)
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} figures for {months} month(s)."))
