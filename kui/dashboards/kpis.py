"""The key figures of the youth effort, computed in SQL.

Each figure is an aggregate over one row per youth (or per contact, flag,
step, assignment); a dashboard takes a fixed number of queries however many
youths there are. Periods are read from the history, not from today's
fields: a youth's status on a day is the last StatusChange on or before it,
so a youth who changed status inside the period is counted as the history
says, and last year's figures do not move when this year's cases do.

Definitions (period = its first day to its reading day, see periods.py):
- admitted: the youth's first move to active falls in the period;
- active / on the waiting list: the status on the reading day;
- median wait: days since referral of the youths waiting on the reading day;
- completed / dropped out: a move to completed / withdrawn in the period;
  a completion is split by the outcome of the youth's latest ended pathway
  (started education — by kind —, job, other);
- still engaged after 3, 6, 12 months (91, 182, 365 days): of the youths
  whose admission reached that age in the period, the share not withdrawn
  within it (a completion before then counts as engaged);
- kept in education or job after 3, 6, 12 months (aftercare): of the youths
  whose aftercare check-in at that month was held in the period, the share
  still in the education or job they started (pathways/aftercare.py);
- median days between contacts: the gaps between a youth's reached contacts
  that end in the period;
- stalled pathways: the share of active youths with an open "no next step"
  or "no contact" flag on the reading day; median days to resolve: of those
  flags resolved in the period;
- consent coverage: the share of active youths with a current consent;
- caseload: active youths per contact person (current primary assignment)
  on the reading day, against each person's caseload limit;
- steps by type and outcome, placement use (company internships per partner).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, Max, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from kui.dashboards import breakdowns, history, sql
from kui.dashboards.periods import Period
from kui.lib.dates import start_of_day
from pathways.models import (
    ActionItem,
    AftercareCheckIn,
    EducationKind,
    Flag,
    FlagKind,
    PathwayOutcome,
    Step,
    StepStatus,
    StepType,
)
from youths.models import Consent, ConsentArea, ContactPersonAssignment, StatusChange, YouthStatus

COUNT, SHARE, MEDIAN_DAYS = "count", "share", "median_days"
TOTAL = "*"  # the group key of the whole scope
STALLED_KINDS = (FlagKind.NO_NEXT_STEP, FlagKind.NO_CONTACT)
RETENTION_DAYS = {3: 91, 6: 182, 12: 365}
CASELOAD_BUCKETS = [(1, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, None)]


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    kind: str
    definition: str = ""


HEADLINE = [
    Kpi("admitted", _("Admitted"), COUNT, _("Youths whose first move to active fell in the period.")),
    Kpi("active", _("Active"), COUNT, _("Youths active on the period's last day (today while it runs).")),
    Kpi("waiting", _("On the waiting list"), COUNT, _("Youths waiting on the period's last day.")),
    Kpi(
        "waiting_median",
        _("Median wait (days)"),
        MEDIAN_DAYS,
        _("Days since referral of the youths on the waiting list."),
    ),
    Kpi("completed", _("Completed"), COUNT, _("Youths whose status moved to completed in the period.")),
    Kpi(
        "completed_education",
        _("Completed: started education"),
        COUNT,
        _("Completed youths whose latest pathway ended in education."),
    ),
    Kpi("completed_job", _("Completed: job"), COUNT, _("Completed youths whose latest pathway ended in a job.")),
    Kpi("completed_other", _("Completed: other"), COUNT, _("Completed youths with another or no recorded outcome.")),
    Kpi("dropped_out", _("Dropped out"), COUNT, _("Youths whose status moved to withdrawn in the period.")),
    Kpi(
        "retention_3",
        _("Still engaged after 3 months"),
        SHARE,
        _("Of the youths admitted 91 days before a day in the period, the share not withdrawn within 91 days."),
    ),
    Kpi(
        "retention_6",
        _("Still engaged after 6 months"),
        SHARE,
        _("Of the youths admitted 182 days before a day in the period, the share not withdrawn within 182 days."),
    ),
    Kpi(
        "retention_12",
        _("Still engaged after 12 months"),
        SHARE,
        _("Of the youths admitted 365 days before a day in the period, the share not withdrawn within 365 days."),
    ),
    Kpi(
        "kept_3",
        _("Kept in education or job after 3 months"),
        SHARE,
        _(
            "Of the youths whose aftercare check-in 3 months after their start was held in the period, the share still there."
        ),
    ),
    Kpi(
        "kept_6",
        _("Kept in education or job after 6 months"),
        SHARE,
        _(
            "Of the youths whose aftercare check-in 6 months after their start was held in the period, the share still there."
        ),
    ),
    Kpi(
        "kept_12",
        _("Kept in education or job after 12 months"),
        SHARE,
        _(
            "Of the youths whose aftercare check-in 12 months after their start was held in the period, the share still there."
        ),
    ),
    Kpi(
        "contact_median",
        _("Median days between contacts"),
        MEDIAN_DAYS,
        _("Gaps between a youth's reached contacts that end in the period."),
    ),
    Kpi(
        "stalled_share",
        _("Stalled pathways"),
        SHARE,
        _("Share of active youths with an open 'no next step' or 'no contact' flag."),
    ),
    Kpi(
        "stalled_resolve_median",
        _("Median days to resolve a stall"),
        MEDIAN_DAYS,
        _("Of the stall flags resolved in the period."),
    ),
    Kpi("consent_coverage", _("Consent coverage"), SHARE, _("Share of active youths with a current consent.")),
]
HEADLINE_BY_KEY = {kpi.key: kpi for kpi in HEADLINE}
# Completed = education + job + other, in every group: suppression must know.
COMPLETED_PARTS = ("completed_education", "completed_job", "completed_other")
# What the trend charts show by default (every headline figure has a trend table).
TREND_KPIS = [kpi.key for kpi in HEADLINE]


@dataclass
class Measure:
    """One figure for one group. `base` is the number of youths it rests on
    (a count is its own base); `count` is a share's numerator."""

    value: float | None
    base: int
    count: int | None = None

    def as_list(self) -> list:
        return [self.value, self.base, self.count]

    @classmethod
    def from_list(cls, raw: list) -> "Measure":
        return cls(*raw)


