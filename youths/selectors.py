"""Reads for the case-file pages: a fixed number of queries per page,
whatever the number of rows."""

import datetime
import heapq
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youths import profile_sections
from youths.models import (
    LogbookNote,
    SupportLevelThreshold,
    Youth,
)

TIMELINE_PAGE_SIZE = 25
# The merge reads page × size rows of each kind; deeper pages are not offered.
MAX_TIMELINE_PAGE = 200


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str
    label: str
    text: str
    by: str


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _timeline_sources(youth: Youth, user, limit: int):
    """Each kind of event, newest first, at most `limit` of each: enough to
    fill the requested page after merging."""
    contacts = youth.contacts.select_related("logged_by")[:limit]
    yield (
        TimelineEntry(
            c.happened_at,
            "contact",
            c.get_medium_display() + ("" if c.reached else " – " + str(_("not reached"))),
            c.note,
            str(c.logged_by),
        )
        for c in contacts
    )
    changes = youth.status_changes.select_related("changed_by")[:limit]
    yield (
        TimelineEntry(
            _as_datetime(s.changed_on),
            "status",
            str(_("Status: %(status)s")) % {"status": s.get_to_status_display()},
            s.reason,
            str(s.changed_by),
        )
        for s in changes
    )
    assignments = youth.assignments.select_related("contact_person", "assigned_by")[:limit]
    yield (
        TimelineEntry(
            _as_datetime(a.started_on),
            "assignment",
            str(_("Contact person: %(name)s")) % {"name": a.contact_person},
            a.reason,
            str(a.assigned_by),
        )
        for a in assignments
    )
    notes = LogbookNote.objects.visible_to(user).filter(youth=youth).select_related("written_by")[:limit]
    yield (
        TimelineEntry(_as_datetime(n.written_on), "note", n.get_theme_display(), n.text, str(n.written_by))
        for n in notes
    )
    meetings = youth.intake_meetings.select_related("recorded_by")[:limit]
    yield (
        TimelineEntry(_as_datetime(m.held_on), "intake", str(_("Intake meeting")), m.agreements, str(m.recorded_by))
        for m in meetings
    )


def timeline_page(youth: Youth, user, page_number) -> "Paginator.page":
    try:
        number = min(max(1, int(page_number or 1)), MAX_TIMELINE_PAGE)
    except (TypeError, ValueError):
        number = 1
    limit = number * TIMELINE_PAGE_SIZE + 1
    merged = list(
        heapq.merge(
            *[sorted(source, key=lambda e: e.at, reverse=True) for source in _timeline_sources(youth, user, limit)],
            key=lambda e: e.at,
            reverse=True,
        )
    )
    return Paginator(merged, TIMELINE_PAGE_SIZE).get_page(number)


def profile_context(youth: Youth, user, page_number=None) -> dict:
    assignments = list(youth.assignments.select_related("contact_person", "assigned_by"))
    current = next((a for a in assignments if a.is_primary and a.ended_on is None), None)
    last_contact = youth.contacts.filter(reached=True).values_list("happened_at", flat=True).first()
    return {
        "youth": youth,
        "current_assignment": current,
        "assignments": assignments,
        "status_changes": youth.status_changes.select_related("changed_by"),
        "consents": youth.consents.select_related("organisation", "recorded_by"),
        "network": list(youth.network.all()),
        "last_contact": last_contact,
        "days_since_contact": days_since(last_contact),
        "threshold_days": SupportLevelThreshold.as_dict().get(youth.support_level),
        "timeline": timeline_page(youth, user, page_number),
        "extra_sections": profile_sections.SECTIONS,
        "intake_meetings": list(youth.intake_meetings.all()[:5]),
        "notes": LogbookNote.objects.visible_to(user).filter(youth=youth).select_related("written_by")[:20],
        "corrections": list(youth.corrections.select_related("changed_by")[:50]),
    }


def days_since(moment: datetime.datetime | None) -> int | None:
    if moment is None:
        return None
    return (timezone.localdate() - timezone.localtime(moment).date()).days
