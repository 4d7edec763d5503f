"""The "always a next step" engine.

One scan finds every cause of concern over all youths and syncs the flags
with two SQL statements per flag kind: an UPDATE that resolves open flags
whose cause is gone, and an INSERT … SELECT that raises the missing ones.
No loop over youths, so the number of queries is the same for 10 or 50,000
pathways. It is idempotent: the INSERT skips causes that already have an open
flag, and a partial unique index on open flags turns a concurrent scan's
duplicate into a no-op. People never edit flags; fixing the cause (planning
a step, logging a contact, recording an outcome) resolves them.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import BigIntegerField, CharField, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from kui.lib.dates import start_of_day, years_before
from pathways import no_shows, reviews
from pathways.models import Flag, FlagKind, NoShow, Step, StepStatus, Task
from youths.models import Contact, SupportLevelThreshold, Youth, YouthStatus

KUI_AGE_LIMIT = 18
KUI_LOOKBACK_DAYS = 90  # drops older than this no longer start a legal clock
# A typed NULL: PostgreSQL infers text for a bare NULL in an INSERT … SELECT.
NO_ID = Cast(Value(None), output_field=BigIntegerField())


@dataclass
class ScanResult:
    raised: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.raised.values()) or any(self.resolved.values())


@dataclass(frozen=True)
class Causes:
    """The rows that should carry an open flag (annotated flag_youth,
    flag_cause, flag_step, flag_task) and how to tell an open flag whose
    cause is still there."""

    rows: QuerySet
    still_caused: Q


def _youth_rows(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        flag_youth=F("pk"), flag_cause=Value("", output_field=CharField()), flag_step=NO_ID, flag_task=NO_ID
    )


def _step_rows(queryset: QuerySet, prefix: str) -> QuerySet:
    return queryset.annotate(
        flag_youth=F("pathway__youth_id"),
        flag_cause=Concat(Value(prefix), Cast("pk", CharField())),
        flag_step=F("pk"),
        flag_task=NO_ID,
    )


# Which youths each kind of flag concerns. Waiting youths have the waiting
# list's own clock; completed and withdrawn youths carry no flags at all (the
# scan resolves what they had). A paused youth is still on the board: the
# legal KUI clock and the staff's own tasks keep running, the contact and
# plan rules do not.
FOLLOWED = [YouthStatus.ACTIVE]
ON_BOARD = sorted(YouthStatus.on_board())


def no_next_step(today: datetime.date, scope: QuerySet) -> Causes:
    ahead = Step.objects.next_steps(today).filter(pathway__youth=OuterRef("pk"), pathway__ended_on__isnull=True)
    stalled = scope.filter(status__in=FOLLOWED).exclude(Exists(ahead))
    return Causes(_youth_rows(stalled), Q(youth__in=stalled.values("pk")))


def no_contact(today: datetime.date, scope: QuerySet) -> Causes:
    too_long = Q(last_contact__isnull=True)
    for level, days in SupportLevelThreshold.as_dict().items():
        too_long |= Q(support_level=level, last_contact__lt=start_of_day(today - datetime.timedelta(days=days)))
    stalled = (
        scope.filter(status__in=FOLLOWED)
        .annotate(last_contact=Max("contacts__happened_at", filter=Q(contacts__reached=True)))
        .filter(too_long)
    )
    return Causes(_youth_rows(stalled), Q(youth__in=stalled.values("pk")))


def no_contact_person(today: datetime.date, scope: QuerySet) -> Causes:
    """Nobody holds the thread: the contact person was deactivated or left the
    team (or none was named). The team lead gets the flag and the digest."""
    orphans = scope.without_contact_person()
    return Causes(_youth_rows(orphans), Q(youth__in=orphans.values("pk")))


def waiting_too_long(today: datetime.date, scope: QuerySet) -> Causes:
    """Referred youths waiting longer than the waiting list allows: the team
    lead plans the intake meeting (admitting the youth resolves the flag)."""
    waiting = scope.waiting_too_long(today)
    return Causes(_youth_rows(waiting), Q(youth__in=waiting.values("pk")))


def steps_not_started(today: datetime.date, scope: QuerySet) -> Causes:
    """Planned steps past their start date with no start recorded: "did it
    start?" for the contact person."""
    unstarted = Step.objects.not_started(today).filter(
        pathway__youth__status__in=FOLLOWED, pathway__youth__in=scope, pathway__ended_on__isnull=True
    )
    return Causes(_step_rows(unstarted, "start:"), Q(step__in=unstarted.values("pk")))


def overdue_steps(today: datetime.date, scope: QuerySet) -> Causes:
    overdue = Step.objects.overdue(today).filter(
        pathway__youth__status__in=FOLLOWED, pathway__youth__in=scope, pathway__ended_on__isnull=True
    )
    return Causes(_step_rows(overdue, "step:"), Q(step__in=overdue.values("pk")))


def steps_due_for_review(today: datetime.date, scope: QuerySet) -> Causes:
    due = Step.objects.due_for_review(today).filter(
        pathway__youth__status__in=FOLLOWED, pathway__youth__in=scope, pathway__ended_on__isnull=True
    )
    return Causes(_step_rows(due, "review:"), Q(step__in=due.values("pk")))


