"""The board (tavle): the contact person's caseload at a glance.

Higher apps (pathways) add columns without youths importing them: they
register a `BoardExtension` whose `annotate` adds to the QuerySet and whose
template renders the extra cells (docs/ARCHITECTURE.md, "Seams between layers").
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from youths.models import SupportLevelThreshold, Youth, YouthStatus


@dataclass(frozen=True)
class Cause:
    """Why a row is red or amber, in words the contact person acts on
    ("No contact for 12 days (limit 7)", "No next step planned")."""

    state: str  # "red" or "amber"
    text: str


@dataclass(frozen=True)
class BoardExtension:
    name: str
    annotate: Callable[[QuerySet], QuerySet]
    header_template: str
    cell_template: str
    # Why this extension marks a row red or amber (the row takes the worst).
    causes: Callable[[Youth], list[Cause]] = lambda youth: []
    # Flags the board can filter on (kinds of the `flags` relation), if any.
    flag_choices: list[tuple[str, str]] = field(default_factory=list)


EXTENSIONS: list[BoardExtension] = []


def register(extension: BoardExtension) -> None:
    if all(existing.name != extension.name for existing in EXTENSIONS):
        EXTENSIONS.append(extension)


def flag_choices() -> list[tuple[str, str]]:
    return [choice for extension in EXTENSIONS for choice in extension.flag_choices]


def board_queryset(base: QuerySet) -> QuerySet:
    """The board's columns as annotations on `base` (the caller's scope): a
    fixed number of queries whatever the number of rows."""
    queryset = (
        base.with_last_contact()
        .with_primary_contact_person()
        .select_related("team")
        .order_by("first_name", "last_name", "pk")
    )
    for extension in EXTENSIONS:
        queryset = extension.annotate(queryset)
    return queryset


def in_caseload_of(queryset: QuerySet, person) -> QuerySet:
    """A contact person's current youths as a semi-join on their current
    assignments (assignment_person_idx), so the board reads those rows and
    not the whole organisation."""
    return queryset.in_caseload_of(person)


@dataclass
class BoardRow:
    youth: Youth
    days_since_contact: int | None
    threshold: int
    state: str  # "red", "amber" or ""
    causes: list[Cause] = field(default_factory=list)
    contact_person: object = None


def contact_state(days: int | None, threshold: int) -> str:
    """Red once the support level's limit is passed (or never reached);
    amber in the last two days before it."""
    if days is None or days > threshold:
        return "red"
    if days >= threshold - 2:
        return "amber"
    return ""


def contact_cause(days: int | None, threshold: int) -> Cause | None:
    state = contact_state(days, threshold)
    if not state:
        return None
    if days is None:
        return Cause(state, _("No contact logged"))
    if state == "red":
        text = ngettext(
            "No contact for %(days)d day (limit %(limit)d)",
            "No contact for %(days)d days (limit %(limit)d)",
            days,
        )
    else:
        text = ngettext(
            "Contact due soon: %(days)d day of %(limit)d",
            "Contact due soon: %(days)d days of %(limit)d",
            days,
        )
    return Cause(state, text % {"days": days, "limit": threshold})


def row_causes(youth: Youth, days: int | None, threshold: int) -> list[Cause]:
    """Every reason the row needs attention, the contact gap first: the one
    place the board's red and amber come from."""
    # The contact clock runs only for active youths: a paused youth is not expected to be contacted.
    causes = [contact_cause(days, threshold)] if youth.status == YouthStatus.ACTIVE else []
    for extension in EXTENSIONS:
        causes.extend(extension.causes(youth))
    return sorted((cause for cause in causes if cause is not None), key=lambda cause: cause.state != "red")


def _worst(causes: list[Cause]) -> str:
    states = {cause.state for cause in causes}
    for state in ("red", "amber"):
        if state in states:
            return state
    return ""


def board_rows(youths, today: datetime.date | None = None) -> list[BoardRow]:
    today = today or timezone.localdate()
    thresholds = SupportLevelThreshold.as_dict()
    rows = []
    for youth in youths:
        last = youth.last_contact_at
        days = None if last is None else (today - timezone.localtime(last).date()).days
        threshold = thresholds[youth.support_level]
        causes = row_causes(youth, days, threshold)
        rows.append(
            BoardRow(youth=youth, days_since_contact=days, threshold=threshold, state=_worst(causes), causes=causes)
        )
    return rows


def row_cause_text(row: BoardRow) -> str:
    """The one wording of why a board row is red or amber, for its badge and
    its screen-reader text alike (e.g. "no contact for 12 days · No next
    step"); "" for a row that needs nothing. Every board view (table rows,
    phone cards) shows this, so the cause reads the same everywhere."""
    return " · ".join(cause.text for cause in row.causes)
