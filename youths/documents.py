"""Generated documents are snapshots (youths/models.py DocumentSnapshot):
the data of a document is gathered once, when it is made, from what was true
at the meeting — the network map as it stood on the meeting's day (its dated
history), the contact person's details, the agreements — and every later
page or PDF is drawn from that data. A new version is a new snapshot."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from youths.models import DocumentKind, DocumentSnapshot, IntakeMeeting, NetworkPerson, Youth


@dataclass(frozen=True)
class PersonThen:
    """A network person as recorded in a document (what network_map draws)."""

    name: str
    relation: str
    ring: int
    supportive: bool


def network_then(youth: Youth, day: datetime.date) -> list[dict]:
    """Family and friends on the map on that day."""
    people = NetworkPerson.objects.filter(youth=youth).private().on(day).order_by("ring", "name", "pk")
    return [{"name": p.name, "relation": p.relation, "ring": p.ring, "supportive": p.supportive} for p in people]


def professionals_then(youth: Youth, day: datetime.date) -> list[dict]:
    """The other departments' professionals around the youth on that day."""
    people = (
        NetworkPerson.objects.filter(youth=youth).professional().on(day).select_related("organisation").order_by("pk")
    )
    return [{"name": p.name, "role": p.relation, "service": str(p.organisation), "phone": p.phone} for p in people]


def people_of(data: dict) -> list[PersonThen]:
    return [PersonThen(**person) for person in data.get("network", [])]


def _person(user: User) -> dict:
    return {"name": str(user), "phone": user.phone or "", "email": user.email or ""}


def _intake_data(meeting: IntakeMeeting) -> dict:
    return {
        "youth_name": meeting.youth.display_name,
        "held_on": meeting.held_on.isoformat(),
        "participants": meeting.participants,
        "contact_person": _person(meeting.contact_person),
        "youth_wishes": meeting.youth_wishes,
        "agreements": meeting.agreements,
        "starts_now": meeting.starts_now,
        "starts_now_on": meeting.starts_now_on.isoformat() if meeting.starts_now_on else "",
        "starts_now_review_on": meeting.starts_now_review_on.isoformat() if meeting.starts_now_review_on else "",
        "goal": meeting.goal,
        "network": network_then(meeting.youth, meeting.held_on),
        "professionals": professionals_then(meeting.youth, meeting.held_on),
    }


def snapshot_make(
    *, kind: str, source_id: int, youth: Youth | None, data: dict, by: User, subject_ids=()
) -> DocumentSnapshot:
    """Store a new version of a document. Two people making one at the same
    moment get one each, numbered in turn (the unique version is retried)."""
    for _attempt in range(3):
        latest = DocumentSnapshot.objects.of(kind, source_id).aggregate(latest=Max("version"))["latest"] or 0
        try:
            with transaction.atomic():
                snapshot = DocumentSnapshot.objects.create(
                    kind=kind, source_id=source_id, youth=youth, version=latest + 1, data=data, made_by=by
                )
        except IntegrityError:
            continue
        for subject_id in subject_ids or ([youth.public_id] if youth else []):
            audit_record(actor=by, action=AuditAction.CREATE, obj=snapshot, subject_id=subject_id, fields=["data"])
        return snapshot
    raise ValidationError(_("Someone else made a new version at the same time. Try again."))


def intake_minutes(meeting: IntakeMeeting, by: User) -> DocumentSnapshot:
    """The minutes as made; the first time they are asked for, they are made."""
    return DocumentSnapshot.objects.latest_of(DocumentKind.INTAKE_MINUTES, meeting.pk) or intake_minutes_renew(
        meeting=meeting, by=by
    )


def intake_minutes_renew(*, meeting: IntakeMeeting, by: User) -> DocumentSnapshot:
    """A new version: the meeting's network as the map's history has it now."""
    return snapshot_make(
        kind=DocumentKind.INTAKE_MINUTES, source_id=meeting.pk, youth=meeting.youth, data=_intake_data(meeting), by=by
    )


def made_on(snapshot: DocumentSnapshot) -> datetime.date:
    return timezone.localtime(snapshot.made_at).date()
