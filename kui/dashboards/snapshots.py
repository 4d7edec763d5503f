"""Writing and reading the monthly snapshots (models.KpiSnapshot).

Taking a snapshot is idempotent and safe to run twice or concurrently: one
upsert per scope and month (`INSERT … ON CONFLICT DO UPDATE` on the unique
figure), so a re-run replaces the month's figures instead of adding rows.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kui.dashboards import breakdowns, kpis, scopes
from kui.dashboards.kpis import TOTAL, Measure
from kui.dashboards.models import KpiSnapshot
from kui.dashboards.periods import MONTH, Period, period_containing

ALL_BREAKDOWNS = list(breakdowns.BREAKDOWNS)


def previous_month(today: datetime.date) -> Period:
    return period_containing(MONTH, today).previous()


@transaction.atomic
def snapshot_take(
    *, scope: scopes.Scope, month: Period, today: datetime.date, breakdown_keys: list[str] | None = None
) -> int:
    """Writes the month's headline figures for one scope, per breakdown;
    returns how many figures were written."""
    now = timezone.now()
    rows = []
    for breakdown in ALL_BREAKDOWNS if breakdown_keys is None else breakdown_keys:
        result = kpis.headline(scope.youths(), month, breakdown, today)
        for kpi in kpis.HEADLINE:
            measures = result.figures[kpi.key]
            value = {
                "total": measures[TOTAL].as_list(),
                "groups": {
                    key: {"label": label, "measure": measures[key].as_list()} for key, label in result.groups.items()
                },
            }
            rows.append(
                KpiSnapshot(
                    scope=scope.key,
                    period_kind=MONTH,
                    period_start=month.start,
                    breakdown=breakdown,
                    kpi=kpi.key,
                    value=value,
                    computed_at=now,
                )
            )
    KpiSnapshot.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["scope", "period_kind", "period_start", "breakdown", "kpi"],
        update_fields=["value", "computed_at"],
    )
    return len(rows)


def snapshot_month(
    *, month: Period | None = None, today: datetime.date | None = None, breakdown_keys: list[str] | None = None
) -> int:
    """Snapshots a finished month (by default the one that just ended) for
    every scope someone can look at."""
    today = today or timezone.localdate()
    month = month or previous_month(today)
    return sum(
        snapshot_take(scope=scope, month=month, today=today, breakdown_keys=breakdown_keys)
        for scope in scopes.snapshot_scopes()
    )


@dataclass
class MonthFigures:
    """One month of a trend: the figures per KPI, total and per group."""

    month: Period
    groups: dict[str, str]
    figures: dict[str, dict[str, Measure]]  # kpi → group key (TOTAL) → measure


def trend(scope: scopes.Scope, breakdown: str, months: list[Period]) -> list[MonthFigures | None]:
    """The snapshots of `months` (None for a month never snapshotted), in one query."""
    found: dict[datetime.date, MonthFigures] = {}
    rows = KpiSnapshot.objects.filter(
        scope=scope.key,
        period_kind=MONTH,
        breakdown=breakdown,
        period_start__in=[m.start for m in months],
    ).values_list("period_start", "kpi", "value")
    by_start = {month.start: month for month in months}
    for start, kpi, value in rows:
        if kpi not in kpis.HEADLINE_BY_KEY:
            continue  # a figure since retired
        month = found.setdefault(start, MonthFigures(by_start[start], {}, {}))
        measures = {TOTAL: Measure.from_list(value["total"])}
        for key, group in value.get("groups", {}).items():
            month.groups.setdefault(key, group["label"])
            measures[key] = Measure.from_list(group["measure"])
        month.figures[kpi] = measures
    return [found.get(month.start) for month in months]
