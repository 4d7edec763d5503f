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
    Contact,
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
    # A contact its reader logged and may still correct or remove (the window of
    # settings.KUI_CONTACT_CORRECTION_HOURS); corrected ones say so.
    contact_id: int | None = None
    correctable: bool = False
    corrected: bool = False


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@dataclass
class _CaseFile:
    """The rows the profile and its timeline share, each read once."""

    assignments: list
    contacts: list
    notes: list
    meetings: list


def _timeline_sources(youth: Youth, case: _CaseFile, limit: int, user):
    """Each kind of event, newest first, at most `limit` of each: enough to
    fill the requested page after merging."""
    now = timezone.now()
    yield (
        TimelineEntry(
            c.happened_at,
            "contact",
            c.get_medium_display() + ("" if c.reached else " – " + str(_("not reached"))),
            c.note,
            str(c.logged_by),
            contact_id=c.pk,
            correctable=c.is_correctable_by(user, now),
            corrected=c.version > 1,
        )
        for c in case.contacts[:limit]
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
    yield (
        TimelineEntry(
            _as_datetime(a.started_on),
            "assignment",
            str(_("Contact person: %(name)s")) % {"name": a.contact_person},
            a.reason,
            str(a.assigned_by),
        )
        for a in case.assignments[:limit]
    )
    yield (
        TimelineEntry(_as_datetime(n.written_on), "note", n.get_theme_display(), n.text, str(n.written_by))
        for n in case.notes[:limit]
    )
    yield (
        TimelineEntry(_as_datetime(m.held_on), "intake", str(_("Intake meeting")), m.agreements, str(m.recorded_by))
        for m in case.meetings[:limit]
    )


def _page_number(page_number) -> int:
    try:
        return min(max(1, int(page_number or 1)), MAX_TIMELINE_PAGE)
    except (TypeError, ValueError):
        return 1


def _read_case_file(youth: Youth, user, limit: int) -> _CaseFile:
    return _CaseFile(
        assignments=list(youth.assignments.select_related("contact_person", "assigned_by")),
        # An entry about a third party only for the youth's own contact persons and team lead.
        contacts=list(Contact.objects.visible_to(user).filter(youth=youth).select_related("logged_by")[:limit]),
        notes=list(
            LogbookNote.objects.visible_to(user).filter(youth=youth).select_related("written_by", "concerns")[:limit]
        ),
        meetings=list(youth.intake_meetings.select_related("recorded_by")[:limit]),
    )


def timeline_page(youth: Youth, user, page_number, case: _CaseFile | None = None) -> "Paginator.page":
    number = _page_number(page_number)
    limit = number * TIMELINE_PAGE_SIZE + 1
    case = case or _read_case_file(youth, user, limit)
    merged = list(
        heapq.merge(
            *[
                sorted(source, key=lambda e: e.at, reverse=True)
                for source in _timeline_sources(youth, case, limit, user)
            ],
            key=lambda e: e.at,
            reverse=True,
        )
    )
    return Paginator(merged, TIMELINE_PAGE_SIZE).get_page(number)


NOTES_SHOWN = 20
MEETINGS_SHOWN = 5


def profile_context(youth: Youth, user, page_number=None) -> dict:
    limit = max(_page_number(page_number) * TIMELINE_PAGE_SIZE + 1, NOTES_SHOWN)
    case = _read_case_file(youth, user, limit)
    current = next((a for a in case.assignments if a.is_current), None)
    network = list(youth.network.select_related("organisation"))
    last_contact = youth.contacts.filter(reached=True).values_list("happened_at", flat=True).first()
    consents = list(youth.consents.select_related("organisation", "recorded_by"))
    return {
        "youth": youth,
        "current_assignment": current,
        "assignments": case.assignments,
        "status_changes": youth.status_changes.select_related("changed_by"),
        "consents": consents,
        "current_consents": [consent for consent in consents if consent.withdrawn_on is None],
        # Family and friends on the map; the other departments' professionals apart.
        "network": [person for person in network if person.valid_to is None and not person.is_professional],
        "professionals": [person for person in network if person.valid_to is None and person.is_professional],
        "network_history": sorted(network, key=lambda person: (person.valid_from, person.pk)),
        "last_contact": last_contact,
        "days_since_contact": days_since(last_contact),
        "threshold_days": SupportLevelThreshold.as_dict().get(youth.support_level),
        "timeline": timeline_page(youth, user, page_number, case),
        "extra_sections": profile_sections.SECTIONS,
        "intake_meetings": case.meetings[:MEETINGS_SHOWN],
        "notes": case.notes[:NOTES_SHOWN],
        "corrections": list(youth.corrections.select_related("changed_by")[:50]),
    }


def days_since(moment: datetime.datetime | None) -> int | None:
    if moment is None:
        return None
    return (timezone.localdate() - timezone.localtime(moment).date()).days
