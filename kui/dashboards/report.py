"""Everything one dashboard shows, in raw numbers, cached for a while.

With 50,000 youths the figures take a second or two to compute (see
bench/README.md); a steering group reads the same quarter many times. The
raw report is cached per scope, period, breakdown and day (not per language:
labels are added when the tables are built), the page says when it was
computed, and a job keeps the landing pages warm during working hours.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from kui.accounts.models import Team
from kui.dashboards import kpis, periods, scopes, snapshots
from kui.dashboards.periods import Period, months_up_to
from kui.dashboards.scopes import Scope

TREND_MONTHS = 12
CACHE_VERSION = 1


@dataclass
class Report:
    scope_key: str
    period: Period
    breakdown: str
    today: datetime.date
    computed_at: datetime.datetime
    current: kpis.Headline
    previous: kpis.Headline
    details: kpis.Details
    team: kpis.TeamView | None
    months: list[Period]
    trend: list[snapshots.MonthFigures | None]

    @property
    def as_of(self) -> datetime.date:
        return self.period.as_of(self.today)


def build(scope: Scope, period: Period, breakdown: str, today: datetime.date, *, with_team: bool = False) -> Report:
    youths = scope.youths()
    months = months_up_to(period.as_of(today), TREND_MONTHS)
    return Report(
        scope_key=scope.key,
        period=period,
        breakdown=breakdown,
        today=today,
        computed_at=timezone.now(),
        current=kpis.headline(youths, period, breakdown, today),
        previous=kpis.headline(youths, period.previous(), "", today),
        details=kpis.details(youths, period, today),
        team=kpis.team_view(youths, period, today) if with_team else None,
        months=months,
        trend=snapshots.trend(scope, breakdown, months),
    )


def _cache_key(scope: Scope, period: Period, breakdown: str, today: datetime.date, with_team: bool) -> str:
    return (
        f"dashboards:{CACHE_VERSION}:{scope.key}:{period.param}:{breakdown or '-'}:{today.isoformat()}"
        f":{'team' if with_team else 'all'}"
    )


def key_of(report: Report, scope: Scope) -> str:
    """The cache key a report of `scope` is stored under."""
    return _cache_key(scope, report.period, report.breakdown, report.today, report.team is not None)


def cached(scope: Scope, period: Period, breakdown: str, today: datetime.date, *, with_team: bool = False) -> Report:
    key = _cache_key(scope, period, breakdown, today, with_team)
    report = cache.get(key)
    if report is None:
        report = build(scope, period, breakdown, today, with_team=with_team)
        cache.set(key, report, periods.seconds_until_republication())
    return report


def warm(today: datetime.date | None = None) -> int:
    """Computes the pages people land on — the partnership's and each team's
    running quarter — ahead of them, so the first look of the day is as
    quick as the second. Returns how many reports were cached."""
    today = today or timezone.localdate()
    period = periods.default(today)
    landings = [
        (scopes.partnership(), False),
        *((scopes.of_team(team), True) for team in Team.objects.filter(youths__isnull=False).distinct()),
    ]
    for scope, with_team in landings:
        report = build(scope, period, "", today, with_team=with_team)
        cache.set(_cache_key(scope, period, "", today, with_team), report, periods.seconds_until_republication())
    return len(landings)
