"""The board (tavle): the contact person's caseload at a glance.

Higher apps (pathways) add columns without youths importing them: they
register a `BoardExtension` whose `annotate` adds to the QuerySet and whose
template renders the extra cells (STYLE.md §11).
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
class BoardExtension:
    name: str
    annotate: Callable[[QuerySet], QuerySet]
    header_template: str
    cell_template: str
    # Rows this extension marks as needing attention (amber) or alarm (red).
    row_state: Callable[[Youth], str | None] = lambda youth: None
    # Flags the board can filter on (kinds of the `flags` relation), if any.
    flag_choices: list[tuple[str, str]] = field(default_factory=list)
    # Why the row is red or amber, in words (e.g. "No next step"), worst first.
    row_causes: Callable[[Youth], list[tuple[str, str]]] = lambda youth: []


EXTENSIONS: list[BoardExtension] = []


def register(extension: BoardExtension) -> None:
    if all(existing.name != extension.name for existing in EXTENSIONS):
        EXTENSIONS.append(extension)


def flag_choices() -> list[tuple[str, str]]:
    return [choice for extension in EXTENSIONS for choice in extension.flag_choices]


def board_queryset(base: QuerySet) -> QuerySet:
    queryset = (
        base.with_last_contact()
        .with_primary_contact_person()
        .select_related("team")
        .order_by("first_name", "last_name", "pk")
    )
    for extension in EXTENSIONS:
        queryset = extension.annotate(queryset)
    return queryset


@dataclass
class BoardRow:
    youth: Youth
    days_since_contact: int | None
    threshold: int
    state: str  # "red", "amber" or ""
    # (state, text) of every reason the row stands out, worst first.
    causes: list[tuple[str, str]] = field(default_factory=list)


def contact_state(days: int | None, threshold: int) -> str:
    """Red once the support level's limit is passed (or never reached);
    amber in the last two days before it."""
    if days is None or days > threshold:
        return "red"
    if days >= threshold - 2:
        return "amber"
    return ""


def contact_cause(days: int | None, threshold: int) -> tuple[str, str] | None:
    """The contact clock in words. It runs only for active youths: a paused
    youth is not expected to be contacted (board_rows)."""
    state = contact_state(days, threshold)
    if not state:
        return None
    if days is None:
        return state, str(_("never contacted"))
    if state == "red":
        return state, ngettext("no contact for %(days)d day", "no contact for %(days)d days", days) % {"days": days}
    left = threshold - days
    return state, ngettext("contact due within %(days)d day", "contact due within %(days)d days", left) % {"days": left}


def _worst(*states: str | None) -> str:
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
        causes = [cause for ext in EXTENSIONS for cause in ext.row_causes(youth)]
        if youth.status == YouthStatus.ACTIVE:
            contact = contact_cause(days, threshold)
            if contact is not None:
                causes.insert(0, contact)
        causes.sort(key=lambda cause: cause[0] != "red")
        state = _worst(*(cause_state for cause_state, _text in causes), *(ext.row_state(youth) for ext in EXTENSIONS))
        rows.append(BoardRow(youth=youth, days_since_contact=days, threshold=threshold, state=state, causes=causes))
    return rows


def row_cause_text(row: BoardRow) -> str:
    """The one wording of why a board row is red or amber, for its badge and
    its screen-reader text alike (e.g. "no contact for 12 days · No next
    step"); "" for a row that needs nothing. Every board view (table rows,
    phone cards) shows this, so the cause reads the same everywhere."""
    return " · ".join(text for _state, text in row.causes)
