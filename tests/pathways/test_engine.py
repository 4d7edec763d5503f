"""The "always a next step" engine on fixed dates."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kui.lib.dates import add_working_days
from pathways import engine
from pathways.models import Flag, FlagKind, StepStatus
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths.models import Contact

MONDAY = datetime.date(2026, 11, 23)


def open_kinds(youth) -> set[str]:
    return set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True))


def _contact(youth, by, on: datetime.date):
    Contact.objects.create(
        youth=youth, logged_by=by, happened_at=timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    )


@pytest.fixture
def youth(alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    _contact(youth, alice, MONDAY - datetime.timedelta(days=1))
    return youth


def test_an_active_youth_without_a_step_ahead_has_no_next_step(youth):
    step_in(
        pathway_for(youth),
        MONDAY - datetime.timedelta(days=30),
        MONDAY - datetime.timedelta(days=1),
        status=StepStatus.COMPLETED,
        outcome="Gik godt",
    )
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.NO_NEXT_STEP}


def test_a_planned_step_ahead_is_a_next_step(youth):
    step_in(pathway_for(youth), MONDAY + datetime.timedelta(days=3))
    engine.scan(MONDAY)
    assert open_kinds(youth) == set()


def test_planning_a_step_resolves_the_flag_on_the_next_scan(youth):
    pathway = pathway_for(youth)
    engine.scan(MONDAY)
    flag = Flag.objects.get(kind=FlagKind.NO_NEXT_STEP)
    step_in(pathway, MONDAY + datetime.timedelta(days=7))
    engine.scan(MONDAY)
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert open_kinds(youth) == set()


def test_scanning_twice_changes_nothing(youth):
    first = engine.scan(MONDAY)
    flags = list(Flag.objects.values_list("pk", "kind", "resolved_at"))
    second = engine.scan(MONDAY)
    assert first.changed and not second.changed
    assert list(Flag.objects.values_list("pk", "kind", "resolved_at")) == flags


def test_no_contact_follows_the_support_level(alice):
    close = youth_in_caseload(alice, days_since_contact=None, support_level="close")
    exit_phase = youth_in_caseload(alice, days_since_contact=None, support_level="exit")
    for youth in (close, exit_phase):
        step_in(pathway_for(youth), MONDAY + datetime.timedelta(days=1))
        _contact(youth, alice, MONDAY - datetime.timedelta(days=12))
    engine.scan(MONDAY)
    assert open_kinds(close) == {FlagKind.NO_CONTACT}
    assert open_kinds(exit_phase) == set()


def test_logging_a_contact_resolves_no_contact(alice, youth):
    step_in(pathway_for(youth), MONDAY + datetime.timedelta(days=1))
    Contact.objects.all().delete()
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.NO_CONTACT}
    _contact(youth, alice, MONDAY)
    engine.scan(MONDAY)
    assert open_kinds(youth) == set()


def test_a_step_past_its_end_without_outcome_is_overdue(youth):
    pathway = pathway_for(youth)
    overdue = step_in(
        pathway, MONDAY - datetime.timedelta(days=14), MONDAY - datetime.timedelta(days=3), status=StepStatus.ACTIVE
    )
    step_in(pathway, MONDAY + datetime.timedelta(days=2))
    engine.scan(MONDAY)
    assert Flag.objects.open().get().step == overdue
    overdue.outcome = "Mødte stabilt op"
    overdue.save()
    engine.scan(MONDAY)
    assert open_kinds(youth) == set()


def test_inactive_youths_raise_no_flags(alice):
    youth_in_caseload(alice, days_since_contact=None, status="paused")
    # Waiting youths have only the waiting list's clock (14 days, not reached here).
    YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - datetime.timedelta(days=14))
    engine.scan(MONDAY)
    assert not Flag.objects.exists()


@pytest.mark.parametrize(
    "dropped_on,contact_deadline",
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 30)),  # Monday → next Monday
        (datetime.date(2026, 11, 20), datetime.date(2026, 11, 27)),  # Friday → next Friday
        (datetime.date(2026, 11, 21), datetime.date(2026, 11, 27)),  # Saturday → Friday
        (datetime.date(2026, 11, 22), datetime.date(2026, 11, 27)),  # Sunday → Friday
        (datetime.date(2026, 11, 26), datetime.date(2026, 12, 3)),  # Thursday → Thursday
    ],
)
def test_kui_deadline_counts_weekdays(dropped_on, contact_deadline):
    assert add_working_days(dropped_on, 5) == contact_deadline


def test_a_minor_who_drops_out_starts_the_legal_clock(alice):
    minor = youth_in_caseload(alice, days_since_contact=None, birth_date=datetime.date(2010, 2, 1))
    pathway = pathway_for(minor)
    step_in(
        pathway,
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 20),
        status=StepStatus.DROPPED,
        status_changed_on=datetime.date(2026, 11, 20),
        outcome="Stoppede",
    )
    _contact(minor, alice, datetime.date(2026, 11, 19))
    engine.scan(MONDAY)
    flag = Flag.objects.open().get(kind=FlagKind.KUI_DEADLINE)
    assert (flag.contact_deadline, flag.activity_deadline) == (datetime.date(2026, 11, 27), datetime.date(2026, 12, 20))


def test_the_clock_stops_with_contact_and_a_new_activity(alice):
    minor = youth_in_caseload(alice, days_since_contact=None, birth_date=datetime.date(2010, 2, 1))
    pathway = pathway_for(minor)
    step_in(
        pathway,
        datetime.date(2026, 10, 1),
        None,
        status=StepStatus.DROPPED,
        status_changed_on=datetime.date(2026, 11, 20),
        outcome="Stoppede",
    )
    engine.scan(MONDAY)
    _contact(minor, alice, MONDAY)
    engine.scan(MONDAY)
    assert FlagKind.KUI_DEADLINE in open_kinds(minor)
    step_in(pathway, MONDAY + datetime.timedelta(days=2), title="Brobygning")
    engine.scan(MONDAY)
    assert FlagKind.KUI_DEADLINE not in open_kinds(minor)


def test_adults_who_drop_out_have_no_legal_clock(alice):
    adult = youth_in_caseload(alice, days_since_contact=None, birth_date=datetime.date(2000, 2, 1))
    step_in(
        pathway_for(adult),
        datetime.date(2026, 10, 1),
        None,
        status=StepStatus.DROPPED,
        status_changed_on=datetime.date(2026, 11, 20),
        outcome="Stoppede",
    )
    engine.scan(MONDAY)
    assert FlagKind.KUI_DEADLINE not in open_kinds(adult)


def test_flag_history_is_kept(youth):
    pathway = pathway_for(youth)
    engine.scan(MONDAY)
    step_in(pathway, MONDAY + datetime.timedelta(days=1))
    engine.scan(MONDAY)
    flag = Flag.objects.get()
    assert flag.resolved_at is not None and flag.open_days == 0


def _many_youths(alice, count):
    for number in range(count):
        youth = youth_in_caseload(alice, days_since_contact=None)
        if number % 2:
            step_in(
                pathway_for(youth),
                MONDAY - datetime.timedelta(days=9),
                MONDAY - datetime.timedelta(days=2),
                status=StepStatus.ACTIVE,
            )


def _scan_queries() -> int:
    Flag.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        engine.scan(MONDAY)
    return len(queries)


def test_the_scan_query_count_does_not_grow(alice):
    _many_youths(alice, 10)
    with_10 = _scan_queries()
    _many_youths(alice, 990)
    with_1000 = _scan_queries()
    assert Flag.objects.open().filter(kind=FlagKind.NO_NEXT_STEP).count() == 1000
    # About four statements per kind of flag, plus the scan's own few, whatever the number of youths.
    assert with_1000 == with_10 <= 4 * len(FlagKind) + 3


def test_a_scoped_scan_touches_only_that_youth(alice):
    first = youth_in_caseload(alice, days_since_contact=None)
    second = youth_in_caseload(alice, days_since_contact=None)
    engine.scan(MONDAY, youth_ids=[first.pk])
    assert open_kinds(first) and not open_kinds(second)
