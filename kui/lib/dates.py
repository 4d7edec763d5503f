"""Date arithmetic in the municipality's terms.

Every deadline counted in working days goes through `add_working_days`, so
"5 weekdays" means five days the municipality is open: Monday–Friday except
Danish public holidays (Easter, Ascension Day, Whitsun, Christmas …) as
the `holidays` library knows them.
"""

import calendar
import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _danish_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`. A deadline of 5 working
    days from a Friday lands on the next Friday, or later when a public
    holiday (Maundy Thursday, Good Friday …) falls in between."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def start_of_day(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_ends_after_start(
    starts_on: datetime.date | None, ends_on: datetime.date | None, field: str = "ends_on"
) -> None:
    """The one check of "the end date cannot be before the start date" that
    the services run (the database's check constraints stay as the guard)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({field: _("The end date cannot be before the start date.")})


def check_not_in_future(day: datetime.date | None, field: str) -> None:
    """Something recorded as done cannot be dated after today."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

    if day and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months later, or the month's last day when it
    is shorter (31 August + 6 months = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
