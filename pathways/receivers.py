from django.dispatch import receiver

from kui.lib.queue import enqueue_on_commit
from youths.signals import case_changed


@receiver(case_changed)
def rescan_after_case_change(sender, youth, **kwargs):
    from pathways.tasks import scan_youth

    enqueue_on_commit(scan_youth, youth.pk)
