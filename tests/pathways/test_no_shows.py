"""No-shows (Roskilde): a contact "not reached" or a missed step day gives a
follow-up task for the next working day; three misses in a row flag
"losing contact", which the team lead is told of too."""

import datetime

import pytest
from django.core import mail

from partners import services as partner_services
from pathways import engine, reminders
from pathways.board_columns import CAUSE_TEXTS
from pathways.models import Flag, FlagKind, NoShow, Task
from tests import clock
from tests.partners.factories import company, mentor_at, placed_youth
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services

NOW = clock.NOW
TODAY = clock.TODAY  # Monday 23 November 2026
DAY = datetime.timedelta(days=1)


@pytest.fixture
def youth(alice):
    youth = youth_in_caseload(alice)
    step_in(pathway_for(youth), TODAY + 3 * DAY, TODAY + 30 * DAY)
    return youth


def call(youth, by, *, reached=False, at=None):
    return youth_services.contact_log(
        youth=youth, by=by, happened_at=at or NOW, medium="phone", duration_minutes=5, reached=reached
    )


def open_kinds(youth):
    return set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True))


def test_a_contact_not_reached_gives_a_follow_up_task_for_the_next_working_day(youth, alice):
    call(youth, alice)
    task = Task.objects.get(youth=youth)
    assert task.owner == alice and task.due_on == datetime.date(2026, 11, 24)
    assert task.title == "Følg op: den unge blev ikke truffet 23.11.2026"


def test_on_a_friday_the_follow_up_is_on_monday(youth, alice, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 27, 11, 0, tzinfo=clock.COPENHAGEN), tick=False)
    call(youth, alice, at=datetime.datetime(2026, 11, 27, 10, 0, tzinfo=clock.COPENHAGEN))
    assert Task.objects.get(youth=youth).due_on == datetime.date(2026, 11, 30)


def test_before_easter_the_public_holidays_are_skipped(youth, alice, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 24, 15, 0, tzinfo=clock.COPENHAGEN), tick=False)
    call(youth, alice, at=datetime.datetime(2027, 3, 24, 14, 0, tzinfo=clock.COPENHAGEN))
    # Maundy Thursday, Good Friday, the weekend and Easter Monday skipped.
    assert Task.objects.get(youth=youth).due_on == datetime.date(2027, 3, 30)


def test_a_reached_contact_gives_no_task(youth, alice):
    call(youth, alice, reached=True)
    assert not Task.objects.filter(youth=youth).exists() and not NoShow.objects.exists()


def test_three_misses_in_a_row_flag_losing_contact(youth, alice):
    for hours in (20, 10, 2):  # all after the youth was last reached (a day ago)
        call(youth, alice, at=NOW - datetime.timedelta(hours=hours))
        assert (FlagKind.LOSING_CONTACT in open_kinds(youth)) is (hours == 2)
    assert Task.objects.filter(youth=youth).count() == 3
    assert (
        str(CAUSE_TEXTS[FlagKind.LOSING_CONTACT]) == "Tre udeblivelser i træk: kontakten med den unge er ved at glippe"
    )


def test_a_miss_before_the_last_reach_does_not_count(youth, alice):
    for hours in (50, 30, 26):  # the youth was reached 24 hours ago
        call(youth, alice, at=NOW - datetime.timedelta(hours=hours))
    assert FlagKind.LOSING_CONTACT not in open_kinds(youth) and Task.objects.filter(youth=youth).count() == 3


def test_reaching_the_youth_ends_the_row(youth, alice):
    call(youth, alice, at=NOW - 20 * datetime.timedelta(hours=1))
    call(youth, alice, at=NOW - 16 * datetime.timedelta(hours=1))
    call(youth, alice, reached=True, at=NOW - 10 * datetime.timedelta(hours=1))
    call(youth, alice, at=NOW - 2 * datetime.timedelta(hours=1))
    assert FlagKind.LOSING_CONTACT not in open_kinds(youth)
    call(youth, alice, at=NOW - datetime.timedelta(hours=1))
    call(youth, alice, at=NOW)
    assert FlagKind.LOSING_CONTACT in open_kinds(youth)
    call(youth, alice, reached=True, at=NOW)
    assert FlagKind.LOSING_CONTACT not in open_kinds(youth)


def test_a_miss_logged_late_after_a_later_reach_does_not_count(youth, alice):
    call(youth, alice, reached=True, at=NOW - datetime.timedelta(hours=1))
    for hours in (5, 4, 3):
        call(youth, alice, at=NOW - datetime.timedelta(hours=hours))
    assert FlagKind.LOSING_CONTACT not in open_kinds(youth)


def test_the_team_lead_is_told_of_losing_contact(youth, alice, lead, settings):
    for hours in (20, 10, 2):
        call(youth, alice, at=NOW - datetime.timedelta(hours=hours))
    by_person = reminders.open_flags_by_contact_person()
    assert {flag.kind for flag in by_person[lead.pk]} == {FlagKind.LOSING_CONTACT}
    assert FlagKind.LOSING_CONTACT in {flag.kind for flag in by_person[alice.pk]}
    reminders.send_daily_digests()
    assert lead.email in {address for message in mail.outbox for address in message.to}


# --- Missed step days (the partner's attendance) -------------------------------


@pytest.fixture
def warehouse(db):
    return company("Lagerhuset Nord")


@pytest.fixture
def mentor(warehouse):
    return mentor_at(warehouse, "mentor")


@pytest.fixture
def placed(alice, warehouse):
    youth = placed_youth(alice, warehouse)
    youth.contacts.update(happened_at=NOW - 10 * DAY)  # last reached before the week's step days
    return youth


def attend(placed, mentor, day, present):
    step = placed.pathways.get().steps.get(partner=mentor.organisation)
    return partner_services.attendance_record(youth=placed, step=step, by=mentor, day=day, present=present)


def test_a_missed_step_day_gives_the_contact_person_a_task(placed, mentor, alice):
    attend(placed, mentor, TODAY - 3 * DAY, present=False)  # Friday
    task = Task.objects.get(youth=placed)
    assert task.owner == alice and task.due_on == TODAY + DAY
    assert task.title == "Følg op: den unge mødte ikke op til Praktik på lager 20.11.2026"
    attend(placed, mentor, TODAY - 3 * DAY, present=False)  # the same day again: no second task
    assert Task.objects.filter(youth=placed).count() == 1


def test_three_missed_days_flag_and_a_day_attended_ends_the_row(placed, mentor):
    for days in (5, 4, 3):  # Wednesday to Friday
        attend(placed, mentor, TODAY - days * DAY, present=False)
    assert FlagKind.LOSING_CONTACT in open_kinds(placed)
    attend(placed, mentor, TODAY, present=True)
    assert FlagKind.LOSING_CONTACT not in open_kinds(placed)


def test_a_day_corrected_to_attended_is_no_longer_a_miss(placed, mentor):
    for days in (5, 4):
        attend(placed, mentor, TODAY - days * DAY, present=False)
    attend(placed, mentor, TODAY - 4 * DAY, present=True)
    attend(placed, mentor, TODAY - 3 * DAY, present=False)
    assert FlagKind.LOSING_CONTACT not in open_kinds(placed)


def test_the_nightly_scan_agrees(placed, mentor):
    for days in (5, 4, 3):
        attend(placed, mentor, TODAY - days * DAY, present=False)
    Flag.objects.all().delete()
    engine.scan(TODAY)
    assert FlagKind.LOSING_CONTACT in open_kinds(placed)