def kui_deadline(today: datetime.date, scope: QuerySet) -> Causes:
    """Dropped steps of 15–17-year-olds whose legal clock still runs: no
    reached contact since, or no new activity offered since."""
    since = OuterRef("status_changed_on")
    contacted = Contact.objects.filter(youth=OuterRef("pathway__youth"), reached=True, happened_at__date__gte=since)
    new_activity = (
        Step.objects.filter(
            pathway__youth=OuterRef("pathway__youth"),
            status__in=[StepStatus.PLANNED, StepStatus.ACTIVE, StepStatus.COMPLETED],
        )
        .filter(Q(created_at__date__gte=since) | Q(starts_on__gte=since))
        .exclude(pk=OuterRef("pk"))
    )
    drops = Step.objects.filter(
        status=StepStatus.DROPPED,
        status_changed_on__gte=today - datetime.timedelta(days=KUI_LOOKBACK_DAYS),
        pathway__youth__status__in=ON_BOARD,
        pathway__youth__birth_date__gt=years_before(today, KUI_AGE_LIMIT),
        pathway__youth__in=scope,
    ).exclude(Exists(contacted) & Exists(new_activity))
    return Causes(_step_rows(drops, "drop:"), Q(step__in=drops.values("pk")))


def overdue_tasks(today: datetime.date, scope: QuerySet) -> Causes:
    overdue = Task.objects.open().filter(due_on__lt=today, youth__in=scope, youth__status__in=ON_BOARD)
    rows = overdue.annotate(
        flag_youth=F("youth_id"),
        flag_cause=Concat(Value("task:"), Cast("pk", CharField())),
        flag_step=NO_ID,
        flag_task=F("pk"),
    )
    return Causes(rows, Q(task__in=overdue.values("pk")))


def plan_review_overdue(today: datetime.date, scope: QuerySet) -> Causes:
    """The plan was not reviewed with the youth within the support level's
    weeks (pathways/reviews.py); recording a review resolves it."""
    overdue = reviews.overdue_pathways(today).filter(youth__in=scope, youth__status__in=FOLLOWED)
    youths = scope.filter(pk__in=overdue.values("youth_id"))
    return Causes(_youth_rows(youths), Q(youth__in=youths.values("pk")))


def losing_contact(today: datetime.date, scope: QuerySet) -> Causes:
    """Three misses in a row (not reached, or a missed step day) with no
    reach or attendance since (pathways/no_shows.py): the team lead is told
    as well as the contact person."""
    in_a_row = (
        NoShow.objects.filter(cleared_at__isnull=True, youth__in=scope)
        .values("youth_id")
        .annotate(misses=Count("pk"))
        .filter(misses__gte=no_shows.MISSES_IN_A_ROW)
        .values("youth_id")
    )
    losing = scope.filter(status__in=FOLLOWED, pk__in=in_a_row)
    return Causes(_youth_rows(losing), Q(youth__in=losing.values("pk")))


FINDERS = {
    FlagKind.NO_NEXT_STEP: no_next_step,
    FlagKind.NO_CONTACT: no_contact,
    FlagKind.OVERDUE_STEP: overdue_steps,
    FlagKind.KUI_DEADLINE: kui_deadline,
    FlagKind.OVERDUE_TASK: overdue_tasks,
    FlagKind.DUE_FOR_REVIEW: steps_due_for_review,
    FlagKind.NO_CONTACT_PERSON: no_contact_person,
    FlagKind.WAITING_TOO_LONG: waiting_too_long,
    FlagKind.NOT_STARTED: steps_not_started,
    FlagKind.PLAN_REVIEW_OVERDUE: plan_review_overdue,
    FlagKind.LOSING_CONTACT: losing_contact,
}


def _raise_missing(kind: str, causes: Causes, now: datetime.datetime) -> int:
    """INSERT … SELECT of every cause that has no open flag yet."""
    already = Flag.objects.open().filter(kind=kind, youth_id=OuterRef("flag_youth"), cause=OuterRef("flag_cause"))
    rows = (
        causes.rows.filter(~Exists(already))
        .order_by()
        .values_list("flag_youth", "flag_cause", "flag_step", "flag_task")
    )
    select_sql, select_params = rows.query.sql_with_params()
    table = connection.ops.quote_name(Flag._meta.db_table)
    ignore, conflict = ("OR IGNORE", "") if connection.vendor == "sqlite" else ("", "ON CONFLICT DO NOTHING")
    sql = (
        f"INSERT {ignore} INTO {table} (youth_id, cause, step_id, task_id, kind, raised_at) "  # nosec B608  # quoted table name and the ORM's own compiled SQL; values are bound
        f"SELECT causes.*, %s, %s FROM ({select_sql}) causes {conflict}"
    )
    params = (str(kind), connection.ops.adapt_datetimefield_value(now), *select_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _sync_kind(kind: str, causes: Causes, scope: QuerySet, now: datetime.datetime) -> tuple[int, int]:
    gone = Flag.objects.open().filter(kind=kind, youth__in=scope).exclude(causes.still_caused)
    resolved = gone.update(resolved_at=now)
    return _raise_missing(kind, causes, now), resolved


def scan(
    today: datetime.date | None = None, youth_ids: list[int] | None = None, kinds: list[str] | None = None
) -> ScanResult:
    """Scan every youth, or only `youth_ids` (after a change to their case,
    so the board answers at once instead of at the next nightly scan), for
    every kind of flag or only `kinds` (those the change can affect)."""
    today = today or timezone.localdate()
    now = timezone.now()
    scope = Youth.objects.all() if youth_ids is None else Youth.objects.filter(pk__in=youth_ids)
    result = ScanResult()
    for kind, finder in FINDERS.items():
        if kinds is not None and kind not in kinds:
            continue
        # A few youths' re-scan runs inside the request's transaction: a savepoint
        # per kind would only add round trips (the request rolls back as a whole).
        with transaction.atomic(savepoint=youth_ids is None):
            causes = finder(today, scope)
            result.raised[kind], result.resolved[kind] = _sync_kind(kind, causes, scope, now)
    return result
