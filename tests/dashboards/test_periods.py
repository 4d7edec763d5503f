import datetime

import pytest
from django.utils import translation

from kui.dashboards import periods
from kui.dashboards.periods import MONTH, QUARTER, YEAR, Period


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("2026-03", MONTH, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        ("2024-02", MONTH, datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2026-Q4", QUARTER, datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        ("2025", YEAR, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_it_reads_periods_from_urls(text, kind, start, end):
    period = periods.parse(text)
    assert (period.kind, period.start, period.end, period.param) == (kind, start, end, text)


@pytest.mark.parametrize("text", ["", "2026-13", "2026-Q5", "26", "1999-01", "2026-03; DROP", None])
def test_it_refuses_anything_else(text):
    assert periods.parse(text) is None


def test_the_previous_quarter_crosses_the_year():
    assert Period(QUARTER, datetime.date(2026, 1, 1)).previous() == Period(QUARTER, datetime.date(2025, 10, 1))


def test_a_running_period_is_read_on_the_last_published_day(settings):
    assert Period(YEAR, datetime.date(2026, 1, 1)).as_of(datetime.date(2026, 5, 15)) == datetime.date(2026, 5, 14)
    settings.KUI_DASHBOARD_PUBLICATION_DELAY_DAYS = 7
    assert Period(YEAR, datetime.date(2026, 1, 1)).as_of(datetime.date(2026, 5, 15)) == datetime.date(2026, 5, 8)


def test_a_quarter_has_three_months():
    months = Period(QUARTER, datetime.date(2026, 4, 1)).months()
    assert [month.param for month in months] == ["2026-04", "2026-05", "2026-06"]


def test_labels_are_danish():
    with translation.override("da"):
        assert Period(MONTH, datetime.date(2026, 3, 1)).label == "marts 2026"


def test_the_trend_months_end_with_the_reading_day():
    months = periods.months_up_to(datetime.date(2026, 3, 31), 12)
    assert (months[0].param, months[-1].param, len(months)) == ("2025-04", "2026-03", 12)