@dataclass
class Headline:
    """The breakdown table: figures per group and for the whole scope."""

    groups: dict[str, str]  # key → stored name (see breakdowns.group_order), in display order
    figures: dict[str, dict[str, Measure]]  # kpi → group key (TOTAL for all) → measure
    outcomes: dict[str, int] = field(default_factory=dict)  # completed, split finely (whole scope)
    consent_areas: dict[str, int] = field(default_factory=dict)  # active youths with consent per area


@dataclass
class Details:
    """The tables that describe the whole scope, not broken down."""

    caseload: dict
    steps: list[dict]
    placements: list[dict]


@dataclass
class TeamView:
    stalled_by_person: list[dict]
    action_items: list[dict]


# --- The headline figures: three queries --------------------------------


def headline(youths, period: Period, breakdown: str, today: datetime.date) -> Headline:
    as_of = period.as_of(today)
    grouped = _grouped(youths, period, breakdown, as_of)
    rows = sql.aggregate_per_group([*grouped, *_youth_facts(youths, period, as_of)], _youth_columns(period, as_of))
    contacts = sql.aggregate_per_group([*grouped, *_contact_facts(period, as_of)], _contact_columns())
    flags = sql.aggregate_per_group([*grouped, *_flag_facts(youths, period, as_of)], _flag_columns())
    check_ins = sql.aggregate_per_group([*grouped, *_check_in_facts(youths, period, as_of)], _check_in_columns())
    keys = {breakdowns.group_key(row["grp"]) for row in rows if not row["is_total"]}
    groups = breakdowns.group_order(breakdown, keys) if breakdown else {}
    figures: dict[str, dict[str, Measure]] = {kpi.key: {} for kpi in HEADLINE}
    for row in rows:
        _youth_measures(figures, _key(row), row)
    for row in contacts:
        figures["contact_median"][_key(row)] = Measure(_float(row["gap_median"]), int(row["gap_youths"] or 0))
    for row in flags:
        figures["stalled_resolve_median"][_key(row)] = Measure(
            _float(row["resolve_median"]), int(row["resolve_youths"] or 0)
        )
    for row in check_ins:
        for months in RETENTION_DAYS:
            figures[f"kept_{months}"][_key(row)] = share(
                int(row[f"kept_{months}"] or 0), int(row[f"asked_{months}"] or 0)
            )
    for kpi in ("contact_median", "stalled_resolve_median", *(f"kept_{months}" for months in RETENTION_DAYS)):
        for key in [*groups, TOTAL]:
            figures[kpi].setdefault(key, Measure(None, 0))
    total = next(row for row in rows if row["is_total"])
    return Headline(
        groups=groups,
        figures=figures,
        outcomes={name: int(total[name] or 0) for name in _outcome_columns()},
        consent_areas={area.value: int(total[f"consent_{area.value}"] or 0) for area in ConsentArea},
    )


