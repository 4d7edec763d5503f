"""The legal and default limits, pinned by their values.

These numbers come from the law and from the municipalities' practice, not
from the code: a change to any of them must be a decision someone makes on
purpose (and updates docs/domain.md for), never a side effect. So each is
written out here as a literal, and checked both as a constant and through the
nightly scan that applies it."""

import datetime

import pytest
from django.utils import timezone

from pathways import engine
from pathways.models import Flag, FlagKind, StepStatus
from tests.clock import TODAY
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload
from youths.models import Contact, EffortLimits, SupportLevelThreshold


def test_the_default_no_contact_limits_are_7_14_and_30_days():
    assert SupportLevelThreshold.DEFAULT_DAYS == {"close": 7, "external": 14, "exit": 30}


def test_the_kui_deadlines_are_5_working_days_for_contact_and_30_days_for_an_activity():
    limits = EffortLimits()  # unsaved: the defaults that apply until an administrator edits them
    assert (limits.kui_contact_working_days, limits.kui_activity_days) == (5, 30)


def test_the_legal_clock_runs_for_youths_under_18():
    assert engine.KUI_AGE_LIMIT == 18


def _contacted(youth, by, days_ago: int):
    on = TODAY - datetime.timedelta(days=days_ago)
    happened_at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    Contact.objects.create(youth=youth, logged_by=by, happened_at=happened_at)


@pytest.mark.django_db
@pytest.mark.parametrize("support_level,days", [("close", 7), ("external", 14), ("exit", 30)])
def test_no_contact_is_raised_the_day_after_the_limit(alice, support_level, days):
    on_the_limit = youth_in_caseload(alice, days_since_contact=None, support_level=support_level)
    past_the_limit = youth_in_caseload(alice, days_since_contact=None, support_level=support_level)
    for youth, days_ago in ((on_the_limit, days), (past_the_limit, days + 1)):
        step_in(pathway_for(youth), TODAY + datetime.timedelta(days=1))
        _contacted(youth, alice, days_ago)
    engine.scan(TODAY)
    stalled = set(Flag.objects.open().filter(kind=FlagKind.NO_CONTACT).values_list("youth", flat=True))
    assert stalled == {past_the_limit.pk}


@pytest.mark.django_db
def test_a_drop_out_flag_carries_deadlines_5_weekdays_and_30_days_out(alice):
    minor = youth_in_caseload(alice, days_since_contact=None, birth_date=datetime.date(2010, 2, 1))
    dropped_on = datetime.date(2026, 11, 18)  # a Wednesday: 5 weekdays later is the next Wednesday
    step_in(
        pathway_for(minor),
        datetime.date(2026, 10, 1),
        None,
        status=StepStatus.DROPPED,
        status_changed_on=dropped_on,
        outcome="Stoppede",
    )
    engine.scan(datetime.date(2026, 11, 23))  # the Monday after: the legal clock runs
    flag = Flag.objects.open().get(kind=FlagKind.KUI_DEADLINE)
    assert flag.contact_deadline == datetime.date(2026, 11, 25)
    assert flag.activity_deadline == datetime.date(2026, 12, 18)
