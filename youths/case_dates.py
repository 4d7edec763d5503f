"""The one rule for the date of anything that happens in a youth's case: a
status change, a contact, a new contact person, a ball handover, a step.

Nothing happens in a case before it began or after today. The case begins at
the youth's admission (the first day they became active); a youth not admitted
yet (on the waiting list) has a case from the referral date. A contact may
precede the admission (the call that books the intake meeting), so contacts
count from the referral. Planned steps may lie ahead (`allow_future`), but
not beyond PLANNING_HORIZON_YEARS: a pathway is small steps, and a date
decades ahead is a mistyped year.

Every service calls `check_case_date`; forms call `case_date_error` to show
the same message beside the field. A planned date that is not bound to the
case's beginning (an action item's or a task's deadline, a step's end) has only
the horizon: `check_planned_date` / `planned_date_error`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from youths.models import StatusChange, Youth, YouthStatus


def admitted_on(youth: Youth) -> datetime.date | None:
    """The day the youth first became active (the intake), if recorded."""
    return (
        StatusChange.objects.filter(youth=youth, to_status=YouthStatus.ACTIVE)
        .order_by("changed_on")
        .values_list("changed_on", flat=True)
        .first()
    )


_LOOK_IT_UP = object()
PLANNING_HORIZON_YEARS = 3
# A step's END may lie further ahead than anything else planned: an education
# step runs 4-5 years (a vocational education with its apprenticeship), so its
# end is set when it starts. Six years covers that with a year to spare; a date
# beyond is still a mistyped year.
STEP_END_HORIZON_YEARS = 6


def planning_horizon(today: datetime.date, years: int = PLANNING_HORIZON_YEARS) -> datetime.date:
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def planned_date_error(day: datetime.date, *, years: int = PLANNING_HORIZON_YEARS) -> str | None:
    """The Danish message for a planned date beyond the horizon, or None."""
    horizon = planning_horizon(timezone.localdate(), years)
    if day > horizon:
        return _("A planned date is at most %(years)s years ahead (until %(date)s); check the year.") % {
            "years": years,
            "date": date_format(horizon, "SHORT_DATE_FORMAT"),
        }
    return None


def check_planned_date(day: datetime.date | None, *, field: str, years: int = PLANNING_HORIZON_YEARS) -> None:
    error = planned_date_error(day, years=years) if day is not None else None
    if error:
        raise ValidationError({field: error})


def admissions_of(youths) -> dict[int, datetime.date]:
    """admitted_on for many youths in one query (batch services), by youth pk."""
    rows = (
        StatusChange.objects.filter(youth__in=youths, to_status=YouthStatus.ACTIVE)
        .values("youth_id")
        .annotate(first=Min("changed_on"))
        .values_list("youth_id", "first")
    )
    return dict(rows)


def case_began_on(youth: Youth, *, from_referral: bool = False, admitted=_LOOK_IT_UP) -> datetime.date:
    if not from_referral:
        if admitted is _LOOK_IT_UP:
            admitted = admitted_on(youth)
        if admitted is not None:
            return admitted
        if youth.status != YouthStatus.WAITING:
            # An active case without a recorded admission (an import): its
            # referral is the best known start, but never after today.
            return min(youth.referral_date, timezone.localdate())
    return youth.referral_date


def case_date_error(
    youth: Youth, day: datetime.date, *, allow_future: bool = False, from_referral: bool = False, admitted=_LOOK_IT_UP
) -> str | None:
    """The Danish message for a date outside the youth's case, or None."""
    today = timezone.localdate()
    if not allow_future and day > today:
        return _("The date cannot be in the future.")
    if beyond := planned_date_error(day):
        return beyond
    if day < youth.birth_date:
        return _("The date cannot be before the youth's birth date.")
    began = case_began_on(youth, from_referral=from_referral, admitted=admitted)
    if day < began:
        admitted = not from_referral and youth.status != YouthStatus.WAITING
        message = (
            _("The date cannot be before the youth was admitted (%(date)s).")
            if admitted
            else _("The date cannot be before the youth was referred (%(date)s).")
        )
        return message % {"date": date_format(began, "SHORT_DATE_FORMAT")}
    return None


def check_case_date(
    youth: Youth,
    day: datetime.date,
    *,
    field: str,
    allow_future: bool = False,
    from_referral: bool = False,
    admitted=_LOOK_IT_UP,
) -> None:
    """`admitted`: the admission already known to a batch caller (admissions_of), else looked up."""
    error = case_date_error(youth, day, allow_future=allow_future, from_referral=from_referral, admitted=admitted)
    if error:
        raise ValidationError({field: error})
