"""Reminders that don't nag.

Once a day each contact person gets one e-mail listing the open flags of the
youths they hold the thread for; once a week each team lead gets the counts
per contact person. A person is written to only when something changed since
their last digest: the digest's fingerprint (a hash of the open flag ids) is
kept in ReminderLog and compared first. Nobody with nothing open is written to.

E-mail leaves the system, so it carries no sensitive details: a youth is
named by first name and initial only, with a link to the case file behind
the login; no CPR number, no notes, no themes.
"""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kui.accounts.models import CASEWORK_ROLES, Role, User
from pathways.models import Flag, FlagKind, ReminderLog
from youths.models import ContactPersonAssignment, Youth

logger = logging.getLogger(__name__)

DAILY, WEEKLY = "daily", "weekly"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def fingerprint(flag_ids: Iterable[int]) -> str:
    return hashlib.sha256(",".join(str(pk) for pk in sorted(flag_ids)).encode()).hexdigest()


def short_name(youth: Youth) -> str:
    """First name and the initial of the last name: enough for the contact
    person to recognise their youth, too little to identify them outside."""
    first = youth.preferred_name or youth.first_name
    return f"{first} {youth.last_name[:1]}." if youth.last_name else first


def absolute_url(path: str) -> str:
    return getattr(settings, "KUI_BASE_URL", DEFAULT_BASE_URL).rstrip("/") + path


@dataclass
class YouthLine:
    name: str
    url: str
    flags: list[Flag] = field(default_factory=list)


def _team_leads_by_team() -> tuple[dict[tuple[int, int | None], list[int]], dict[int, list[int]]]:
    leads = User.objects.filter(role=Role.TEAM_LEAD, is_active=True, organisation__isnull=False)
    by_team: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    by_organisation: dict[int, list[int]] = defaultdict(list)
    for lead_id, organisation_id, team_id in leads.values_list("pk", "organisation_id", "team_id"):
        by_team[(organisation_id, team_id)].append(lead_id)
        by_organisation[organisation_id].append(lead_id)
    return by_team, by_organisation


def open_flags_by_contact_person() -> dict[int, list[Flag]]:
    """Every open flag, keyed by who must act on it: the youth's current
    primary contact person — or, for a youth whose thread nobody holds
    (the contact person was deactivated or left the team), the team leads
    of the youth's team (of the organisation, if the team has none). The
    team leads are told of the kinds meant for them (`for_team_lead`, e.g.
    "losing contact") besides the contact person. A fixed number of queries."""
    current = (
        ContactPersonAssignment.objects.current().filter(youth=OuterRef("youth_id")).values("contact_person_id")[:1]
    )
    orphaned = Flag.objects.open().filter(kind=FlagKind.NO_CONTACT_PERSON, youth_id=OuterRef("youth_id"))
    flags = (
        Flag.objects.open()
        .annotate(recipient_id=Subquery(current), orphaned=Exists(orphaned))
        .select_related("youth", "step")
        .order_by("youth__first_name", "youth__last_name", "youth_id", "kind")
    )
    by_team, by_organisation = _team_leads_by_team()
    by_person: dict[int, list[Flag]] = defaultdict(list)
    for flag in flags:
        youth = flag.youth
        to_leads = flag.orphaned or flag.kind in FlagKind.for_team_lead()
        leads = by_team.get((youth.organisation_id, youth.team_id)) or by_organisation.get(youth.organisation_id, [])
        recipients = set(leads) if to_leads else set()
        if not flag.orphaned and flag.recipient_id is not None:
            recipients.add(flag.recipient_id)
        for person_id in recipients:
            by_person[person_id].append(flag)
    return by_person


def _claim(recipient: User, kind: str, print_: str) -> bool:
    """Record the digest as sent unless the same one already was. The
    conditional update makes two concurrent runs send it only once."""
    logs = ReminderLog.objects.filter(recipient=recipient, kind=kind)
    if logs.exclude(fingerprint=print_).update(fingerprint=print_, sent_at=timezone.now()):
        return True
    if logs.exists():
        return False
    try:
        with transaction.atomic():
            ReminderLog.objects.create(recipient=recipient, kind=kind, fingerprint=print_)
    except IntegrityError:
        return False
    return True


