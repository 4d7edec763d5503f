from django.dispatch import receiver
from django.utils.translation import gettext as _

from partners.signals import partner_outcome_recorded, referral_accepted
from youths.signals import case_changed, intake_recorded


@receiver(case_changed)
def rescan_after_case_change(sender, youth, **kwargs):
    """Re-check this one youth's flags at once (a handful of queries), so the
    board row the contact person is looking at answers immediately; the
    nightly scan still covers everyone."""
    from pathways import engine

    engine.scan(youth_ids=[youth.pk])


@receiver(intake_recorded)
def start_the_plan_at_intake(sender, meeting, by, **kwargs):
    """The intake meeting starts the plan: the pathway (with the youth's
    goal) if there is none, "what starts right away" as its first planned
    step, and the ball with the named contact person."""
    from django.core.exceptions import ValidationError

    from pathways import services
    from pathways.models import BallHandover, StepType

    youth = meeting.youth
    if meeting.starts_now_kind not in StepType.values:
        raise ValidationError({"starts_now_kind": _("Choose the kind of activity.")})
    pathway = youth.pathways.filter(ended_on__isnull=True).first()
    if pathway is None:
        pathway = services.pathway_start(youth=youth, by=by, goal=meeting.goal, started_on=meeting.held_on)
    try:
        services.step_add(
            pathway=pathway,
            by=by,
            note=_("Agreed at the intake meeting"),
            step_type=meeting.starts_now_kind,
            title=meeting.starts_now,
            starts_on=meeting.starts_now_on,
            review_on=meeting.starts_now_review_on,
        )
    except ValidationError as error:
        raise ValidationError({"starts_now": error.messages}) from None
    holder = BallHandover.objects.filter(youth=youth).first()
    if holder is None or holder.holder_user_id != meeting.contact_person_id:
        services.ball_hand_over(
            youth=youth,
            by=by,
            handed_on=meeting.held_on,
            holder_user=meeting.contact_person,
            note=_("Named at the intake meeting"),
        )


# --- Partners (partners/signals.py): what a partner decided becomes part of the plan.


@receiver(referral_accepted)
def add_step_for_accepted_referral(sender, referral, by, **kwargs):
    """The accepted offer becomes a step in the youth's active pathway. No
    active pathway: refuse (the acceptance is rolled back) rather than start
    one with a goal nobody agreed with the youth."""
    from django.core.exceptions import ValidationError

    from pathways import services

    pathway = referral.youth.pathways.filter(ended_on__isnull=True).first()
    if pathway is None:
        raise ValidationError(
            _(
                "The youth has no active pathway any more, so the referral cannot become a step. "
                "Ask the contact person to start one."
            )
        )
    offer = referral.offer
    return services.step_add(
        pathway=pathway,
        by=by,
        note=_("Accepted referral"),
        step_type=offer.kind,
        title=offer.title,
        partner=offer.organisation,
        mentor=offer.mentor.name if offer.mentor else "",
        starts_on=referral.starts_on,
        ends_on=referral.ends_on,
        hours_per_week=offer.hours_per_week,
        weekdays=list(offer.weekdays or []),
    )


@receiver(partner_outcome_recorded)
def record_partner_outcome(sender, youth, step_public_id, outcome, by, **kwargs):
    """Only a step hosted by the partner's own organisation, of that youth."""
    from django.core.exceptions import ValidationError

    from pathways import services
    from pathways.models import Step

    step = (
        Step.objects.filter(public_id=step_public_id, pathway__youth=youth, partner_id=by.organisation_id)
        .select_related("pathway__youth")
        .first()
    )
    if step is None:
        raise ValidationError(_("Choose one of the youth's current steps with you."))
    return services.step_record_outcome(step=step, by=by, outcome=outcome)
