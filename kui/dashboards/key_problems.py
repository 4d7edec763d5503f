"""Key problems (Guldborgsund's practice): how many youths the logbook
notes of each theme concern — housing, health, economy … — month by month or
quarter by quarter, for the steering group and per team.

A youth counts once per theme and period however many notes were written
(so a busy contact person does not make a problem look bigger). Numbers only,
suppressed like every steering figure (suppression.py): the teams of a theme
add up to the theme's total, so they are protected together; periods do not
add up (one youth may be counted in two months), so they need no protecting
against each other. Notes count up to the last published day (periods.py).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils.translation import gettext as _

from kui.accounts.models import Team
from kui.dashboards import periods, scopes
from kui.dashboards.periods import MONTH, QUARTER, Period
from kui.dashboards.suppression import count_cell, protect
from kui.dashboards.tables import Row, Table
from youths.models import LogbookNote, NoteTheme

# How far back each view looks: a year by month, two years by quarter.
SPANS = {MONTH: 12, QUARTER: 8}
NO_TEAM = "none"
TOTAL = "total"


@dataclass
class KeyProblems:
    scope: scopes.Scope
    granularity: str
    periods: list[Period]
    through: datetime.date
    over_time: Table
    by_team: Table | None


def periods_back(kind: str, day: datetime.date) -> list[Period]:
    """The SPANS[kind] periods ending with the one containing `day`, oldest first."""
    period, found = periods.period_containing(kind, day), []
    for _step in range(SPANS[kind]):
        found.append(period)
        period = period.previous()
    return found[::-1]


def _notes(scope: scopes.Scope, start: datetime.date, through: datetime.date):
    return LogbookNote.objects.filter(
        youth__in=scope.youths(), written_on__gte=start, written_on__lte=through
    ).order_by()


def _over_time(scope, kind, spans, through) -> Table:
    trunc = TruncMonth if kind == MONTH else TruncQuarter
    counted = (
        _notes(scope, spans[0].start, through)
        .annotate(bucket=trunc("written_on"))
        .values("theme", "bucket")
        .annotate(youths=Count("youth", distinct=True))
    )
    counts = {(row["theme"], row["bucket"]): row["youths"] for row in counted}
    rows = [
        Row(theme.value, str(theme.label), [count_cell(counts.get((theme.value, p.start), 0)) for p in spans])
        for theme in NoteTheme
    ]
    return Table(
        id="key-problems-over-time",
        title=_("Youths with logbook notes on each theme, over time"),
        row_header=_("Theme"),
        columns=[p.short_label for p in spans],
        rows=rows,
    )


def _by_team(scope, start, through) -> Table:
    """One column per team of the scope, one for youths without a team, and
    the total; protected together, since the teams add up to the total."""
    counted = (
        _notes(scope, start, through).values("theme", "youth__team").annotate(youths=Count("youth", distinct=True))
    )
    by_team: dict[tuple, int] = {}
    for row in counted:
        by_team[(row["theme"], row["youth__team"] or NO_TEAM)] = row["youths"]
    totals = (
        _notes(scope, start, through).values("theme").annotate(youths=Count("youth", distinct=True)).order_by("theme")
    )
    team_ids = sorted({team for _theme, team in by_team if team != NO_TEAM})
    teams = Team.objects.in_bulk(team_ids)
    columns = [*team_ids, NO_TEAM, TOTAL]
    counts = {(theme, column): by_team.get((theme, column), 0) for theme in NoteTheme.values for column in columns}
    counts.update({(row["theme"], TOTAL): row["youths"] for row in totals})
    sums = [((theme, TOTAL), [(theme, column) for column in columns[:-1]]) for theme in NoteTheme.values]
    state = protect(counts, sums)
    rows = [
        Row(
            theme.value,
            str(theme.label),
            [count_cell(counts[(theme.value, c)], state[(theme.value, c)]) for c in columns],
        )
        for theme in NoteTheme
    ]
    return Table(
        id="key-problems-by-team",
        title=_("Youths with logbook notes on each theme, by team"),
        row_header=_("Theme"),
        columns=[*(teams[pk].name for pk in team_ids), _("No team"), _("Total")],
        rows=rows,
    )


def key_problems(scope: scopes.Scope, kind: str, today: datetime.date) -> KeyProblems:
    """Four queries: the counts per period, per team, the totals, the team names."""
    through = periods.published_through(today)
    spans = periods_back(kind, through)
    return KeyProblems(
        scope=scope,
        granularity=kind,
        periods=spans,
        through=through,
        over_time=_over_time(scope, kind, spans, through),
        # A team lead's scope is one team: the over-time table already says it all.
        by_team=None if scope.team_id else _by_team(scope, spans[0].start, through),
    )
