"""`manage.py audit_verify`: walk the audit trail's hash chain and name the
first broken link (exit status 1), for the data-protection coordinator's
regular check and after a restore."""

from django.core.management.base import BaseCommand, CommandError

from kui.audit.services import audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; name the first broken link."

    def handle(self, *args, **options):
        checked, broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event {broken.event_id}: {broken.reason} ({checked} events before it are intact)."
            )
        self.stdout.write(f"Audit chain intact: {checked} events.")
