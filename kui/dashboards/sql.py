"""The few SQL pieces the dashboards need on both databases.

A key figure is an aggregate over one row per youth (or per contact, flag,
assignment). The rows are built in WITH clauses — the ORM's querysets and
the history's one-pass windows (history.py) — and one outer SELECT
aggregates them per group and for the total in the same statement
(`WITH … facts AS (…) SELECT … GROUP BY grp UNION ALL SELECT …`).

PostgreSQL has `percentile_cont`; SQLite has no median, so a `kui_median`
aggregate is registered on every SQLite connection (the development and test
database). Both interpolate between the two middle values and skip NULLs, so
`median(CASE WHEN … THEN x END)` means the same on both.
"""

import statistics
from collections.abc import Sequence

from django.db import connection, transaction
from django.db.models import QuerySet


class _SqliteMedian:
    """SQLite aggregate: the median of the non-NULL values, like
    percentile_cont(0.5) on PostgreSQL."""

    def __init__(self):
        self.values: list[float] = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("kui_median", 1, _SqliteMedian)


def median(expression: str) -> str:
    if connection.vendor == "postgresql":
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {expression})"
    return f"kui_median({expression})"


def days_between(later: str, earlier: str, *, timestamps: bool = False) -> str:
    """Days from `earlier` to `later`: whole days for dates, fractions for
    timestamps."""
    if connection.vendor == "postgresql":
        if timestamps:
            return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
        return f"({later} - {earlier})"
    if timestamps:
        return f"(julianday({later}) - julianday({earlier}))"
    return f"CAST(ROUND(julianday({later}) - julianday({earlier})) AS INTEGER)"


def date_param() -> str:
    """A date parameter in the outer SELECT (PostgreSQL needs the type to
    subtract it from a date column)."""
    return "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"


Cte = tuple[str, str, Sequence]  # name, SQL, params


def cte(name: str, source: QuerySet | tuple[str, Sequence]) -> Cte:
    """A WITH clause from a queryset or from (sql, params)."""
    sql, params = source.query.sql_with_params() if isinstance(source, QuerySet) else source
    return name, sql, list(params)


def _fetch(cursor, sql: str, params: list) -> list[dict]:
    cursor.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


def _execute(sql: str, params: list) -> list[dict]:
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            return _fetch(cursor, sql, params)
    # Long statements, cheap per row: compiling them with the JIT took longer
    # than running them (1.2 of 2 s with 50,000 youths). SET LOCAL ends with
    # the transaction: the request's (ATOMIC_REQUESTS), or one opened here.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        return _fetch(cursor, sql, params)


def _with(ctes: Sequence[Cte]) -> tuple[str, list]:
    return "WITH " + ", ".join(f"{name} AS ({sql})" for name, sql, _ in ctes), [p for *_, ps in ctes for p in ps]


def aggregate_per_group(ctes: Sequence[Cte], columns: Sequence[tuple[str, str, Sequence]]) -> list[dict]:
    """Runs `columns` — (name, SQL aggregate over the columns of the last
    WITH clause, params) — once per value of its `grp` column and once over
    all its rows. Returns dicts with the column names, `grp` and `is_total`."""
    with_sql, with_params = _with(ctes)
    last = ctes[-1][0]
    select = ", ".join(f"{sql} AS {name}" for name, sql, _ in columns)
    params = [param for _, _, column_params in columns for param in column_params]
    sql = (
        f"{with_sql} SELECT grp, 0 AS is_total, {select} FROM {last} GROUP BY grp "  # nosec B608  # column expressions come from this module's KPI definitions; values are bound
        f"UNION ALL SELECT NULL, 1, {select} FROM {last}"
    )
    return _execute(sql, [*with_params, *params, *params])


def aggregate_all(ctes: Sequence[Cte], columns: Sequence[tuple[str, str, Sequence]]) -> dict:
    """Like aggregate_per_group, without groups: one row."""
    with_sql, with_params = _with(ctes)
    select = ", ".join(f"{sql} AS {name}" for name, sql, _ in columns)
    params = [param for _, _, column_params in columns for param in column_params]
    return _execute(f"{with_sql} SELECT {select} FROM {ctes[-1][0]}", [*with_params, *params])[0]  # nosec B608  # column expressions come from this module's KPI definitions; values are bound
