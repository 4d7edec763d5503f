import random

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kui.demo.core import (
    DEMO_PASSWORD,
    DEMO_USERS,
    DemoContext,
    already_seeded,
    refresh_planner_statistics,
    seed_core,
)


class Command(BaseCommand):
    help = "Create synthetic Danish demo data: organisations, demo users for every role, youths and their cases."

    def add_arguments(self, parser):
        parser.add_argument("--youths", type=int, default=60, help="How many youths to create (default 60).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed; the same seed gives the same data.")

    def handle(self, *args, youths: int, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo makes users with a known password and refuses to run when DEBUG is off.")
        if youths < 0:
            raise CommandError("--youths must be 0 or more.")
        if already_seeded():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        context = DemoContext(rng=random.Random(seed), youth_count=youths)  # nosec B311  # seeded on purpose: demo data must be reproducible
        with transaction.atomic():
            seed_core(context)
            for app_config in apps.get_app_configs():
                hook = getattr(app_config, "seed_demo", None)
                if hook is not None:
                    hook(context)
            refresh_planner_statistics()
        names = ", ".join(username for username, *_ in DEMO_USERS)
        self.stdout.write(self.style.SUCCESS(f"Demo data created. Users: {names}; password: {DEMO_PASSWORD}"))
