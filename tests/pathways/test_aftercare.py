"""Aftercare (efterværn): after a pathway ends in education or a job,
check-ins 3, 6 and 12 months later; a youth who has dropped out is back on
the board at once; a nightly job gives the contact person a task."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kui.celery_app import app
from pathways import aftercare, services
from pathways.models import AftercareCheckIn, Flag, FlagKind, Task
from tests import clock
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services
from youths.models import EffortLimits, Youth, YouthStatus

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice)


def close(youth, by, outcome="education", ended_on=TODAY):
    pathway = pathway_for(youth, started_on=TODAY - 200 * DAY)
    kind = "eud_basic" if outcome == "education" else ""
    return services.pathway_close(pathway=pathway, by=by, ended_on=ended_on, outcome=outcome, education_kind=kind)


def test_a_start_in_education_schedules_check_ins_after_3_6_and_12_months(youth, alice):
    pathway = close(youth, alice)
    assert list(pathway.aftercare_check_ins.values_list("months", "due_on")) == [
        (3, datetime.date(2027, 2, 23)),
        (6, datetime.date(2027, 5, 23)),
        (12, datetime.date(2027, 11, 23)),
    ]


def test_a_job_does_too_and_another_outcome_does_not(youth, alice, bob):
    assert close(youth, alice, outcome="job").aftercare_check_ins.count() == 3
    other = youth_in_caseload(bob)
    assert close(other, bob, outcome="other").aftercare_check_ins.count() == 0


def test_the_months_are_configurable(youth, alice):
    EffortLimits.objects.create(pk=1, aftercare_months=[1, 2])
    pathway = close(youth, alice, ended_on=datetime.date(2026, 8, 31))
    assert list(pathway.aftercare_check_ins.values_list("due_on", flat=True)) == [
        datetime.date(2026, 9, 30),
        datetime.date(2026, 10, 31),
    ]


def test_still_there_is_recorded_and_the_youth_stays_off_the_board(youth, alice):
    pathway = close(youth, alice)
    youth_services.youth_change_status(
        youth=youth, by=alice, to_status=YouthStatus.COMPLETED, changed_on=TODAY, reason="Startet på EUD"
    )
    check_in = pathway.aftercare_check_ins.first()
    aftercare.aftercare_check_in_record(check_in=check_in, by=alice, held_on=TODAY, still_there=True)
    youth.refresh_from_db()
    assert youth.status == YouthStatus.COMPLETED
    assert AftercareCheckIn.objects.open().filter(pathway=pathway).count() == 2


def test_a_youth_who_dropped_out_is_back_on_the_board_at_once(youth, alice):
    pathway = close(youth, alice)
    youth_services.youth_change_status(
        youth=youth, by=alice, to_status=YouthStatus.COMPLETED, changed_on=TODAY, reason="Startet på EUD"
    )
    check_in = pathway.aftercare_check_ins.first()
    aftercare.aftercare_check_in_record(
        check_in=check_in, by=alice, held_on=TODAY, still_there=False, note="Stoppet efter to uger"
    )
    youth.refresh_from_db()
    assert youth.status == YouthStatus.ACTIVE
    assert Youth.objects.on_board().filter(pk=youth.pk).exists()
    assert set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True)) == {FlagKind.NO_NEXT_STEP}
    assert AftercareCheckIn.objects.open().filter(pathway=pathway).count() == 0  # the later ones are cancelled


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": TODAY + DAY, "still_there": True}, "fremtiden"),
        ({"held_on": TODAY - DAY, "still_there": True}, "før den unge startede"),
        ({"held_on": TODAY, "still_there": None}, "stadig er i uddannelse"),
    ],
)
def test_bad_input_gets_a_danish_error_and_saves_nothing(youth, alice, fields, message):
    check_in = close(youth, alice).aftercare_check_ins.first()
    with pytest.raises(ValidationError, match=message):
        aftercare.aftercare_check_in_record(check_in=check_in, by=alice, **fields)
    check_in.refresh_from_db()
    assert check_in.held_on is None and check_in.still_there is None


def test_a_check_in_is_recorded_once(youth, alice):
    check_in = close(youth, alice).aftercare_check_ins.first()
    aftercare.aftercare_check_in_record(check_in=check_in, by=alice, held_on=TODAY, still_there=True)
    with pytest.raises(ValidationError, match="allerede registreret"):
        aftercare.aftercare_check_in_record(check_in=check_in, by=alice, held_on=TODAY, still_there=False)


def test_the_job_makes_a_task_a_week_ahead_once(youth, alice):
    pathway = close(youth, alice, ended_on=TODAY - 85 * DAY)  # the 3-month check-in is 6 days away
    assert aftercare.aftercare_tasks_create(TODAY) == 1
    assert aftercare.aftercare_tasks_create(TODAY) == 0
    task = Task.objects.get(youth=youth)
    check_in = pathway.aftercare_check_ins.get(months=3)
    assert task.owner == alice and task.due_on == check_in.due_on and check_in.task == task
    assert task.title.startswith("Efterværn: følg op med den unge (3 måneder efter starten")
    aftercare.aftercare_check_in_record(check_in=check_in, by=alice, held_on=TODAY, still_there=True)
    task.refresh_from_db()
    assert task.done_at is not None


# --- The plan page -----------------------------------------------------------


def test_the_plan_page_records_a_drop_out(client, alice, youth):
    pathway = close(youth, alice)
    check_in = pathway.aftercare_check_ins.first()
    client.force_login(alice)
    page = client.get(f"/forloeb/unge/{youth.public_id}/").content.decode()
    assert "Efterværn" in page and "3 måneder efter starten" in page and "23.02.2027" in page
    response = client.post(
        f"/forloeb/eftervaern/{check_in.public_id}/",
        {"check_in-held_on": TODAY.isoformat(), "check_in-still_there": "no", "check_in-note": "Stoppet"},
    )
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert check_in.still_there is False


def test_the_plan_page_shows_a_missing_answer_and_saves_nothing(client, alice, youth):
    check_in = close(youth, alice).aftercare_check_ins.first()
    client.force_login(alice)
    response = client.post(f"/forloeb/eftervaern/{check_in.public_id}/", {"check_in-held_on": TODAY.isoformat()})
    assert response.status_code == 200 and "Dette felt er påkrævet" in response.content.decode()
    check_in.refresh_from_db()
    assert check_in.held_on is None


def test_an_outsider_gets_404(client, charlie, alice, youth):
    check_in = close(youth, alice).aftercare_check_ins.first()
    client.force_login(charlie)
    response = client.post(
        f"/forloeb/eftervaern/{check_in.public_id}/",
        {"check_in-held_on": TODAY.isoformat(), "check_in-still_there": "no"},
    )
    assert response.status_code == 404
    check_in.refresh_from_db()
    assert check_in.held_on is None


# --- On a real worker ------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_aftercare_tasks(alice, redis_url, settings):
    from celery.contrib.testing.worker import start_worker

    import pathways.tasks  # noqa: F401  (registered before the worker starts)

    youth = youth_in_caseload(alice)
    close(youth, alice, ended_on=TODAY - 88 * DAY)
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    app.close()
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            first = app.send_task("pathways.aftercare_tasks").get(timeout=30)
            again = app.send_task("pathways.aftercare_tasks").get(timeout=30)
    finally:
        app.close()
        app.conf.update(
            task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
            broker_url=settings.CELERY_BROKER_URL,
            result_backend=settings.CELERY_RESULT_BACKEND,
        )
    assert (first, again) == (1, 0)
    assert Task.objects.filter(youth=youth, title__startswith="Efterværn").count() == 1