def _key(row: dict) -> str:
    return TOTAL if row["is_total"] else breakdowns.group_key(row["grp"])


def _float(value) -> float | None:
    return None if value is None else float(value)


def _grouped(youths, period: Period, breakdown: str, as_of: datetime.date) -> list[sql.Cte]:
    """WITH clauses ending in `grouped` (id, grp): each youth of the scope and its group."""
    if breakdown == breakdowns.PARTNER:
        return [
            sql.cte("latest_partner", history.latest_partner(period, as_of)),
            sql.cte("in_scope", youths.order_by().values("id")),
            (
                "grouped",
                "SELECT in_scope.id, CAST(latest_partner.partner_id AS TEXT) AS grp FROM in_scope "
                "LEFT JOIN latest_partner ON latest_partner.youth_id = in_scope.id",
                [],
            ),
        ]
    return [sql.cte("grouped", youths.order_by().values("id", grp=breakdowns.group_expression(breakdown, as_of)))]


def _among(rows) -> ExpressionWrapper:
    """Whether the youth has one of `rows` (a queryset with youth_id), as
    `id IN (SELECT youth_id …)`: the database reads `rows` once into a hash
    (PostgreSQL's "hashed SubPlan"), where EXISTS(… WHERE youth_id = id)
    probes an index once per youth and fact — 350,000 probes for seven facts
    of 50,000 youths."""
    return ExpressionWrapper(Q(pk__in=rows.values("youth_id")), output_field=BooleanField())


def _youth_facts(youths, period: Period, as_of: datetime.date) -> list[sql.Cte]:
    """WITH clauses ending in `facts`: one row per youth of the scope, with
    its group and what the history says about it."""
    changes = StatusChange.objects.filter(changed_on__gte=period.start, changed_on__lte=as_of)
    end = start_of_day(as_of + datetime.timedelta(days=1))
    stalled = Flag.objects.filter(kind__in=STALLED_KINDS, raised_at__lt=end).filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)
    )
    consents = Consent.objects.filter(given_on__lte=as_of).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=as_of)
    )
    youth = (
        youths.order_by()
        .annotate(
            completed_in=_among(changes.filter(to_status=YouthStatus.COMPLETED)),
            dropped_in=_among(changes.filter(to_status=YouthStatus.WITHDRAWN)),
            stalled_end=_among(stalled),
            **{f"consent_{area.value}": _among(consents.filter(area=area)) for area in ConsentArea},
        )
        .values(
            "id",
            "referral_date",
            "completed_in",
            "dropped_in",
            "stalled_end",
            *(f"consent_{area.value}" for area in ConsentArea),
        )
    )
    return [
        sql.cte("status_end", history.status_on(as_of)),
        sql.cte("admission", history.admissions()),
        sql.cte("outcome", history.last_outcome(as_of)),
        sql.cte("youth", youth),
        (
            "facts",
            "SELECT grouped.grp, youth.*, status_end.to_status AS status_end, admission.first_active, "
            "admission.left_on, outcome.outcome, outcome.education_kind FROM youth "
            "JOIN grouped ON grouped.id = youth.id "
            "LEFT JOIN status_end ON status_end.youth_id = youth.id "
            "LEFT JOIN admission ON admission.youth_id = youth.id "
            "LEFT JOIN outcome ON outcome.youth_id = youth.id",
            [],
        ),
    ]


