import datetime

import pytest

from kui.lib.dates import add_working_days, is_working_day


@pytest.mark.parametrize(
    "start,days,expected",
    [
        (datetime.date(2026, 11, 20), 5, datetime.date(2026, 11, 27)),  # Friday → next Friday
        (datetime.date(2026, 3, 30), 5, datetime.date(2026, 4, 9)),  # past Maundy Thursday, Good Friday, Easter Monday
        (datetime.date(2026, 5, 11), 5, datetime.date(2026, 5, 19)),  # past Ascension Day
        (datetime.date(2026, 5, 22), 1, datetime.date(2026, 5, 26)),  # Whit Monday is not a working day
        (datetime.date(2026, 12, 21), 5, datetime.date(2026, 12, 29)),  # Christmas Day
        (datetime.date(2026, 12, 30), 2, datetime.date(2027, 1, 4)),  # New Year's Day, across the year
    ],
)
def test_working_days_skip_weekends_and_danish_public_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_a_public_holiday_on_a_weekday_is_no_working_day():
    assert not is_working_day(datetime.date(2026, 4, 2))  # Maundy Thursday
    assert is_working_day(datetime.date(2026, 4, 7))
