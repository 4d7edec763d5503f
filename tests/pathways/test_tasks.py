"""Tasks: my list (and the team's for a team lead), creating one by hand,
marking it done, and overdue tasks turning into flags through the engine."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pathways import engine, services
from pathways.models import Flag, FlagKind, Task
from tests import clock
from tests.youths.factories import youth_in_caseload

TODAY = clock.TODAY
YESTERDAY = TODAY - datetime.timedelta(days=1)
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def _task(owner, youth=None, due_on=NEXT_WEEK, title="Ring til praktikstedet") -> Task:
    youth = youth or youth_in_caseload(owner)
    return services.task_create(youth=youth, by=owner, owner=owner, title=title, due_on=due_on)


def _form(for_youth, person, **overrides) -> dict:
    data = {
        "youth": str(for_youth.public_id),
        "title": "Søg om bostøtte",
        "owner": str(person.public_id),
        "due_on": NEXT_WEEK.isoformat(),
    }
    data.update(overrides)
    return data


def test_it_lists_my_open_tasks_and_marks_overdue_ones(client, alice):
    late, fine = _task(alice, due_on=YESTERDAY), _task(alice)
    services.task_complete(task=_task(alice), by=alice)
    client.force_login(alice)
    response = client.get("/forloeb/opgaver/")
    assert response.context["mine"] == [late, fine]
    assert response.content.decode().count('class="task-overdue"') == 1


def test_a_contact_person_does_not_get_colleagues_tasks(client, alice, bob):
    _task(bob)
    client.force_login(alice)
    response = client.get("/forloeb/opgaver/")
    assert response.context["mine"] == [] and response.context["team"] == []


def test_a_team_lead_also_sees_the_teams_tasks(client, lead, alice, charlie):
    task = _task(alice)
    _task(charlie)
    client.force_login(lead)
    assert client.get("/forloeb/opgaver/").context["team"] == [task]


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_other_roles_get_404(client, request, alice, persona):
    youth = youth_in_caseload(alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/forloeb/opgaver/").status_code == 404
    assert client.post("/forloeb/opgaver/ny/", _form(youth, alice)).status_code == 404
    assert not Task.objects.exists()


def test_it_creates_a_task_by_hand(client, alice, bob):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post("/forloeb/opgaver/ny/", _form(youth, bob))
    assert response["Location"] == "/forloeb/opgaver/"
    task = Task.objects.get()
    assert (task.youth, task.owner, task.created_by, task.due_on) == (youth, bob, alice, NEXT_WEEK)


def test_the_form_starts_with_the_youth_from_the_link(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.get(f"/forloeb/opgaver/ny/?youth={youth.public_id}")
    assert response.context["form"]["youth"].value() == str(youth.public_id)


def test_a_youth_the_user_cannot_see_is_refused(client, alice, charlie):
    hidden = youth_in_caseload(charlie)
    client.force_login(alice)
    response = client.post("/forloeb/opgaver/ny/", _form(hidden, alice))
    assert "youth" in response.context["form"].errors
    assert not Task.objects.exists()


@pytest.mark.parametrize("overrides", [{"due_on": "2020-01-01"}, {"due_on": ""}, {"title": ""}, {"youth": ""}])
def test_bad_task_input_saves_nothing(client, alice, overrides):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post("/forloeb/opgaver/ny/", _form(youth, alice, **overrides))
    assert response.status_code == 200 and response.context["form"].errors
    assert not Task.objects.exists()


def test_an_owner_from_another_organisation_is_refused(client, alice, charlie):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post("/forloeb/opgaver/ny/", _form(youth, charlie))
    assert "owner" in response.context["form"].errors
    assert not Task.objects.exists()


def test_marking_a_task_done(client, alice, bob):
    task = _task(alice)
    client.force_login(bob)
    response = client.post(f"/forloeb/opgaver/{task.public_id}/udfoert/")
    assert response["Location"] == "/forloeb/opgaver/"
    task.refresh_from_db()
    assert task.done_at is not None


def test_marking_done_twice_keeps_the_first_time(client, alice):
    task = _task(alice)
    services.task_complete(task=task, by=alice)
    first = Task.objects.get().done_at
    client.force_login(alice)
    client.post(f"/forloeb/opgaver/{task.public_id}/udfoert/")
    assert Task.objects.get().done_at == first


def test_marking_done_does_not_follow_an_outside_next_url(client, alice):
    task = _task(alice)
    client.force_login(alice)
    response = client.post(f"/forloeb/opgaver/{task.public_id}/udfoert/", {"next": "https://evil.example/"})
    assert response["Location"] == "/forloeb/opgaver/"


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_outsiders_cannot_mark_a_task_done(client, request, alice, persona):
    task = _task(alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/forloeb/opgaver/{task.public_id}/udfoert/").status_code == 404
    assert Task.objects.get().done_at is None


def test_marking_done_needs_post(client, alice):
    task = _task(alice)
    client.force_login(alice)
    assert client.get(f"/forloeb/opgaver/{task.public_id}/udfoert/").status_code == 405


def test_an_overdue_task_becomes_a_flag_and_completing_it_resolves_it(alice):
    task = _task(alice, due_on=YESTERDAY)
    engine.scan()
    assert Flag.objects.open().filter(kind=FlagKind.OVERDUE_TASK, task=task).count() == 1
    services.task_complete(task=task, by=alice)
    engine.scan()
    assert not Flag.objects.open().filter(kind=FlagKind.OVERDUE_TASK).exists()


def test_a_task_due_ahead_raises_no_flag(alice):
    _task(alice, due_on=NEXT_WEEK)
    engine.scan()
    assert not Flag.objects.filter(kind=FlagKind.OVERDUE_TASK).exists()


def test_the_task_list_query_count_is_flat(client, lead, alice, django_assert_max_num_queries):
    for index in range(25):
        _task(alice if index % 2 else lead, due_on=YESTERDAY if index % 3 else NEXT_WEEK)
    client.force_login(lead)
    with django_assert_max_num_queries(6 + 3):  # + the audit read naming the youths shown
        response = client.get("/forloeb/opgaver/")
    assert len(response.context["mine"]) + len(response.context["team"]) == 25


def test_a_task_due_a_century_ahead_is_a_mistyped_year(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.post("/forloeb/opgaver/ny/", _form(youth, alice, due_on="2126-01-01"))
    assert "højst 3 år frem" in " ".join(response.context["form"].errors["due_on"])
    with pytest.raises(ValidationError):
        _task(alice, youth, due_on=datetime.date(2126, 1, 1))
    assert not Task.objects.exists()