def _when(condition: str, params=()) -> tuple[str, list]:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)", list(params)


def _outcome_columns() -> dict[str, tuple[str, list]]:
    """The completed youths split finely: education by kind, job, other."""
    education, job = PathwayOutcome.EDUCATION, PathwayOutcome.JOB
    columns = {
        f"edu_{kind.value}": _when("completed_in AND outcome = %s AND education_kind = %s", [education, kind.value])
        for kind in EducationKind
    }
    columns["edu_unknown"] = _when(
        "completed_in AND outcome = %s AND (education_kind IS NULL OR education_kind = '')", [education]
    )
    columns["job"] = _when("completed_in AND outcome = %s", [job])
    columns["other"] = _when("completed_in AND (outcome IS NULL OR outcome NOT IN (%s, %s))", [education, job])
    return columns


def _youth_columns(period: Period, as_of: datetime.date) -> list[tuple[str, str, list]]:
    day = sql.date_param()
    active, waiting = f"status_end = '{YouthStatus.ACTIVE}'", f"status_end = '{YouthStatus.WAITING}'"
    outcomes = _outcome_columns()
    columns = {
        "admitted": _when(f"first_active >= {day} AND first_active <= {day}", [period.start, as_of]),
        "active": _when(active),
        "waiting": _when(waiting),
        "waiting_median": (
            sql.median(f"CASE WHEN {waiting} THEN {sql.days_between(day, 'referral_date')} END"),
            [as_of],
        ),
        "completed": _when("completed_in"),
        "completed_education": _when("completed_in AND outcome = %s", [PathwayOutcome.EDUCATION]),
        "completed_job": outcomes["job"],
        "completed_other": outcomes["other"],
        "dropped_out": _when("dropped_in"),
        "stalled": _when(f"{active} AND stalled_end"),
        "consented": _when(f"{active} AND ({' OR '.join(f'consent_{a.value}' for a in ConsentArea)})"),
    }
    for months, days in RETENTION_DAYS.items():
        cohort = f"first_active >= {day} AND first_active <= {day}"
        window = [period.start - datetime.timedelta(days=days), as_of - datetime.timedelta(days=days)]
        stayed = f"(left_on IS NULL OR {sql.days_between('left_on', 'first_active')} > {days})"
        columns[f"cohort_{months}"] = _when(cohort, window)
        columns[f"retained_{months}"] = _when(f"{cohort} AND {stayed}", window)
    for area in ConsentArea:
        columns[f"consent_{area.value}"] = _when(f"{active} AND consent_{area.value}")
    columns.update(outcomes)
    return [(name, sql_text, params) for name, (sql_text, params) in columns.items()]


def _youth_measures(figures: dict, key: str, row: dict) -> None:
    def count(name):
        return int(row[name] or 0)

    for name in ("admitted", "active", "waiting", "completed", *COMPLETED_PARTS, "dropped_out"):
        figures[name][key] = Measure(count(name), count(name))
    figures["waiting_median"][key] = Measure(_float(row["waiting_median"]), count("waiting"))
    for months in RETENTION_DAYS:
        figures[f"retention_{months}"][key] = share(count(f"retained_{months}"), count(f"cohort_{months}"))
    figures["stalled_share"][key] = share(count("stalled"), count("active"))
    figures["consent_coverage"][key] = share(count("consented"), count("active"))


def share(part: int, whole: int) -> Measure:
    return Measure(round(100 * part / whole, 1) if whole else None, whole, part)


