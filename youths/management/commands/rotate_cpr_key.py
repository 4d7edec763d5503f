"""`manage.py rotate_cpr_key`: after a new SECRET_KEY or KUI_CPR_KEY (the old
ones kept in SECRET_KEY_FALLBACKS / KUI_CPR_KEY_FALLBACKS), re-encrypt and
re-hash every CPR number under the new keys, in batches. Safe to stop and run
again: it carries on with the numbers not yet done. Remove the fallbacks only
after it reports that none are left."""

from django.core.management.base import BaseCommand

from kui.lib.cpr import key_id
from youths.models import Youth
from youths.services import cpr_rekey_batch


class Command(BaseCommand):
    help = "Re-encrypt and re-hash every CPR number under the current keys (resumable)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--max-batches", type=int, default=0, help="Stop after this many batches (0: all).")

    def handle(self, *args, batch_size, max_batches, **options):
        done = batches = 0
        while count := cpr_rekey_batch(batch_size=batch_size):
            done, batches = done + count, batches + 1
            self.stdout.write(f"{done} CPR numbers under the new keys")
            if max_batches and batches >= max_batches:
                break
        left = Youth.objects.filter(cpr_encrypted__isnull=False).exclude(cpr_key_id=key_id()).count()
        self.stdout.write(f"Done: {done} re-encrypted in this run, {left} left.")
