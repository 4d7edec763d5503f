"""Demo trends: the last twelve finished months, snapshotted from the demo
history as the monthly job would have done — for the steering group's view
(the whole partnership, in total and by team) and each team's total. The
monthly job fills in every other scope and breakdown from then on.

Backfilling costs a headline computation per scope, breakdown and month
(about 0.85 s each with 50,000 youths, bench/README.md), so at benchmark
scale only the partnership's totals are written."""

from kui.dashboards import breakdowns, periods, scopes, snapshots
from kui.demo.core import DemoContext

MONTHS = 12
FULL_UP_TO = 5000  # youths


def seed_snapshots(context: DemoContext) -> None:
    full = context.youth_count <= FULL_UP_TO
    partnership_breakdowns = [breakdowns.NONE, breakdowns.TEAM] if full else [breakdowns.NONE]
    teams = [scopes.of_team(team) for team in context.teams.values()] if full else []
    for month in periods.months_up_to(snapshots.previous_month(context.today).start, MONTHS):
        snapshots.snapshot_take(
            scope=scopes.partnership(), month=month, today=context.today, breakdown_keys=partnership_breakdowns
        )
        for team in teams:
            snapshots.snapshot_take(scope=team, month=month, today=context.today, breakdown_keys=[breakdowns.NONE])
