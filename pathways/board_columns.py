"""The pathways columns of the youths board: current activity, next step,
who has the ball, and why a row needs attention (its open flags in words) —
added as annotations, so the board's query count stays flat however many
rows it shows."""

from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.models import BallHandover, Flag, FlagKind, Step
from youths.board import BoardExtension, Cause, register


def _annotate(queryset):
    today = timezone.localdate()
    current = Step.objects.confirmed_current(today).of_youth(OuterRef("pk")).order_by("position", "starts_on")
    upcoming = Step.objects.upcoming(today).of_youth(OuterRef("pk"))
    # Concat turns NULL parts into "", so pick the person or the organisation explicitly.
    ball = (
        BallHandover.objects.filter(youth=OuterRef("pk"))
        .annotate(
            holder_name=Case(
                When(
                    holder_user__isnull=False,
                    then=Concat("holder_user__first_name", Value(" "), "holder_user__last_name"),
                ),
                When(
                    holder_professional__isnull=False,
                    then=Concat(
                        "holder_professional__name", Value(" ("), "holder_professional__organisation__name", Value(")")
                    ),
                ),
                default=F("holder_organisation__name"),
            )
        )
        .order_by("-handed_on", "-recorded_at", "-pk")
    )
    open_flags = Flag.objects.open().filter(youth=OuterRef("pk"))
    flag_columns = {f"flag_{kind}": Exists(open_flags.filter(kind=kind)) for kind in FlagKind.values}
    return queryset.annotate(
        current_activity=Subquery(current.values("title")[:1]),
        next_step_on=Subquery(upcoming.values("starts_on")[:1]),
        next_step_title=Subquery(upcoming.values("title")[:1]),
        ball_holder=Subquery(ball.values("holder_name")[:1]),
        **flag_columns,
    )


def open_flag_labels(youth) -> list[tuple[str, str]]:
    return [(kind, label) for kind, label in FlagKind.choices if getattr(youth, f"flag_{kind}", False)]


# What each flag means for the contact person, in words; the board names the
# contact gap itself (with its days and limit), so that flag is not repeated.
CAUSE_TEXTS = {
    FlagKind.NO_NEXT_STEP: _("No next step planned"),
    FlagKind.OVERDUE_STEP: _("A step has ended without an outcome"),
    FlagKind.KUI_DEADLINE: _("Dropped out under 18: act before the KUI deadline"),
    FlagKind.OVERDUE_TASK: _("A task is overdue"),
    FlagKind.DUE_FOR_REVIEW: _("A step is due for review"),
    FlagKind.NO_CONTACT_PERSON: _("No contact person: the team lead names one"),
    FlagKind.WAITING_TOO_LONG: _("Waiting too long for an intake meeting"),
    FlagKind.NOT_STARTED: _("Did it start? A planned step's start date has passed"),
    FlagKind.PLAN_REVIEW_OVERDUE: _("The plan has not been reviewed with the youth in time"),
    FlagKind.LOSING_CONTACT: _("Three misses in a row: contact with the youth is slipping"),
}


def flag_causes(youth) -> list[Cause]:
    return [
        Cause("red" if kind in FlagKind.alarming() else "amber", str(CAUSE_TEXTS[kind]))
        for kind, _label in open_flag_labels(youth)
        if kind in CAUSE_TEXTS
    ]


def register_columns() -> None:
    register(
        BoardExtension(
            name="pathways",
            annotate=_annotate,
            header_template="pathways/includes/_board_headers.html",
            cell_template="pathways/includes/_board_cells.html",
            causes=flag_causes,
            flag_choices=FlagKind.choices,
        )
    )
