"""Date arithmetic in the municipality's terms."""

import datetime


def add_weekdays(start: datetime.date, weekdays: int) -> datetime.date:
    """The date `weekdays` working days (Monday–Friday) after `start`.
    A deadline of "5 weekdays" from a Friday lands on the next Friday."""
    day = start
    remaining = weekdays
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
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
