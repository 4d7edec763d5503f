"""`manage.py retention [--dry-run]`: apply the retention rules now, or list
the youths (public id, status, reason) they would anonymise or trim."""

from django.core.management.base import BaseCommand

from youths.retention import retention_run


class Command(BaseCommand):
    help = "Anonymise or trim case files past their retention period (--dry-run: only list them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        found = retention_run(dry_run=dry_run)
        verb = "would" if dry_run else "did"
        for label, rows in (("anonymise", found.anonymise), ("trim", found.trim)):
            for youth, reason in rows:
                self.stdout.write(f"{label}\t{youth.public_id}\t{youth.status}\t{reason}")
        self.stdout.write(f"{verb} anonymise {len(found.anonymise)}, {verb} trim {len(found.trim)}")
