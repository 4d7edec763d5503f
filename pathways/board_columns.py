"""The pathways columns of the youths board: current activity, next step,
who has the ball, and open flags — added as annotations, so the board's
query count stays flat however many rows it shows."""

from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from pathways.models import BallHandover, Flag, FlagKind, Step
from youths.board import BoardExtension, register


def _annotate(queryset):
    today = timezone.localdate()
    steps = Step.objects.filter(pathway__youth=OuterRef("pk"), pathway__ended_on__isnull=True)
    current = steps.current_on(today).order_by("position", "starts_on")
    upcoming = steps.open().filter(starts_on__gte=today).order_by("starts_on")
    # Concat turns NULL parts into "", so pick the person or the organisation explicitly.
    ball = (
        BallHandover.objects.filter(youth=OuterRef("pk"))
        .annotate(
            holder_name=Case(
                When(
                    holder_user__isnull=False,
                    then=Concat("holder_user__first_name", Value(" "), "holder_user__last_name"),
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
        ball_holder=Subquery(ball.values("holder_name")[:1]),
        **flag_columns,
    )


def open_flag_labels(youth) -> list[tuple[str, str]]:
    return [(kind, label) for kind, label in FlagKind.choices if getattr(youth, f"flag_{kind}", False)]


# The board counts the days since contact itself, live (youths/board.py), so
# the no-contact flag adds no second cause to the row.
_COUNTED_BY_THE_BOARD = {FlagKind.NO_CONTACT}


def _row_causes(youth) -> list[tuple[str, str]]:
    return [
        ("red" if kind in FlagKind.alarming() else "amber", str(label))
        for kind, label in open_flag_labels(youth)
        if kind not in _COUNTED_BY_THE_BOARD
    ]


def register_columns() -> None:
    register(
        BoardExtension(
            name="pathways",
            annotate=_annotate,
            header_template="pathways/includes/_board_headers.html",
            cell_template="pathways/includes/_board_cells.html",
            row_causes=_row_causes,
            flag_choices=FlagKind.choices,
        )
    )
