"""Spot checks of the audit trail for the data-protection coordinator.

Logging is only worth something if someone reads it. Four kinds of lookup
deserve a second look, over a chosen period and, if wanted, one user:

- a youth's file read by someone who is neither a current contact person
  of the youth nor in the youth's team;
- break-the-glass access (events whose action starts with "break_glass"),
  with the reason the user gave;
- many distinct youths looked up within one hour (KUI_SPOT_CHECK_YOUTHS_PER_HOUR);
- lookups outside working hours (before 7, from 18, weekends, Danish public holidays).

Every month a random sample of lookups is drawn to be reviewed and signed
off; drawing, viewing and signing off are themselves audited. Youths appear
by public id and team: the coordinator's job is to ask the looker why, not
to read the case file.
"""

import datetime
import random
from collections import defaultdict, deque
from dataclasses import dataclass

import holidays
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from kui.accounts.models import User
from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_record
from youths.models import ContactPersonAssignment, SpotCheckSample, Youth

PERMISSION = "audit.review_spot_checks"
BREAK_GLASS_PREFIX = "break_glass"
WORKDAY_STARTS, WORKDAY_ENDS = 7, 18
SAMPLE_SIZE = 10


class Kind:
    OUTSIDE_CASELOAD = "outside_caseload"
    BREAK_GLASS = "break_glass"
    MANY_YOUTHS = "many_youths"
    OUT_OF_HOURS = "out_of_hours"


@dataclass
class Finding:
    kind: str
    event: AuditEvent
    youth_id: str
    team: str
    detail: str


def may_review(user) -> bool:
    return user.is_authenticated and bool(user.organisation_id) and user.has_perm(PERMISSION)


def _events(organisation_id, since: datetime.date, until: datetime.date, actor_id=None):
    events = AuditEvent.objects.filter(
        actor__organisation_id=organisation_id, at__date__gte=since, at__date__lte=until
    ).order_by("at", "id")
    return events.filter(actor_id=actor_id) if actor_id else events


def out_of_hours(moment: datetime.datetime) -> bool:
    local = timezone.localtime(moment)
    return (
        local.hour < WORKDAY_STARTS
        or local.hour >= WORKDAY_ENDS
        or local.weekday() >= 5
        or local.date() in holidays.country_holidays("DK", years=local.year)
    )


def findings(*, organisation_id, since: datetime.date, until: datetime.date, actor_id=None) -> list[Finding]:
    events = list(_events(organisation_id, since, until, actor_id).select_related("actor"))
    lookups = [e for e in events if e.subject_id and e.action in {AuditAction.READ, AuditAction.EXPORT}]
    youths = {
        str(y.public_id): y
        for y in Youth.objects.filter(public_id__in={e.subject_id for e in lookups}).select_related("team")
    }
    holders = defaultdict(set)
    for youth_pk, person in ContactPersonAssignment.objects.filter(
        youth__public_id__in={e.subject_id for e in lookups}, ended_on__isnull=True
    ).values_list("youth_id", "contact_person_id"):
        holders[youth_pk].add(person)

    def team_of(subject) -> str:
        youth = youths.get(str(subject))
        return str(youth.team) if youth and youth.team_id else ""

    found = []
    for event in events:
        if event.action.startswith(BREAK_GLASS_PREFIX):
            found.append(
                Finding(
                    Kind.BREAK_GLASS,
                    event,
                    str(event.subject_id or ""),
                    team_of(event.subject_id),
                    gettext(event.purpose) if event.purpose else "",  # a code phrase from the catalogue
                )
            )
    for event in lookups:
        youth = youths.get(str(event.subject_id))
        actor = event.actor
        outside = youth and actor and actor.does_casework and actor.pk not in holders[youth.pk]
        if outside and not (actor.team_id and actor.team_id == youth.team_id):
            found.append(Finding(Kind.OUTSIDE_CASELOAD, event, str(event.subject_id), team_of(event.subject_id), ""))
        if out_of_hours(event.at):
            found.append(Finding(Kind.OUT_OF_HOURS, event, str(event.subject_id), team_of(event.subject_id), ""))
    found += _many_youths(lookups, team_of)
    return sorted(found, key=lambda f: (f.event.at, f.event.pk, f.kind))


def _many_youths(lookups, team_of) -> list[Finding]:
    """One finding each time a user's distinct youths within the past hour pass the limit."""
    limit = settings.KUI_SPOT_CHECK_YOUTHS_PER_HOUR
    window = datetime.timedelta(hours=1)
    found = []
    by_actor = defaultdict(list)
    for event in lookups:
        by_actor[event.actor_id].append(event)
    for events in by_actor.values():
        recent: deque = deque()
        flagged_until = None
        for event in events:
            recent.append(event)
            while recent and event.at - recent[0].at > window:
                recent.popleft()
            distinct = len({e.subject_id for e in recent})
            if distinct > limit and (flagged_until is None or event.at > flagged_until):
                found.append(
                    Finding(Kind.MANY_YOUTHS, event, str(event.subject_id), team_of(event.subject_id), str(distinct))
                )
                flagged_until = event.at + window
    return found


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def sample_draw(*, by: User, month: datetime.date) -> SpotCheckSample:
    """The month's sample, drawn once (a second call returns the same one)."""
    month = month_start(month)
    with transaction.atomic():
        sample = SpotCheckSample.objects.filter(organisation_id=by.organisation_id, month=month).first()
        if sample is not None:
            return sample
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        ids = list(
            _events(by.organisation_id, month, next_month - datetime.timedelta(days=1))
            .filter(subject_id__isnull=False, action=AuditAction.READ)
            .values_list("id", flat=True)
        )
        chosen = sorted(random.SystemRandom().sample(ids, min(SAMPLE_SIZE, len(ids))))
        sample = SpotCheckSample.objects.create(
            organisation_id=by.organisation_id, month=month, event_ids=chosen, drawn_by=by
        )
        audit_record(actor=by, action=AuditAction.CREATE, obj=sample, fields=["event_ids"], purpose="audit spot check")
    return sample


def sample_sign_off(*, sample: SpotCheckSample, by: User, conclusion: str) -> SpotCheckSample:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if sample.signed_off_at is not None:
        raise ValidationError(_("This sample has already been signed off."))
    sample.conclusion, sample.signed_off_by, sample.signed_off_at = conclusion, by, timezone.now()
    sample.full_clean()
    sample.save(update_fields=["conclusion", "signed_off_by", "signed_off_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=sample,
        fields=["conclusion", "signed_off_at"],
        purpose="audit spot check",
    )
    return sample


def sample_events(sample: SpotCheckSample):
    return AuditEvent.objects.filter(pk__in=sample.event_ids).select_related("actor").order_by("at")
