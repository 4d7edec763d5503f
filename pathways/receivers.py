from django.dispatch import receiver

from youths.signals import case_changed, intake_recorded


@receiver(case_changed)
def rescan_after_case_change(sender, youth, contact=None, **kwargs):
    """Re-check this one youth's flags at once (a handful of queries), so the
    board row the contact person is looking at answers immediately; the
    nightly scan still covers everyone. A logged contact can only change the
    flags that count contacts (and, reached or not, the misses in a row)."""
    from pathways import engine, no_shows
    from pathways.models import FlagKind
    from youths.models import Contact

    if contact is not None:
        no_shows.contact_logged(contact=contact)
    kinds = (
        [FlagKind.NO_CONTACT, FlagKind.KUI_DEADLINE, FlagKind.LOSING_CONTACT, FlagKind.OVERDUE_TASK]
        if sender is Contact
        else None
    )
    engine.scan(youth_ids=[youth.pk], kinds=kinds)


@receiver(intake_recorded)
def start_the_plan_at_intake(sender, meeting, by, **kwargs):
    """The intake meeting starts the plan (pathways.services.plan_start_at_intake)."""
    from pathways import services

    services.plan_start_at_intake(meeting=meeting, by=by)
