"""Issue 18, items 6 and 7: a step waiting for an external service (an
expected window and a check-in date, no invented start), and a planned step
whose start date passed with no start recorded ("did it start?")."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pathways import engine, services
from pathways.models import Flag, FlagKind, Step, StepStatus
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload
from youths.board import board_queryset, board_rows, row_cause_text
from youths.models import Youth

MONDAY = datetime.date(2026, 11, 23)  # the frozen clock's today
DAY = datetime.timedelta(days=1)


def open_kinds(youth) -> set[str]:
    return set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True))


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice)


@pytest.fixture
def pathway(youth):
    return pathway_for(youth)


# --- 7. Starts that do not happen ----------------------------------------------


def test_a_planned_step_past_its_start_asks_did_it_start(youth, pathway, alice):
    unstarted = step_in(pathway, MONDAY - DAY, MONDAY + 20 * DAY)
    engine.scan(MONDAY)
    flag = Flag.objects.open().get(kind=FlagKind.NOT_STARTED)
    assert (flag.youth, flag.step) == (youth, unstarted)
    # The contact person records the start: the question is answered.
    services.step_set_status(step=unstarted, by=alice, status=StepStatus.ACTIVE, on=MONDAY - DAY)
    assert FlagKind.NOT_STARTED not in open_kinds(youth)


def test_on_its_start_day_a_planned_step_is_not_yet_in_question(youth, pathway):
    step_in(pathway, MONDAY, MONDAY + 20 * DAY)
    engine.scan(MONDAY)
    assert FlagKind.NOT_STARTED not in open_kinds(youth)


@pytest.mark.parametrize("change", ["cancel", "move"])
def test_cancelling_or_moving_the_start_answers_it_too(youth, pathway, alice, change):
    unstarted = step_in(pathway, MONDAY - 14 * DAY, MONDAY + 20 * DAY)
    engine.scan(MONDAY)
    assert FlagKind.NOT_STARTED in open_kinds(youth)
    if change == "cancel":
        services.step_set_status(step=unstarted, by=alice, status=StepStatus.CANCELLED, on=MONDAY)
    else:
        services.step_update(step=unstarted, by=alice, version=unstarted.version, starts_on=MONDAY + 7 * DAY)
    assert FlagKind.NOT_STARTED not in open_kinds(youth)


def test_the_board_does_not_call_an_unstarted_step_the_current_activity(youth, pathway):
    step_in(pathway, MONDAY - 14 * DAY, MONDAY + 20 * DAY, title="Praktik i Netto")
    engine.scan(MONDAY)
    (row,) = board_rows(board_queryset(Youth.objects.filter(pk=youth.pk)), today=MONDAY)
    assert row.youth.current_activity is None
    assert "Startede det?" in row_cause_text(row)


def test_a_started_step_is_the_current_activity(youth, pathway):
    step_in(pathway, MONDAY - 14 * DAY, MONDAY + 20 * DAY, status=StepStatus.ACTIVE, title="Praktik i Netto")
    engine.scan(MONDAY)
    (row,) = board_rows(board_queryset(Youth.objects.filter(pk=youth.pk)), today=MONDAY)
    assert row.youth.current_activity == "Praktik i Netto"
    assert FlagKind.NOT_STARTED not in open_kinds(youth)


# --- 6. Waiting for a service ---------------------------------------------------


def _wait(pathway, alice, **changes):
    fields = {
        "step_type": "other",
        "title": "Samtaler hos psykolog",
        "waiting_for": "psykolog",
        "since": MONDAY - 3 * DAY,
        "expected_from": MONDAY + 30 * DAY,
        "expected_until": MONDAY + 60 * DAY,
        "check_in_on": MONDAY + 14 * DAY,
    }
    fields.update(changes)
    return services.step_wait(pathway=pathway, by=alice, **fields)


def test_waiting_is_recorded_without_an_invented_start(pathway, alice):
    step = _wait(pathway, alice)
    step.refresh_from_db()
    assert (step.status, step.starts_on, step.check_in_on) == (StepStatus.WAITING, MONDAY - 3 * DAY, MONDAY + 14 * DAY)
    assert not Step.objects.current(MONDAY).filter(pk=step.pk).exists()
    assert not Step.objects.upcoming(MONDAY).filter(pk=step.pk).exists()


def test_while_waiting_a_planned_check_in_is_the_next_step(youth, pathway, alice):
    _wait(pathway, alice, check_in_on=MONDAY + 14 * DAY)
    engine.scan(MONDAY)
    assert FlagKind.NO_NEXT_STEP not in open_kinds(youth)
    # A month of nothing: past the check-in, no interim activity → no next step.
    engine.scan(MONDAY + 15 * DAY)
    assert FlagKind.NO_NEXT_STEP in open_kinds(youth)


def test_an_interim_activity_keeps_the_plan_alive_while_waiting(youth, pathway, alice):
    _wait(pathway, alice, check_in_on=MONDAY + 1 * DAY)
    step_in(pathway, MONDAY + 10 * DAY, MONDAY + 40 * DAY, title="Værksted to dage om ugen")
    engine.scan(MONDAY + 5 * DAY)
    assert FlagKind.NO_NEXT_STEP not in open_kinds(youth)


def test_when_the_service_begins_its_real_start_is_recorded(youth, pathway, alice):
    step = _wait(pathway, alice)
    services.step_update(step=step, by=alice, version=step.version, review_on=MONDAY + 60 * DAY)
    step.refresh_from_db()
    services.step_set_status(step=step, by=alice, status=StepStatus.ACTIVE, on=MONDAY)
    step.refresh_from_db()
    assert (step.status, step.starts_on) == (StepStatus.ACTIVE, MONDAY)


def test_the_youth_sees_venter_paa_psykolog_and_no_date(client, youth, pathway, alice):
    from kui.accounts.models import Role
    from tests.factories import UserFactory

    _wait(pathway, alice)
    youth.user = UserFactory(username="ung", role=Role.YOUTH, organisation=None)
    youth.save(update_fields=["user"])
    client.force_login(youth.user)
    page = client.get("/mig/plan/").content.decode()
    section = page.split('id="h-waiting"')[1].split("</section>")[0]
    assert "Venter på psykolog" in section
    for day in (MONDAY - 3 * DAY, MONDAY + 14 * DAY, MONDAY + 30 * DAY, MONDAY + 60 * DAY):
        assert f"{day.day}." not in section and str(day.year) not in section
    assert "Samtaler hos psykolog" not in page.split('id="h-done"')[1]


def test_staff_record_the_waiting_on_the_plan_page(client, youth, pathway, alice, django_assert_max_num_queries):
    client.force_login(alice)
    url = f"/forloeb/unge/{youth.public_id}/skridt/venter/"
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "step_type": "other",
            "title": "Samtaler hos psykolog",
            "waiting_for": "psykolog",
            "starts_on": "2026-11-20",
            "expected_from": "",
            "expected_until": "",
            "check_in_on": "2026-12-07",
        },
    )
    assert response.status_code == 302
    step = pathway.steps.get()
    assert (step.status, step.check_in_on) == (StepStatus.WAITING, datetime.date(2026, 12, 7))
    plan = client.get(f"/forloeb/unge/{youth.public_id}/").content.decode()
    assert "psykolog" in plan and "07.12.2026" in plan


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"waiting_for": ""}, "waiting_for"),
        ({"check_in_on": ""}, "check_in_on"),
        ({"check_in_on": "2026-11-01"}, "check_in_on"),
        ({"expected_from": "2027-02-01", "expected_until": "2027-01-01"}, "expected_until"),
        ({"starts_on": "1999-01-01"}, "starts_on"),
    ],
)
def test_bad_waiting_input_is_a_danish_error_and_saves_nothing(client, youth, pathway, alice, changes, field):
    client.force_login(alice)
    data = {
        "step_type": "other",
        "title": "Samtaler hos psykolog",
        "waiting_for": "psykolog",
        "starts_on": "2026-11-20",
        "check_in_on": "2026-12-07",
        **changes,
    }
    response = client.post(f"/forloeb/unge/{youth.public_id}/skridt/venter/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors or "__all__" in errors, errors
    message = " ".join(str(e) for e in errors.values())
    assert any(word in message for word in ("påkrævet", "Skriv", "Planlæg", "kan ikke", "før")), message
    assert not pathway.steps.exists()


def test_waiting_without_a_service_or_check_in_is_refused_by_the_service(pathway, alice):
    with pytest.raises(ValidationError) as error:
        _wait(pathway, alice, waiting_for=" ", check_in_on=None)
    assert set(error.value.message_dict) == {"waiting_for", "check_in_on"}
    assert not pathway.steps.exists()
