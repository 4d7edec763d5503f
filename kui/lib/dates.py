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
