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

from youths.models import SupportLevelThreshold, Youth


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


def contact_state(days: int | None, threshold: int) -> str:
    """Red once the support level's limit is passed (or never reached);
    amber in the last two days before it."""
    if days is None or days > threshold:
        return "red"
    if days >= threshold - 2:
        return "amber"
    return ""


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
        state = _worst(contact_state(days, threshold), *(ext.row_state(youth) for ext in EXTENSIONS))
        rows.append(BoardRow(youth=youth, days_since_contact=days, threshold=threshold, state=state))
    return rows
