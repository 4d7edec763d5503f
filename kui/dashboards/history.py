"""Per-youth facts read from the history in one pass over a table each.

"The status on a day" or "the latest step's partner" are naturally written
as a subquery per youth (ORDER BY … LIMIT 1); with 50,000 youths that is
50,000 index probes per fact. Here each fact is one window or GROUP BY over
the whole table, which both databases answer with a single scan and a hash
join. Each function returns (sql, params) for a WITH clause; rows are keyed
by youth_id.
"""

import datetime

from django.db import connection

from kui.dashboards.periods import Period
from pathways.models import Pathway, Step, StepStatus
from youths.models import Contact, StatusChange, YouthStatus

CHANGES = StatusChange._meta.db_table
PATHWAYS = Pathway._meta.db_table
STEPS = Step._meta.db_table
CONTACTS = Contact._meta.db_table


def latest_per_youth(columns: str, source: str, where: str, order: str, youth: str = "youth_id") -> str:
    """`columns` of each youth's first row by `order` among the rows of
    `source` matching `where`, one row per youth.

    PostgreSQL gets DISTINCT ON: its planner estimates the result from the
    number of distinct youths in the table's statistics. Written as
    ROW_NUMBER() … WHERE position = 1 (which SQLite needs), the planner
    cannot estimate the filter and guesses 0.5 % of the rows — 52 youths
    where there are 5,000 — and then joins the other facts to it with nested
    loops (25 million rows compared; EXPLAIN ANALYZE, 30 s instead of 0.05 s).
    """
    if connection.vendor == "postgresql":
        return f"SELECT DISTINCT ON ({youth}) {columns} FROM {source} WHERE {where} ORDER BY {youth}, {order}"  # nosec B608  # every part is a constant of this module; values are bound parameters
    names = ", ".join(column.rsplit(" AS ", 1)[-1].split(".")[-1] for column in columns.split(", "))
    return (
        f"SELECT {names} FROM (SELECT {columns}, ROW_NUMBER() OVER (PARTITION BY {youth} ORDER BY {order}) "  # nosec B608  # constants of this module; values are bound parameters
        f"AS position FROM {source} WHERE {where}) latest WHERE position = 1"
    )


def status_on(day: datetime.date) -> tuple[str, list]:
    """youth_id, to_status: each youth's status on `day` (its latest change on or before it)."""
    return (
        latest_per_youth(
            "youth_id, to_status", CHANGES, "changed_on <= %s", "changed_on DESC, recorded_at DESC, id DESC"
        ),
        [day],
    )


def active_on(day: datetime.date) -> tuple[str, list]:
    """youth_id of every youth active on `day`."""
    sql, params = status_on(day)
    return f"SELECT youth_id FROM ({sql}) status_then WHERE to_status = %s", [*params, YouthStatus.ACTIVE]  # nosec B608  # composes this module's own SQL; values are bound parameters


def admissions() -> tuple[str, list]:
    """youth_id, first_active, left_on: the first move to active, and the
    first withdrawal on or after it (None while the youth stays)."""
    return (
        f"SELECT admitted.youth_id, admitted.first_active, MIN(withdrawal.changed_on) AS left_on "  # nosec B608  # table names are constants; values are bound parameters
        f"FROM (SELECT youth_id, MIN(changed_on) AS first_active FROM {CHANGES} WHERE to_status = %s "
        f"GROUP BY youth_id) admitted "
        f"LEFT JOIN {CHANGES} withdrawal ON withdrawal.youth_id = admitted.youth_id "
        f"AND withdrawal.to_status = %s AND withdrawal.changed_on >= admitted.first_active "
        f"GROUP BY admitted.youth_id, admitted.first_active",
        [YouthStatus.ACTIVE, YouthStatus.WITHDRAWN],
    )


def last_outcome(day: datetime.date) -> tuple[str, list]:
    """youth_id, outcome, education_kind of each youth's latest pathway ended by `day`."""
    return (
        latest_per_youth("youth_id, outcome, education_kind", PATHWAYS, "ended_on <= %s", "ended_on DESC, id DESC"),
        [day],
    )


def latest_partner(period: Period, as_of: datetime.date) -> tuple[str, list]:
    """youth_id, partner_id: the partner hosting the youth's latest step (by
    start) that ran in the period, cancelled steps aside."""
    return (
        latest_per_youth(
            "pathway.youth_id AS youth_id, step.partner_id AS partner_id",
            f"{STEPS} step JOIN {PATHWAYS} pathway ON pathway.id = step.pathway_id",
            "step.partner_id IS NOT NULL AND step.starts_on <= %s AND (step.ends_on IS NULL OR step.ends_on >= %s) "
            "AND step.status <> %s",
            "step.starts_on DESC, step.id DESC",
            youth="pathway.youth_id",
        ),
        [as_of, period.start, StepStatus.CANCELLED],
    )


def contact_gaps(since: datetime.datetime, until: datetime.datetime) -> tuple[str, list]:
    """youth_id, happened_at, previous_at: each reached contact in [since,
    until) with the youth's reached contact before it (None for the first).

    Only the period's contacts are read, plus, for each youth with one, the
    last reached contact before the period (one probe of the partial index
    contact_reached_idx). A LAG over every contact up to `until` read the
    whole table in youth order — a million rows at national scale for a
    hundred thousand in a quarter (EXPLAIN ANALYZE: 7.7 s against 3.4 s on
    the loaded benchmark machine)."""
    adapt = connection.ops.adapt_datetimefield_value
    period = f"SELECT youth_id, happened_at, id FROM {CONTACTS} WHERE reached = %s AND happened_at >= %s AND happened_at < %s"  # nosec B608  # a constant table name; values are bound parameters
    before = (
        f"SELECT youth_id, (SELECT MAX(earlier.happened_at) FROM {CONTACTS} earlier WHERE earlier.youth_id = "  # nosec B608  # a constant table name
        f"period_youth.youth_id AND earlier.reached = %s AND earlier.happened_at < %s) AS happened_at, 0 AS id "
        f"FROM (SELECT DISTINCT youth_id FROM period_contact) period_youth"
    )
    return (
        f"WITH period_contact AS ({period}) "  # nosec B608  # built from this module's constants above
        f"SELECT youth_id, happened_at, previous_at FROM (SELECT youth_id, happened_at, LAG(happened_at) OVER ("
        f"PARTITION BY youth_id ORDER BY happened_at, id) AS previous_at FROM (SELECT * FROM period_contact "
        f"UNION ALL {before}) with_before) gaps WHERE happened_at >= %s",
        [True, adapt(since), adapt(until), True, adapt(since), adapt(since)],
    )
