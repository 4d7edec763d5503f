"""Retention: personal data leaves kui when the municipality may no longer
hold it, and the anonymous statistics stay.

Two rules, run nightly by `retention_run` (and `manage.py retention --dry-run`
lists what would go without touching anything):

- **Anonymise** a youth whose case closed (a status in
  KUI_RETENTION_DAYS) longer ago than that status's period, and anyone who
  has turned 30 and is no longer in the effort. The youth row stays, so the
  steering figures (status, dates, team, support level, age band, steps by
  type and outcome) keep counting; everything that says who the youth is or
  what was written about them goes: names, CPR number, contact details,
  birth date rounded to the middle of its year, the login; every free text
  on every row hanging off the youth is blanked, and rows that are nothing
  but personal (logbook notes, network, intake minutes, reflections,
  messages, earlier values) are deleted.
- **Trim** a youth aged 25 to 29 whose case is closed to what the KUI rules
  allow to be kept until 30: education status, education plan, highest
  completed education, plans and goals. Identity stays (the record must be
  findable), as do the pathway's goal and the titles and outcomes of its
  steps; contact details, contacts, notes and every other free text go.

Rows hanging off a youth are found by walking the relations to Youth, as the
data export does, so a model a later app adds is covered without a change
here. Each run writes one audit event per rule, naming the youths by public id.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from kui.accounts.models import User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from youths.models import StatusChange, Youth, YouthStatus

IN_EFFORT = {YouthStatus.ACTIVE, YouthStatus.PAUSED, YouthStatus.WAITING}
TRIM_FROM_AGE, ANONYMISE_AT_AGE = 25, 30
DEPTH = 3
# Rows that are nothing but personal data: deleted on anonymising and trimming.
PERSONAL_ONLY = {
    "youths.logbooknote",
    "youths.networkperson",
    "youths.documentsnapshot",
    "youths.departmentmeasure",
    "youths.intakemeeting",
    "youths.youthcorrection",
    "youths.contactrevision",
    "portfolio.reflection",
    # The youth's reminder choices (a mobile number, the calendar's secret address) and the log of
    # reminders sent: contact details, so they go with the phone and e-mail.
    "portfolio.remindersettings",
    "portfolio.remindersent",
    "partners.partnermessage",
}
# Free text a trim keeps: the plans, goals and education plan.
TRIM_KEEPS = {"pathways.pathway": {"goal"}, "pathways.step": {"title", "outcome"}}
ANONYMOUS_NAME = "Anonymiseret"


@dataclass
class Plan:
    anonymise: list = field(default_factory=list)  # (youth, reason)
    trim: list = field(default_factory=list)


def _related(model=Youth, prefix: str = "", seen: tuple = (), depth: int = DEPTH):
    if depth == 0:
        return
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many or related in seen or related is model:
            continue
        lookup = f"{relation.field.name}__{prefix}" if prefix else relation.field.name
        yield related, lookup
        yield from _related(related, lookup, (*seen, model), depth - 1)


def _free_text_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not f.choices
        and not f.unique
        and not f.primary_key
        and not f.is_relation
    ]


def _birthday_cutoff(today: datetime.date, age: int) -> datetime.date:
    """Born on or before this day means at least `age` years old today."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February
        return today.replace(year=today.year - age, day=28)


def plan(today: datetime.date | None = None) -> Plan:
    today = today or timezone.localdate()
    closed_on = StatusChange.objects.filter(youth=OuterRef("pk"), to_status=OuterRef("status")).order_by(
        "-changed_on", "-recorded_at"
    )
    youths = (
        Youth.objects.filter(anonymised_on__isnull=True)
        .annotate(closed_on=Subquery(closed_on.values("changed_on")[:1]))
        .order_by("pk")
    )
    result = Plan()
    periods = settings.KUI_RETENTION_DAYS
    thirty = _birthday_cutoff(today, ANONYMISE_AT_AGE)
    twenty_five = _birthday_cutoff(today, TRIM_FROM_AGE)
    for youth in youths.filter(~Q(status__in=IN_EFFORT) | Q(birth_date__lte=thirty)):
        period = periods.get(youth.status)
        if period is not None and youth.closed_on and youth.closed_on + datetime.timedelta(days=period) <= today:
            result.anonymise.append((youth, f"closed as {youth.status} on {youth.closed_on.isoformat()}"))
        elif youth.birth_date <= thirty and youth.status not in IN_EFFORT - {YouthStatus.WAITING}:
            result.anonymise.append((youth, "30 years old"))
        elif youth.birth_date <= twenty_five and youth.status not in IN_EFFORT and youth.trimmed_on is None:
            result.trim.append((youth, "25 years old, case closed"))
    return result


def _clear_related(ids: list[int], *, keep: dict[str, set]) -> None:
    for model, lookup in _related():
        label = model._meta.label_lower
        rows = model._default_manager.filter(**{f"{lookup}__in": ids})
        if label in PERSONAL_ONLY:
            rows.delete()
            continue
        blank = {name: "" for name in _free_text_fields(model) if name not in keep.get(label, set())}
        if blank:
            rows.update(**blank)


def _anonymise(youths: list[Youth], today: datetime.date) -> None:
    ids = [youth.pk for youth in youths]
    _clear_related(ids, keep={})
    # The youth's own login: closed and stripped of the name (usernames are unique, so one per id).
    for user in User.objects.filter(youth__pk__in=ids):
        User.objects.filter(pk=user.pk).update(
            is_active=False, first_name="", last_name="", email="", username=f"anonym-{uuid.uuid4().hex[:12]}"
        )
    for youth in youths:
        Youth.objects.filter(pk=youth.pk).update(
            first_name=ANONYMOUS_NAME,
            last_name="",
            preferred_name="",
            birth_date=datetime.date(youth.birth_date.year, 7, 1),
            cpr_encrypted=None,
            cpr_hash=None,
            cpr_key_id="",
            phone="",
            email="",
            address="",
            education_background="",
            user=None,
            anonymised_on=today,
        )


def _trim(youths: list[Youth], today: datetime.date) -> None:
    ids = [youth.pk for youth in youths]
    _clear_related(ids, keep=TRIM_KEEPS)
    Youth.objects.filter(pk__in=ids).update(phone="", email="", address="", trimmed_on=today)


def retention_run(*, today: datetime.date | None = None, dry_run: bool = False) -> Plan:
    today = today or timezone.localdate()
    found = plan(today)
    if dry_run:
        return found
    with transaction.atomic():
        if found.anonymise:
            _anonymise([youth for youth, _ in found.anonymise], today)
            audit_record(
                actor=None,
                action=AuditAction.DELETE,
                actor_label="retention job",
                purpose="retention: anonymised",
                subjects=[youth.public_id for youth, _ in found.anonymise],
            )
        if found.trim:
            _trim([youth for youth, _ in found.trim], today)
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                actor_label="retention job",
                purpose="retention: trimmed at 25",
                subjects=[youth.public_id for youth, _ in found.trim],
            )
    return found
