"""The rules of the effort (issue 15), each at the service or QuerySet that
owns it, on a frozen Monday."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from kui.accounts.models import Role
from pathways import engine, services
from pathways.models import BallHandover, Flag, FlagKind, Step, StepStatus, Task
from tests.factories import UserFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths import services as youth_services
from youths.models import Contact, StatusChange, YouthStatus

MONDAY = datetime.date(2026, 11, 23)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def open_kinds(youth) -> set[str]:
    return set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True))


def contacted(youth, by, on=MONDAY - DAY):
    Contact.objects.create(
        youth=youth, logged_by=by, happened_at=timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    )
    return youth


@pytest.fixture
def youth(alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    StatusChange.objects.create(
        youth=youth, to_status="active", changed_on=datetime.date(2026, 1, 5), reason="Visitation", changed_by=alice
    )
    return contacted(youth, alice)


# --- 3. Only dated steps ahead count as the next step ------------------------


def test_a_running_step_without_end_or_review_date_is_no_next_step(youth):
    step_in(pathway_for(youth), MONDAY - 10 * DAY, status=StepStatus.ACTIVE)
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.NO_NEXT_STEP}


def test_a_review_date_ahead_makes_a_running_step_the_next_step(youth):
    step = step_in(pathway_for(youth), MONDAY - 10 * DAY, status=StepStatus.ACTIVE, review_on=MONDAY + 7 * DAY)
    assert list(Step.objects.next_steps(MONDAY)) == [step]
    engine.scan(MONDAY)
    assert open_kinds(youth) == set()


def test_past_its_review_date_the_step_is_due_for_review_and_no_next_step(youth):
    step_in(pathway_for(youth), MONDAY - 30 * DAY, status=StepStatus.ACTIVE, review_on=MONDAY - DAY)
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.DUE_FOR_REVIEW, FlagKind.NO_NEXT_STEP}


def test_past_its_end_date_without_outcome_the_step_is_overdue(youth):
    pathway = pathway_for(youth)
    step_in(pathway, MONDAY - 30 * DAY, MONDAY - 3 * DAY, status=StepStatus.ACTIVE)
    step_in(pathway, MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.OVERDUE_STEP}


def test_a_running_step_needs_an_end_or_a_review_date(youth, alice):
    pathway = pathway_for(youth)
    with pytest.raises(ValidationError) as error:
        services.step_add(pathway=pathway, by=alice, step_type="job", title="Job i Netto", starts_on=MONDAY)
    assert "ends_on" in error.value.message_dict
    step = services.step_add(
        pathway=pathway, by=alice, step_type="job", title="Job i Netto", starts_on=MONDAY, review_on=MONDAY + 30 * DAY
    )
    assert step.review_on == MONDAY + 30 * DAY


def test_a_planned_step_cannot_start_running_without_a_date_to_look_at_it(youth, alice):
    step = step_in(pathway_for(youth), MONDAY + 7 * DAY)
    with pytest.raises(ValidationError) as error:
        services.step_set_status(step=step, by=alice, status=StepStatus.ACTIVE, on=MONDAY)
    assert "status" in error.value.message_dict
    assert Step.objects.get(pk=step.pk).status == StepStatus.PLANNED


def test_completing_a_step_sets_its_real_end_date(youth, alice):
    step = step_in(pathway_for(youth), MONDAY - 20 * DAY, MONDAY + 20 * DAY, status=StepStatus.ACTIVE)
    services.step_set_status(step=step, by=alice, status=StepStatus.COMPLETED, on=MONDAY - 2 * DAY, outcome="Godt")
    assert Step.objects.get(pk=step.pk).ends_on == MONDAY - 2 * DAY


# --- 1. Flags apply to the statuses they concern ------------------------------


def test_completing_a_youth_resolves_every_flag(youth, alice):
    Task.objects.create(youth=youth, owner=alice, created_by=alice, title="Ring", due_on=MONDAY - DAY)
    engine.scan(MONDAY)
    assert open_kinds(youth) == {FlagKind.NO_NEXT_STEP, FlagKind.OVERDUE_TASK}
    youth_services.youth_change_status(
        youth=youth, by=alice, to_status=YouthStatus.COMPLETED, changed_on=MONDAY, reason="Startet på EUD"
    )
    assert open_kinds(youth) == set()


def test_a_paused_youth_keeps_only_the_staffs_own_tasks(alice):
    paused = youth_in_caseload(alice, days_since_contact=None, status=YouthStatus.PAUSED)
    Task.objects.create(youth=paused, owner=alice, created_by=alice, title="Ring", due_on=MONDAY - DAY)
    engine.scan(MONDAY)
    assert open_kinds(paused) == {FlagKind.OVERDUE_TASK}


@pytest.mark.parametrize("status", [YouthStatus.WAITING, YouthStatus.COMPLETED, YouthStatus.WITHDRAWN])
def test_waiting_and_closed_youths_carry_no_flags(alice, status):
    # Referred today: the waiting list's own clock (14 days) has not run out.
    other = youth_in_caseload(alice, days_since_contact=None, status=status, referral_date=MONDAY)
    Task.objects.create(youth=other, owner=alice, created_by=alice, title="Ring", due_on=MONDAY - DAY)
    engine.scan(MONDAY)
    assert open_kinds(other) == set()


# --- 2. No contact person ---------------------------------------------------------


def test_deactivating_the_contact_person_flags_the_youth_for_the_team_lead(youth, alice, lead):
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    left = youth_services.staff_leave(person=alice, by=lead, on=MONDAY, successors={}, deactivate=True)
    assert left == [youth]
    assert open_kinds(youth) == {FlagKind.NO_CONTACT_PERSON}


def test_moving_the_contact_person_out_of_the_team_flags_the_youth(youth, alice, lead):
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    youth_services.staff_leave(person=alice, by=lead, on=MONDAY, successors={}, team=None)
    assert open_kinds(youth) == {FlagKind.NO_CONTACT_PERSON}


def test_naming_a_successor_resolves_the_flag(youth, alice, bob, lead):
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    youth_services.staff_leave(person=alice, by=lead, on=MONDAY, successors={}, deactivate=True)
    youth_services.contact_person_assign(
        youth=youth, by=lead, contact_person=bob, started_on=MONDAY, reason="Alice er stoppet"
    )
    assert open_kinds(youth) == set()


def test_a_successor_chosen_at_once_leaves_no_flag(youth, alice, bob, lead):
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    left = youth_services.staff_leave(person=alice, by=lead, on=MONDAY, successors={youth.pk: bob}, deactivate=True)
    assert left == [] and open_kinds(youth) == set()
    assert youth.assignments.get(ended_on__isnull=True).contact_person == bob


def test_only_a_team_lead_or_an_administrator_lets_someone_leave(youth, alice, bob):
    with pytest.raises(ValidationError):
        youth_services.staff_leave(person=alice, by=bob, on=MONDAY, successors={}, deactivate=True)
    alice.refresh_from_db()
    assert alice.is_active


# --- 5. One rule for the date of every event ----------------------------------


def test_the_ball_cannot_be_handed_over_before_the_admission(youth, alice, bob):
    with pytest.raises(ValidationError) as error:
        services.ball_hand_over(youth=youth, by=alice, handed_on=datetime.date(2025, 12, 1), holder_user=bob)
    assert "handed_on" in error.value.message_dict and not BallHandover.objects.exists()


def test_a_step_cannot_start_before_the_admission(youth, alice):
    with pytest.raises(ValidationError) as error:
        services.step_add(
            pathway=pathway_for(youth, started_on=datetime.date(2025, 12, 1)),
            by=alice,
            step_type="internship",
            title="Praktik",
            starts_on=datetime.date(2025, 12, 1),
            ends_on=datetime.date(2025, 12, 20),
        )
    assert "starts_on" in error.value.message_dict


@pytest.mark.parametrize("on", [datetime.date(2025, 12, 31), MONDAY + DAY])
def test_a_status_change_lies_between_the_admission_and_today(youth, alice, on):
    with pytest.raises(ValidationError):
        youth_services.youth_change_status(youth=youth, by=alice, to_status="paused", changed_on=on, reason="Syg")
    youth.refresh_from_db()
    assert youth.status == YouthStatus.ACTIVE


def test_a_contact_person_cannot_start_before_the_admission(youth, alice, bob):
    with pytest.raises(ValidationError) as error:
        youth_services.contact_person_assign(
            youth=youth, by=alice, contact_person=bob, started_on=datetime.date(2025, 11, 1), reason="Skifte"
        )
    assert "started_on" in error.value.message_dict


def test_a_contact_may_precede_the_admission_but_not_the_referral(alice):
    waiting = YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - 10 * DAY)
    when = timezone.make_aware(datetime.datetime.combine(MONDAY - 5 * DAY, datetime.time(10)))
    youth_services.contact_log(youth=waiting, by=alice, happened_at=when, medium="phone", duration_minutes=5)
    with pytest.raises(ValidationError):
        youth_services.contact_log(
            youth=waiting, by=alice, happened_at=when - 10 * DAY, medium="phone", duration_minutes=5
        )
    assert waiting.contacts.count() == 1


# --- 9. Working days and the KUI deadline -------------------------------------


def test_the_kui_contact_deadline_skips_easter(alice):
    minor = youth_in_caseload(alice, days_since_contact=None, birth_date=datetime.date(2010, 2, 1))
    dropped = step_in(
        pathway_for(minor),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 30),
        status=StepStatus.DROPPED,
        status_changed_on=datetime.date(2026, 3, 30),
        outcome="Stoppede",
    )
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        engine.scan(datetime.date(2026, 4, 1))
    flag = Flag.objects.get(kind=FlagKind.KUI_DEADLINE, step=dropped)
    # Monday 30 March + 5 working days, past Maundy Thursday, Good Friday and Easter Monday.
    assert flag.contact_deadline == datetime.date(2026, 4, 9)
    assert flag.activity_deadline == datetime.date(2026, 4, 29)


# --- 11. The scan command ---------------------------------------------------------


def test_the_scan_command_scans_as_of_the_day_given(youth):
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 5 * DAY)
    call_command("scan_pathways", "--today", "2026-11-23", stdout=io.StringIO())
    assert open_kinds(youth) == set()
    out = io.StringIO()
    call_command("scan_pathways", "--today", "2026-12-01", stdout=out)
    assert "no_next_step: +1" in out.getvalue()
    # The planned step was never started either: "did it start?".
    assert open_kinds(youth) == {
        FlagKind.NO_CONTACT,
        FlagKind.NO_NEXT_STEP,
        FlagKind.OVERDUE_STEP,
        FlagKind.NOT_STARTED,
    }


def test_the_scan_command_refuses_a_date_it_cannot_read(youth):
    with pytest.raises(CommandError):
        call_command("scan_pathways", "--today", "1.12.2026", stdout=io.StringIO())
    assert not Flag.objects.exists()


# --- 10. A contact person may work at a partner ------------------------------


def test_the_production_schools_tovholder_can_be_the_contact_person(youth, alice, org_a):
    from kui.accounts.models import Organisation, OrganisationKind

    school = Organisation.objects.create(name="FGU Syd", kind=OrganisationKind.PRODUCTION_SCHOOL)
    tovholder = UserFactory(username="fgu-tovholder", role=Role.PARTNER_STAFF, organisation=school)
    assignment = youth_services.contact_person_assign(
        youth=youth, by=alice, contact_person=tovholder, started_on=MONDAY, reason="Tovholder på FGU"
    )
    assert assignment.contact_person == tovholder
    engine.scan(MONDAY)
    assert FlagKind.NO_CONTACT_PERSON not in open_kinds(youth)


def test_partner_staff_of_a_municipal_unit_is_no_contact_person(youth, alice, org_a):
    clerk = UserFactory(username="clerk", role=Role.PARTNER_STAFF, organisation=org_a)
    with pytest.raises(ValidationError):
        youth_services.contact_person_assign(
            youth=youth, by=alice, contact_person=clerk, started_on=MONDAY, reason="Forkert"
        )