def _contact_facts(period: Period, as_of: datetime.date) -> list[sql.Cte]:
    """One row per reached contact in the period, with the one before it."""
    gaps = history.contact_gaps(start_of_day(period.start), start_of_day(as_of + datetime.timedelta(days=1)))
    return [
        sql.cte("contact", gaps),
        ("facts", "SELECT grouped.grp, contact.* FROM contact JOIN grouped ON grouped.id = contact.youth_id", []),
    ]


def _contact_columns():
    gap = sql.days_between("happened_at", "previous_at", timestamps=True)
    return [
        ("gap_median", sql.median(f"CASE WHEN previous_at IS NOT NULL THEN {gap} END"), []),
        ("gap_youths", "COUNT(DISTINCT CASE WHEN previous_at IS NOT NULL THEN youth_id END)", []),
    ]


def _flag_facts(youths, period: Period, as_of: datetime.date) -> list[sql.Cte]:
    flags = (
        Flag.objects.order_by()
        .filter(
            youth__in=youths,
            kind__in=STALLED_KINDS,
            resolved_at__gte=start_of_day(period.start),
            resolved_at__lt=start_of_day(as_of + datetime.timedelta(days=1)),
        )
        .values("youth_id", "raised_at", "resolved_at")
    )
    return [
        sql.cte("flag", flags),
        ("facts", "SELECT grouped.grp, flag.* FROM flag JOIN grouped ON grouped.id = flag.youth_id", []),
    ]


def _check_in_facts(youths, period: Period, as_of: datetime.date) -> list[sql.Cte]:
    """One row per aftercare check-in held in the period."""
    check_ins = (
        AftercareCheckIn.objects.order_by()
        .filter(pathway__youth__in=youths, held_on__gte=period.start, held_on__lte=as_of)
        .values("months", "still_there", youth_id=F("pathway__youth_id"))
    )
    return [
        sql.cte("check_in", check_ins),
        ("facts", "SELECT grouped.grp, check_in.* FROM check_in JOIN grouped ON grouped.id = check_in.youth_id", []),
    ]


def _check_in_columns():
    columns = []
    for months in RETENTION_DAYS:
        asked = f"months = {int(months)}"
        columns.append((f"kept_{months}", f"COUNT(DISTINCT CASE WHEN {asked} AND still_there THEN youth_id END)", []))
        columns.append((f"asked_{months}", f"COUNT(DISTINCT CASE WHEN {asked} THEN youth_id END)", []))
    return columns


def _flag_columns():
    return [
        ("resolve_median", sql.median(sql.days_between("resolved_at", "raised_at", timestamps=True)), []),
        ("resolve_youths", "COUNT(DISTINCT youth_id)", []),
    ]


# --- The whole-scope tables: three queries ------------------------------


def _caseload_rows(youths, as_of: datetime.date):
    """Current primary assignments of youths active on `as_of`."""
    return (
        ContactPersonAssignment.objects.order_by()
        .current_on(as_of)
        .filter(youth__in=youths)
        .filter(youth_id__in=RawSQL(*history.active_on(as_of)))  # nosec B611  # RawSQL of history.active_on: constant SQL, bound parameters
    )


def details(youths, period: Period, today: datetime.date) -> Details:
    as_of = period.as_of(today)
    return Details(
        caseload=_caseload(youths, as_of),
        steps=_steps(youths, period, as_of),
        placements=_placements(youths, period, as_of),
    )


