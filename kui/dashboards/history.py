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


def status_on(day: datetime.date) -> tuple[str, list]:
    """youth_id, to_status: each youth's status on `day` (its latest change on or before it)."""
    return (
        f"SELECT youth_id, to_status FROM (SELECT youth_id, to_status, ROW_NUMBER() OVER ("  # nosec B608  # table names are constants; values are bound parameters
        f"PARTITION BY youth_id ORDER BY changed_on DESC, recorded_at DESC, id DESC) AS position "
        f"FROM {CHANGES} WHERE changed_on <= %s) latest WHERE position = 1",
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
        f"SELECT youth_id, outcome, education_kind FROM (SELECT youth_id, outcome, education_kind, "  # nosec B608  # table names are constants; values are bound parameters
        f"ROW_NUMBER() OVER (PARTITION BY youth_id ORDER BY ended_on DESC, id DESC) AS position "
        f"FROM {PATHWAYS} WHERE ended_on <= %s) latest WHERE position = 1",
        [day],
    )


def latest_partner(period: Period, as_of: datetime.date) -> tuple[str, list]:
    """youth_id, partner_id: the partner hosting the youth's latest step (by
    start) that ran in the period, cancelled steps aside."""
    return (
        f"SELECT youth_id, partner_id FROM (SELECT pathway.youth_id, step.partner_id, ROW_NUMBER() OVER ("  # nosec B608  # table names are constants; values are bound parameters
        f"PARTITION BY pathway.youth_id ORDER BY step.starts_on DESC, step.id DESC) AS position "
        f"FROM {STEPS} step JOIN {PATHWAYS} pathway ON pathway.id = step.pathway_id "
        f"WHERE step.partner_id IS NOT NULL AND step.starts_on <= %s "
        f"AND (step.ends_on IS NULL OR step.ends_on >= %s) AND step.status <> %s) latest WHERE position = 1",
        [as_of, period.start, StepStatus.CANCELLED],
    )


def contact_gaps(since: datetime.datetime, until: datetime.datetime) -> tuple[str, list]:
    """youth_id, happened_at, previous_at: each reached contact in [since,
    until) with the youth's reached contact before it (None for the first)."""
    adapt = connection.ops.adapt_datetimefield_value
    return (
        f"SELECT youth_id, happened_at, previous_at FROM (SELECT youth_id, happened_at, LAG(happened_at) OVER ("  # nosec B608  # table names are constants; values are bound parameters
        f"PARTITION BY youth_id ORDER BY happened_at, id) AS previous_at FROM {CONTACTS} "
        f"WHERE reached = %s AND happened_at < %s) gaps WHERE happened_at >= %s",
        [True, adapt(until), adapt(since)],
    )
