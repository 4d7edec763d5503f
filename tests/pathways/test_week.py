"""The combination week: which steps run on which day of an ISO week."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pathways.models import StepStatus
from pathways.views.week import parse_week
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload

MONDAY = datetime.date(2026, 11, 23)  # ISO week 2026-W48
WEEK = "2026-W48"


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice)


def titles_by_day(response) -> list[list[str]]:
    return [[step.title for step in day.steps] for day in response.context["days"]]


def get_week(client, youth, week=WEEK):
    return client.get(f"/forloeb/unge/{youth.public_id}/uge/", {"uge": week})


def test_it_reads_an_iso_week():
    assert parse_week("2026-W48").monday == MONDAY
    assert (parse_week("2026-W48").previous, parse_week("2026-W48").next) == ("2026-W47", "2026-W49")


@pytest.mark.parametrize("raw", ["", "banana", "2026-W54", "2026-W00", "0000-W01", "2026-48", None, "2026-W48x"])
def test_a_bad_week_falls_back_to_the_current_week(raw):
    today = datetime.date(2026, 12, 3)
    assert parse_week(raw, today=today).monday == datetime.date(2026, 11, 30)


def test_steps_run_on_their_weekdays(client, alice, youth):
    pathway = pathway_for(youth)
    step_in(
        pathway,
        MONDAY - datetime.timedelta(days=14),
        MONDAY + datetime.timedelta(days=30),
        title="Praktik",
        weekdays=[0, 1],
        status=StepStatus.ACTIVE,
    )
    step_in(pathway, MONDAY, MONDAY + datetime.timedelta(days=60), title="VUC", weekdays=[3])
    client.force_login(alice)
    assert titles_by_day(get_week(client, youth)) == [["Praktik"], ["Praktik"], [], ["VUC"], [], [], []]


def test_without_weekdays_a_step_runs_monday_to_friday_and_a_conversation_once(client, alice, youth):
    pathway = pathway_for(youth)
    step_in(pathway, MONDAY + datetime.timedelta(days=2), None, title="Værksted", step_type="workshop")
    step_in(pathway, MONDAY + datetime.timedelta(days=1), None, title="Samtale", step_type="conversation")
    client.force_login(alice)
    assert titles_by_day(get_week(client, youth)) == [[], ["Samtale"], ["Værksted"], ["Værksted"], ["Værksted"], [], []]


def test_cancelled_ended_and_dropped_steps_do_not_run(client, alice, youth):
    pathway = pathway_for(youth)
    step_in(pathway, MONDAY, MONDAY + datetime.timedelta(days=6), title="Aflyst", status=StepStatus.CANCELLED)
    step_in(pathway, MONDAY - datetime.timedelta(days=9), MONDAY - datetime.timedelta(days=1), title="Slut")
    step_in(
        pathway,
        MONDAY - datetime.timedelta(days=9),
        MONDAY + datetime.timedelta(days=30),
        title="Stoppet",
        status=StepStatus.DROPPED,
        status_changed_on=MONDAY + datetime.timedelta(days=1),
        outcome="Stoppede",
    )
    client.force_login(alice)
    assert titles_by_day(get_week(client, youth)) == [["Stoppet"], ["Stoppet"], [], [], [], [], []]


def test_the_days_carry_danish_weekday_names(client, alice, youth):
    client.force_login(alice)
    with translation.override("da"):
        response = get_week(client, youth)
    assert [str(day.label) for day in response.context["days"]][:2] == ["mandag", "tirsdag"]


def test_it_links_to_the_previous_and_next_week(client, alice, youth):
    client.force_login(alice)
    html = get_week(client, youth).content.decode()
    assert 'href="?uge=2026-W47"' in html and 'href="?uge=2026-W49"' in html


@pytest.mark.parametrize("week", ["2026-W99", "x' OR 1=1", "9999-W52"])
def test_a_bad_week_parameter_never_fails(client, alice, youth, week):
    client.force_login(alice)
    assert get_week(client, youth, week).status_code == 200


def _caseload_queries(client, alice, count: int) -> int:
    for _ in range(count):
        pathway = pathway_for(youth_in_caseload(alice))
        step_in(pathway, MONDAY, MONDAY + datetime.timedelta(days=30), weekdays=[0, 2])
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/forloeb/uge/", {"uge": WEEK})
    assert len(response.context["rows"]) == count
    return len(queries)


def test_the_caseload_week_has_a_flat_query_count(client, alice, bob):
    few = _caseload_queries(client, bob, 5)
    many = _caseload_queries(client, alice, 25)
    assert few == many


def test_the_caseload_week_shows_only_my_caseload(client, alice, bob):
    mine = youth_in_caseload(alice)
    youth_in_caseload(bob)
    client.force_login(alice)
    response = client.get("/forloeb/uge/")
    assert [youth for youth, _ in response.context["rows"]] == [mine]


def test_an_outsider_gets_404(client, charlie, youth):
    client.force_login(charlie)
    assert get_week(client, youth).status_code == 404


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_steering_and_youths_get_404(client, request, persona, youth):
    client.force_login(request.getfixturevalue(persona))
    assert get_week(client, youth).status_code == 404
    assert client.get("/forloeb/uge/").status_code == 404
