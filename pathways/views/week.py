"""The combination week (kombinationsforløb): which steps run on which day of
one ISO week, for one youth or a contact person's whole caseload — e.g. two
days of internship, one day at VUC and a conversation."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kui.accounts.models import Role
from kui.lib.access import role_required
from pathways.models import Step, StepStatus, StepType, Weekday
from youths import services as youth_services
from youths.access import youth_for_staff
from youths.models import Youth

casework_only = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
WORKING_DAYS = range(5)


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    @property
    def days(self) -> list[datetime.date]:
        return [self.monday + datetime.timedelta(days=offset) for offset in range(7)]

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def param(self) -> str:
        return iso_week(self.monday)

    @property
    def previous(self) -> str:
        return iso_week(self.monday - datetime.timedelta(days=7))

    @property
    def next(self) -> str:
        return iso_week(self.monday + datetime.timedelta(days=7))


def iso_week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(raw: str | None, today: datetime.date | None = None) -> Week:
    """The week named by ?uge=2026-W48; anything else means the current
    week, so a mistyped link still shows a useful page."""
    today = today or timezone.localdate()
    match = ISO_WEEK.match((raw or "").strip())
    # The first and last years are out: their neighbour weeks do not exist.
    if match and datetime.MINYEAR < int(match[1]) < datetime.MAXYEAR:
        try:
            return Week(datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            pass
    return Week(today - datetime.timedelta(days=today.weekday()))


def _last_day(step: Step) -> datetime.date | None:
    """A completed or dropped step stopped running on its status date; a
    closed pathway's steps stopped with it."""
    ends = [day for day in (step.ends_on, step.pathway.ended_on) if day]
    if step.status in {StepStatus.COMPLETED, StepStatus.DROPPED}:
        ends.append(step.status_changed_on)
    return min(ends) if ends else None


def runs_on(step: Step, day: datetime.date) -> bool:
    """Steps run on their chosen weekdays, or every working day (Monday to
    Friday) when none are chosen. A conversation without weekdays is a
    single meeting on its start date."""
    last = _last_day(step)
    if day < step.starts_on or (last is not None and day > last):
        return False
    if step.weekdays:
        return day.weekday() in step.weekdays
    if step.step_type == StepType.CONVERSATION:
        return day == step.starts_on
    return day.weekday() in WORKING_DAYS


def steps_in_week(youth_ids, week: Week) -> dict[int, list[Step]]:
    """The steps that may run in the week, per youth: one query."""
    steps = (
        Step.objects.filter(pathway__youth_id__in=youth_ids, starts_on__lte=week.sunday)
        .filter(Q(ends_on__gte=week.monday) | Q(ends_on__isnull=True))
        .exclude(status=StepStatus.CANCELLED)
        .select_related("pathway", "partner")
        .order_by("position", "starts_on", "pk")
    )
    by_youth = defaultdict(list)
    for step in steps:
        by_youth[step.pathway.youth_id].append(step)
    return by_youth


@dataclass(frozen=True)
class WeekDay:
    date: datetime.date
    label: str
    steps: list[Step]


def week_days(steps: list[Step], week: Week) -> list[WeekDay]:
    return [
        WeekDay(day, Weekday(day.weekday()).label, [step for step in steps if runs_on(step, day)]) for day in week.days
    ]


@casework_only
def youth_week(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    youth_services.youth_read(youth=youth, by=request.user, purpose="week")
    week = parse_week(request.GET.get("uge"))
    steps = steps_in_week([youth.pk], week).get(youth.pk, [])
    context = {"youth": youth, "week": week, "days": week_days(steps, week)}
    return render(request, "pathways/week.html", context)


@casework_only
def caseload_week(request: HttpRequest) -> HttpResponse:
    week = parse_week(request.GET.get("uge"))
    youths = list(
        Youth.objects.case_files_visible_to(request.user)
        .in_caseload_of(request.user)
        .order_by("first_name", "last_name", "pk")
    )
    steps = steps_in_week([youth.pk for youth in youths], week)
    rows = [(youth, week_days(steps.get(youth.pk, []), week)) for youth in youths]
    headers = [WeekDay(day, Weekday(day.weekday()).label, []) for day in week.days]
    return render(request, "pathways/week_caseload.html", {"week": week, "rows": rows, "headers": headers})