def _caseload(youths, as_of: datetime.date) -> dict:
    per_person = (
        _caseload_rows(youths, as_of)
        .values("contact_person_id")
        .annotate(caseload=Count("youth_id", distinct=True), caseload_limit=Max("contact_person__caseload_limit"))
    )
    columns = [
        ("persons", "COUNT(*)", []),
        ("median_load", sql.median("caseload"), []),
        ("over_limit", "SUM(CASE WHEN caseload > caseload_limit THEN 1 ELSE 0 END)", []),
    ]
    for low, high in CASELOAD_BUCKETS:
        condition = f"caseload >= {low}" + (f" AND caseload <= {high}" if high else "")
        columns.append((f"bucket_{low}", f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)", []))
    row = sql.aggregate_all([sql.cte("facts", per_person)], columns)
    return {name: (_float(value) if name == "median_load" else int(value or 0)) for name, value in row.items()}


def _steps(youths, period: Period, as_of: datetime.date) -> list[dict]:
    """Steps by type: started in the period, and how those that ended in it ended."""
    ended = Q(status_changed_on__gte=period.start, status_changed_on__lte=as_of)
    rows = (
        Step.objects.order_by()
        .filter(pathway__youth__in=youths)
        .values("step_type")
        .annotate(
            started=Count(
                "pk", filter=Q(starts_on__gte=period.start, starts_on__lte=as_of) & ~Q(status=StepStatus.CANCELLED)
            ),
            completed=Count("pk", filter=ended & Q(status=StepStatus.COMPLETED)),
            dropped=Count("pk", filter=ended & Q(status=StepStatus.DROPPED)),
            cancelled=Count("pk", filter=ended & Q(status=StepStatus.CANCELLED)),
        )
    )
    found = {row["step_type"]: row for row in rows}
    empty = {"started": 0, "completed": 0, "dropped": 0, "cancelled": 0}
    return [{"step_type": kind.value, **{k: found.get(kind.value, empty)[k] for k in empty}} for kind in StepType]


def _placements(youths, period: Period, as_of: datetime.date) -> list[dict]:
    """Company internships per partner organisation that ran in the period."""
    ended = Q(status_changed_on__gte=period.start, status_changed_on__lte=as_of)
    rows = (
        Step.objects.order_by()
        .filter(pathway__youth__in=youths, step_type=StepType.INTERNSHIP, partner__isnull=False, starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .exclude(status=StepStatus.CANCELLED)
        .values("partner_id", "partner__name")
        .annotate(
            internships=Count("pk"),
            youths=Count("pathway__youth_id", distinct=True),
            started=Count("pk", filter=Q(starts_on__gte=period.start)),
            completed=Count("pk", filter=ended & Q(status=StepStatus.COMPLETED)),
        )
        .order_by("-internships", "partner__name")
    )
    return [
        {"partner": row["partner__name"], **{k: row[k] for k in ("internships", "youths", "started", "completed")}}
        for row in rows
    ]


# --- The team lead's extras: two queries --------------------------------


def team_view(youths, period: Period, today: datetime.date) -> TeamView:
    as_of = period.as_of(today)
    end = start_of_day(as_of + datetime.timedelta(days=1))
    stalled = Flag.objects.filter(youth=OuterRef("youth"), kind__in=STALLED_KINDS, raised_at__lt=end).filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)
    )
    people = (
        _caseload_rows(youths, as_of)
        .annotate(is_stalled=Exists(stalled))
        .values(
            "contact_person_id",
            "contact_person__first_name",
            "contact_person__last_name",
            "contact_person__caseload_limit",
        )
        .annotate(
            load=Count("youth_id", distinct=True), stalled=Count("youth_id", distinct=True, filter=Q(is_stalled=True))
        )
        .order_by("contact_person__first_name", "contact_person__last_name", "contact_person_id")
    )
    unfinished = Q(step__status__in=StepStatus.open()) | Q(task__isnull=False, task__done_at__isnull=True)
    items = (
        ActionItem.objects.order_by()
        .filter(unfinished, case__youth__in=youths)
        .values("owner_id", "owner__first_name", "owner__last_name")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("owner__first_name", "owner__last_name", "owner_id")
    )
    return TeamView(
        stalled_by_person=[
            {
                "name": _name(row, "contact_person"),
                "load": row["load"],
                "stalled": row["stalled"],
                "limit": row["contact_person__caseload_limit"],
            }
            for row in people
        ],
        action_items=[{"name": _name(row, "owner"), "open": row["open"], "overdue": row["overdue"]} for row in items],
    )


def _name(row: dict, prefix: str) -> str:
    return f"{row[f'{prefix}__first_name']} {row[f'{prefix}__last_name']}".strip()
