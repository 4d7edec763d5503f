"""Suppression across the tables of one report: a quarter and the months
of its trend must not give a small month away by subtraction."""

import datetime

from django.utils import timezone

from kui.dashboards import tables
from kui.dashboards.kpis import HEADLINE, TOTAL, Details, Headline, Measure
from kui.dashboards.periods import MONTH, QUARTER, Period, months_up_to
from kui.dashboards.report import Report
from kui.dashboards.snapshots import MonthFigures

Q1 = Period(QUARTER, datetime.date(2026, 1, 1))
CASELOAD = {
    "persons": 0,
    "median_load": None,
    "over_limit": 0,
    **{f"bucket_{low}": 0 for low in (1, 11, 16, 21, 26, 31)},
}


def headline(admitted: int) -> Headline:
    figures = {kpi.key: {TOTAL: Measure(0, 0)} for kpi in HEADLINE}
    figures["admitted"] = {TOTAL: Measure(admitted, admitted)}
    return Headline(groups={}, figures=figures, outcomes={"job": 0, "other": 0}, consent_areas={})


def report(quarter: int, months: dict[int, int]) -> Report:
    trend_months = months_up_to(datetime.date(2026, 3, 31), 12)
    trend = [
        MonthFigures(month, {}, headline(months[month.start.month]).figures)
        if month.start.year == 2026 and month.start.month in months
        else None
        for month in trend_months
    ]
    return Report(
        "all",
        Q1,
        "",
        datetime.date(2026, 5, 15),
        timezone.now(),
        headline(quarter),
        headline(0),
        Details(CASELOAD, [], []),
        None,
        trend_months,
        trend,
    )


def trend_cell(built, month: int) -> str:
    table = next(table for table in built if table.id == "trend-admitted")
    row = next(row for row in table.rows if row.key == f"2026-{month:02d}")
    return row.cells[0].text


def test_a_month_missing_from_the_trend_cannot_be_worked_out_of_the_quarter():
    built = tables.build(report(12, {1: 6, 2: 5}))  # March would be 12 - 6 - 5 = 1
    assert trend_cell(built, 2) == "≥5"
    assert trend_cell(built, 1) == "6"


def test_a_quarter_of_shown_months_stays_shown():
    built = tables.build(report(17, {1: 6, 2: 5, 3: 6}))
    assert [trend_cell(built, month) for month in (1, 2, 3)] == ["6", "5", "6"]


def test_a_small_month_hides_another():
    built = tables.build(report(14, {1: 6, 2: 2, 3: 6}))
    assert sorted(trend_cell(built, month) for month in (1, 2, 3)) == ["6", "<5", "≥5"]


def test_month_periods_match_their_snapshot():
    march = Period(MONTH, datetime.date(2026, 3, 1))
    one = report(3, {3: 3})
    one.period = march
    assert trend_cell(tables.build(one), 3) == "<5"
