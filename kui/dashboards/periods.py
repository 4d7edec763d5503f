"""Reporting periods: a month, a quarter or a year.

A period is written in URLs as "2026-03" (month), "2026-Q1" (quarter) or
"2026" (year). Events (admissions, completions, contacts) count when their
date lies inside the period; states (active, waiting) are read on the
period's last day — or, while the period is still running, on the last
*published* day.

Publication (so that no pair of downloads singles out a youth): the running
period is never live to the minute. Its figures are read as of the end of
`today - KUI_DASHBOARD_PUBLICATION_DELAY_DAYS` (yesterday by default), computed
once for the day and kept until midnight (`seconds_until_republication`).
Withdrawing one youth and downloading again the same day shows the same
figures; the next day's figures differ by the whole day's changes, and the
small-count and complementary suppression of suppression.py hides any cell
that a difference could still pin down to fewer than five youths.
"""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = {MONTH: _("Month"), QUARTER: _("Quarter"), YEAR: _("Year")}
_PATTERNS = {
    MONTH: re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    QUARTER: re.compile(r"^(\d{4})-Q([1-4])$"),
    YEAR: re.compile(r"^(\d{4})$"),
}
# How many periods of each kind the period picker offers, newest first.
OFFERED = {QUARTER: 12, MONTH: 24, YEAR: 6}


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date

    @property
    def end(self) -> datetime.date:
        """The last day of the period."""
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]
        year, month = divmod(self.start.month - 1 + months, 12)
        return datetime.date(self.start.year + year, month + 1, 1) - datetime.timedelta(days=1)

    def as_of(self, today: datetime.date) -> datetime.date:
        """The day states are read on: the last day, or the last published day in a running period."""
        return min(self.end, published_through(today))

    @property
    def param(self) -> str:
        if self.kind == MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == QUARTER:
            return gettext("Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return str(self.start.year)

    @property
    def short_label(self) -> str:
        """ "sept 2026" for a month (chart axes); otherwise the label."""
        return formats.date_format(self.start, "b Y") if self.kind == MONTH else self.label

    def previous(self) -> "Period":
        return Period(self.kind, _start_of(self.kind, self.start - datetime.timedelta(days=1)))

    def months(self) -> list["Period"]:
        """The months of this period, in order."""
        found, month = [], Period(MONTH, self.start)
        while month.start <= self.end:
            found.append(month)
            month = Period(MONTH, month.end + datetime.timedelta(days=1))
        return found


def published_through(today: datetime.date) -> datetime.date:
    """The last day whose changes the steering figures show."""
    return today - datetime.timedelta(days=settings.KUI_DASHBOARD_PUBLICATION_DELAY_DAYS)


def seconds_until_republication(now: datetime.datetime | None = None) -> int:
    """Figures computed today are kept until the next local midnight."""
    local = timezone.localtime(now)
    midnight = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(), local.tzinfo)
    return max(60, int((midnight - local).total_seconds()))


def _start_of(kind: str, day: datetime.date) -> datetime.date:
    if kind == MONTH:
        return day.replace(day=1)
    if kind == QUARTER:
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return datetime.date(day.year, 1, 1)


def period_containing(kind: str, day: datetime.date) -> Period:
    return Period(kind, _start_of(kind, day))


def parse(text: str) -> Period | None:
    """The period a URL names, or None for anything else."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(text or "")
        if not match:
            continue
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            return None
        if kind == MONTH:
            return Period(MONTH, datetime.date(year, int(match.group(2)), 1))
        if kind == QUARTER:
            return Period(QUARTER, datetime.date(year, (int(match.group(2)) - 1) * 3 + 1, 1))
        return Period(YEAR, datetime.date(year, 1, 1))
    return None


def offered(today: datetime.date) -> dict[str, list[Period]]:
    """The periods people can pick, by kind, the running one first."""
    choices = {}
    for kind, count in OFFERED.items():
        period, found = period_containing(kind, today), []
        for _step in range(count):
            found.append(period)
            period = period.previous()
        choices[kind] = found
    return choices


def default(today: datetime.date) -> Period:
    """The running quarter: steering groups meet a few times a year."""
    return period_containing(QUARTER, today)


def months_up_to(day: datetime.date, count: int) -> list[Period]:
    """The `count` months ending with the one that contains `day`, oldest first."""
    month, found = period_containing(MONTH, day), []
    for _step in range(count):
        found.append(month)
        month = month.previous()
    return found[::-1]