def _send(recipient: User, kind: str, print_: str, subject: str, template: str, context: dict) -> bool:
    """Claim and send in one transaction: if the mail server refuses, the
    claim is rolled back and the next run tries again."""
    try:
        with transaction.atomic():
            if not _claim(recipient, kind, print_):
                return False
            body = render_to_string(template, {**context, "recipient": recipient})
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    except (SMTPException, OSError):
        logger.warning("%s digest to user %s not sent; retried at the next run", kind, recipient.pk)
        return False
    return True


def _recipients(ids, roles) -> list[User]:
    return list(User.objects.filter(pk__in=ids, is_active=True, role__in=roles).exclude(email=""))


def _unchanged(kind: str, recipients: list[User], prints: dict[int, str]) -> set[int]:
    logs = ReminderLog.objects.filter(kind=kind, recipient__in=recipients).values_list("recipient_id", "fingerprint")
    return {recipient_id for recipient_id, print_ in logs if prints.get(recipient_id) == print_}


def _youth_lines(flags: list[Flag]) -> list[YouthLine]:
    lines: dict[int, YouthLine] = {}
    for flag in flags:
        youth = flag.youth
        if youth.pk not in lines:
            url = absolute_url(reverse("youths:profile", args=[youth.public_id]))
            lines[youth.pk] = YouthLine(short_name(youth), url)
        lines[youth.pk].flags.append(flag)
    return list(lines.values())


def send_daily_digests() -> int:
    """One e-mail per contact person with open flags that changed since the
    last one; returns how many were sent."""
    by_person = open_flags_by_contact_person()
    recipients = _recipients(by_person, CASEWORK_ROLES)
    prints = {user.pk: fingerprint(flag.pk for flag in by_person[user.pk]) for user in recipients}
    unchanged = _unchanged(DAILY, recipients, prints)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in recipients:
            if user.pk in unchanged:
                continue
            context = {
                "youths": _youth_lines(by_person[user.pk]),
                "count": len(by_person[user.pk]),
                "flags_url": absolute_url(reverse("pathways:flag_list")),
            }
            sent += _send(
                user, DAILY, prints[user.pk], _("KUI: youths who need you"), "pathways/email/daily_digest.txt", context
            )
    return sent


@dataclass
class PersonCount:
    name: str
    total: int
    by_kind: list[tuple[str, int]]


def _led_by(lead: User, person: User) -> bool:
    if lead.team_id:
        return person.team_id == lead.team_id
    return person.organisation_id == lead.organisation_id


def _person_count(person: User, flags: list[Flag]) -> PersonCount:
    counts: dict[str, int] = defaultdict(int)
    for flag in flags:
        counts[flag.kind] += 1
    by_kind = [(label, counts[kind]) for kind, label in FlagKind.choices if counts[kind]]
    return PersonCount(str(person), len(flags), by_kind)


def send_weekly_digests() -> int:
    """One e-mail per team lead with the open flags per contact person in
    their team (numbers only, no youths); sent only when the flags changed."""
    by_person = open_flags_by_contact_person()
    people = list(User.objects.filter(pk__in=by_person))
    leads = list(User.objects.filter(role=Role.TEAM_LEAD, is_active=True, organisation__isnull=False).exclude(email=""))
    teams = {lead.pk: [person for person in people if _led_by(lead, person)] for lead in leads}
    prints = {
        lead.pk: fingerprint(flag.pk for person in teams[lead.pk] for flag in by_person[person.pk])
        for lead in leads
        if teams[lead.pk]
    }
    unchanged = _unchanged(WEEKLY, leads, prints)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for lead in leads:
            if lead.pk not in prints or lead.pk in unchanged:
                continue
            counts = [_person_count(person, by_person[person.pk]) for person in teams[lead.pk]]
            context = {
                "people": counts,
                "count": sum(c.total for c in counts),
                "flags_url": absolute_url(reverse("pathways:flag_list")),
            }
            sent += _send(
                lead,
                WEEKLY,
                prints[lead.pk],
                _("KUI: this week's flags in your team"),
                "pathways/email/weekly_digest.txt",
                context,
            )
    return sent
