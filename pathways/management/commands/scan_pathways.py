import argparse
import datetime

from django.core.management.base import BaseCommand

from pathways import engine


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {value!r}") from None


class Command(BaseCommand):
    help = "Run the 'always a next step' scan now: raise and resolve flags for every pathway."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="Scan as if it were this day (YYYY-MM-DD): to re-run a missed night or to test a date.",
        )

    def handle(self, *args, today=None, **options):
        result = engine.scan(today)
        for kind in result.raised:
            self.stdout.write(f"{kind}: +{result.raised[kind]} / -{result.resolved[kind]}")
