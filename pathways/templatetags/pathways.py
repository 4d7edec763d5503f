import datetime
from dataclasses import dataclass

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.board_columns import open_flag_labels
from pathways.models import BallHandover, Pathway, Step, StepEvent, StepEventKind, StepStatus, Weekday

register = template.Library()


@register.filter
def open_flags(youth) -> list[tuple[str, str]]:
    return open_flag_labels(youth)


@dataclass(frozen=True)
class PlanSummary:
    pathway: Pathway | None
    current_step: Step | None
    next_step: Step | None
    ball: BallHandover | None
    # The step the contact person acts on next (record its outcome): the
    # current step, or else the latest one that ended without an outcome.
    action_step: Step | None = None


def plan_summary_for(youth, today: datetime.date | None = None) -> PlanSummary:
    """What the youth profile's plan card shows, in four queries: the
    active pathway, its current and next step and the newest ball
    handover. The caller has already checked that the user may see the
    youth."""
    today = today or timezone.localdate()
    pathway = youth.pathways.active().first()
    current = next_step = action_step = None
    if pathway is not None:
        current = Step.objects.confirmed_current(today).of_youth(youth).select_related("partner").first()
        next_step = Step.objects.upcoming(today).of_youth(youth).select_related("partner").first()
        action_step = current or Step.objects.awaiting_outcome_for(youth, today)
    ball = (
        BallHandover.objects.filter(youth=youth)
        .select_related("holder_user", "holder_organisation", "holder_professional__organisation")
        .first()
    )
    return PlanSummary(pathway, current, next_step, ball, action_step)


@register.simple_tag
def plan_summary(youth) -> PlanSummary:
    """{% plan_summary youth as plan %} — used by the profile's plan card."""
    return plan_summary_for(youth)


@register.filter
def weekday_labels(days) -> str:
    """[0, 2] → "Monday, Wednesday" in the active language."""
    return ", ".join(str(Weekday(day).label) for day in days or [] if day in Weekday.values)


@register.filter
def event_summary(event: StepEvent) -> str:
    """A plan-history row in words: the new status, the direction of a
    move, the fields that changed, or the note given."""
    if event.kind == StepEventKind.STATUS and event.note in StepStatus.values:
        return str(StepStatus(event.note).label)
    if event.kind == StepEventKind.MOVED:
        return str(_("moved up") if event.note == "up" else _("moved down"))
    if event.kind == StepEventKind.CHANGED and event.fields:
        names = ", ".join(str(_field_label(name)) for name in event.fields)
        return " – ".join(part for part in (names, event.note) if part)
    return event.note


def _field_label(name: str) -> str:
    try:
        return Step._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name
