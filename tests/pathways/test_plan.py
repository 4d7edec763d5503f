"""The plan page: pathway, steps and their history."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kui.accounts.models import OrganisationKind
from pathways.models import GroupCourse, Pathway, Step, StepEvent, StepStatus
from tests import clock
from tests.factories import OrganisationFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload
from youths.models import Youth

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)


@pytest.fixture
def youth(alice) -> Youth:
    return youth_in_caseload(alice)


@pytest.fixture
def pathway(youth) -> Pathway:
    return pathway_for(youth, started_on=TODAY - 30 * DAY)


@pytest.fixture
def step(pathway) -> Step:
    return step_in(pathway, TODAY - 7 * DAY, TODAY + 14 * DAY, position=1, status=StepStatus.ACTIVE)


@pytest.fixture
def company(db):
    return OrganisationFactory(name="Lagerhuset", kind=OrganisationKind.COMPANY)


def plan_url(youth) -> str:
    return f"/forloeb/unge/{youth.public_id}/"


def step_data(**overrides) -> dict:
    data = {
        "step_type": "internship",
        "title": "Praktik i Netto",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + 28 * DAY).isoformat(),
        "hours_per_week": "20",
        "weekdays": ["0", "2"],
    }
    data.update(overrides)
    return data


def test_it_shows_the_steps_in_order(client, alice, youth, pathway):
    step_in(pathway, TODAY, title="Brobygning", position=2)
    step_in(pathway, TODAY, title="Praktik", position=1)
    client.force_login(alice)
    response = client.get(plan_url(youth))
    assert response.status_code == 200
    assert [s.title for s in response.context["steps"]] == ["Praktik", "Brobygning"]


def test_it_offers_to_start_a_pathway_when_there_is_none(client, alice, youth):
    client.force_login(alice)
    response = client.get(plan_url(youth))
    assert response.context["pathway"] is None
    assert 'name="goal"' in response.content.decode()


def test_it_starts_a_pathway(client, alice, youth):
    client.force_login(alice)
    data = {"goal": "EGU som lagerassistent", "started_on": TODAY.isoformat()}
    response = client.post(f"{plan_url(youth)}start/", data)
    assert response.status_code == 302
    assert Pathway.objects.get(youth=youth).goal == "EGU som lagerassistent"


def test_it_refuses_a_pathway_without_a_goal(client, alice, youth):
    client.force_login(alice)
    response = client.post(f"{plan_url(youth)}start/", {"goal": "", "started_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert response.context["start_form"].errors
    assert not Pathway.objects.exists()


def test_it_closes_a_pathway_with_the_kind_of_education(client, alice, youth, pathway):
    client.force_login(alice)
    data = {"ended_on": TODAY.isoformat(), "outcome": "education", "education_kind": "egu"}
    client.post(f"{plan_url(youth)}afslut/", data)
    pathway.refresh_from_db()
    assert (pathway.ended_on, pathway.outcome, pathway.education_kind) == (TODAY, "education", "egu")


@pytest.mark.parametrize(
    "data",
    [
        {"ended_on": TODAY.isoformat(), "outcome": "education"},
        {"ended_on": (TODAY - 60 * DAY).isoformat(), "outcome": "job"},
        {"ended_on": TODAY.isoformat(), "outcome": "lottery"},
    ],
)
def test_it_refuses_a_bad_closing(client, alice, youth, pathway, data):
    client.force_login(alice)
    response = client.post(f"{plan_url(youth)}afslut/", data)
    assert response.context["close_form"].errors
    assert Pathway.objects.get().ended_on is None


def test_it_adds_a_step_with_weekdays(client, alice, youth, pathway, company):
    client.force_login(alice)
    response = client.post(f"{plan_url(youth)}skridt/ny/", step_data(partner=company.pk, mentor="Jens"))
    assert response.status_code == 302
    step = Step.objects.get()
    assert (step.weekdays, step.partner, step.hours_per_week) == ([0, 2], company, 20)
    assert StepEvent.objects.get().kind == "added"


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_on": (TODAY - DAY).isoformat()},
        {"hours_per_week": "61"},
        {"hours_per_week": "-1"},
        {"weekdays": ["7"]},
        {"step_type": "holiday"},
        {"title": ""},
        {"starts_on": "not a date"},
    ],
)
def test_it_refuses_a_bad_step_and_saves_nothing(client, alice, youth, pathway, overrides):
    client.force_login(alice)
    response = client.post(f"{plan_url(youth)}skridt/ny/", step_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Step.objects.exists()


def test_a_step_a_century_ahead_is_a_mistyped_year(client, alice, youth, pathway):
    """Three years ahead is the planning horizon: the last day allowed saves, the next does not."""
    client.force_login(alice)
    last = TODAY.replace(year=TODAY.year + 3)
    late = {"starts_on": "2126-12-10", "ends_on": "2127-01-10"}
    response = client.post(f"{plan_url(youth)}skridt/ny/", step_data(**late))
    assert "højst 3 år frem (til 23.11.2029)" in response.content.decode()
    review = {"starts_on": TODAY.isoformat(), "review_on": (last + DAY).isoformat(), "ends_on": ""}
    assert client.post(f"{plan_url(youth)}skridt/ny/", step_data(**review)).context["form"].errors["review_on"]
    assert not Step.objects.exists()
    client.post(f"{plan_url(youth)}skridt/ny/", step_data(starts_on=last.isoformat(), ends_on=last.isoformat()))
    assert Step.objects.get().starts_on == last


def test_a_step_ending_a_century_ahead_is_a_mistyped_year(client, alice, youth, pathway):
    """An education runs 4-5 years, so a step's end may lie six years ahead (STEP_END_HORIZON_YEARS), not more."""
    client.force_login(alice)
    last = TODAY.replace(year=TODAY.year + 6)
    response = client.post(f"{plan_url(youth)}skridt/ny/", step_data(ends_on="2126-01-05"))
    assert "højst 6 år frem (til 23.11.2032)" in " ".join(response.context["form"].errors["ends_on"])
    too_late = step_data(ends_on=(last + DAY).isoformat())
    assert client.post(f"{plan_url(youth)}skridt/ny/", too_late).context["form"].errors["ends_on"]
    assert not Step.objects.exists()
    assert client.post(f"{plan_url(youth)}skridt/ny/", step_data(ends_on=last.isoformat())).status_code == 302
    assert Step.objects.get().ends_on == last


def test_it_offers_only_partner_organisations(client, alice, youth, pathway, org_a, company):
    client.force_login(alice)
    response = client.get(f"{plan_url(youth)}skridt/ny/")
    assert list(response.context["form"].fields["partner"].queryset) == [company]
    client.post(f"{plan_url(youth)}skridt/ny/", step_data(partner=org_a.pk))
    assert not Step.objects.exists()


def test_it_refuses_another_organisations_group_course(client, alice, youth, pathway, org_b):
    course = GroupCourse.objects.create(organisation=org_b, name="Hold B", starts_on=TODAY, ends_on=TODAY + 70 * DAY)
    client.force_login(alice)
    response = client.post(f"{plan_url(youth)}skridt/ny/", step_data(group_course=course.pk))
    assert "group_course" in response.context["form"].errors
    assert not Step.objects.exists()


def test_it_edits_a_step_and_keeps_the_history(client, alice, youth, step):
    client.force_login(alice)
    data = step_data(title="Praktik i Føtex", starts_on=step.starts_on.isoformat(), version=step.version)
    assert client.post(f"/forloeb/skridt/{step.public_id}/rediger/", data).status_code == 302
    step.refresh_from_db()
    assert (step.title, step.version) == ("Praktik i Føtex", 2)
    assert "title" in StepEvent.objects.get(step=step, kind="changed").fields


def test_a_stale_edit_is_refused_with_a_message(client, alice, youth, step):
    Step.objects.filter(pk=step.pk).update(version=5)
    client.force_login(alice)
    with translation.override("en"):
        response = client.post(f"/forloeb/skridt/{step.public_id}/rediger/", step_data(version=1))
    assert "En anden har ændret dette skridt" in str(response.context["form"].non_field_errors())
    assert Step.objects.get().title == "Praktik på lager"


def test_it_moves_a_step_up(client, alice, youth, pathway):
    step_in(pathway, TODAY, title="Første", position=1)
    second = step_in(pathway, TODAY, title="Anden", position=2)
    client.force_login(alice)
    client.post(f"/forloeb/skridt/{second.public_id}/flyt/", {"direction": "up"})
    assert list(pathway.steps.values_list("title", flat=True)) == ["Anden", "Første"]
    assert StepEvent.objects.get(step=second).kind == "moved"


def test_it_completes_a_step_with_outcome_and_keeps_the_history(client, alice, youth, step):
    client.force_login(alice)
    data = {
        "status": "completed",
        "on": TODAY.isoformat(),
        "outcome": "Mødte stabilt op",
        "evaluation_note": "God evalueringssamtale",
    }
    assert client.post(f"/forloeb/skridt/{step.public_id}/status/", data).status_code == 302
    step.refresh_from_db()
    assert (step.status, step.outcome) == ("completed", "Mødte stabilt op")
    assert step.evaluation_note == "God evalueringssamtale"
    assert StepEvent.objects.filter(step=step, kind="status", note="completed").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"status": "completed", "on": TODAY.isoformat(), "outcome": ""},
        {"status": "dropped", "on": TODAY.isoformat()},
        {"status": "completed", "on": (TODAY + DAY).isoformat(), "outcome": "Fint"},
        {"status": "active", "on": TODAY.isoformat()},
        {"status": "paused", "on": TODAY.isoformat()},
    ],
)
def test_it_refuses_a_bad_status_change(client, alice, youth, step, data):
    client.force_login(alice)
    response = client.post(f"/forloeb/skridt/{step.public_id}/status/", data)
    assert response.context["form"].errors
    step.refresh_from_db()
    assert step.status == StepStatus.ACTIVE and not StepEvent.objects.exists()


def test_it_records_an_outcome(client, alice, youth, step):
    client.force_login(alice)
    client.post(f"/forloeb/skridt/{step.public_id}/resultat/", {"outcome": "Fik truckcertifikat"})
    step.refresh_from_db()
    assert step.outcome == "Fik truckcertifikat"
    assert StepEvent.objects.get(step=step).kind == "outcome"


def test_it_refuses_an_empty_outcome(client, alice, youth, step):
    client.force_login(alice)
    response = client.post(f"/forloeb/skridt/{step.public_id}/resultat/", {"outcome": ""})
    assert response.context["form"].errors
    assert not StepEvent.objects.exists()


def test_it_replaces_a_step_and_keeps_the_old_one(client, alice, youth, step):
    client.force_login(alice)
    data = step_data(title="Brobygning til TEC", note="Praktikken passede ikke")
    assert client.post(f"/forloeb/skridt/{step.public_id}/erstat/", data).status_code == 302
    step.refresh_from_db()
    assert step.status == StepStatus.CANCELLED
    assert step.replaced_by.title == "Brobygning til TEC"
    assert StepEvent.objects.get(step=step).note == "Praktikken passede ikke"


def test_replacing_needs_a_note(client, alice, youth, step):
    client.force_login(alice)
    response = client.post(f"/forloeb/skridt/{step.public_id}/erstat/", step_data(note=""))
    assert "note" in response.context["form"].errors
    assert Step.objects.count() == 1 and Step.objects.get().status == StepStatus.ACTIVE


def test_the_history_is_shown_collapsed(client, alice, youth, step):
    client.force_login(alice)
    client.post(f"/forloeb/skridt/{step.public_id}/resultat/", {"outcome": "Fik truckcertifikat"})
    html = client.get(plan_url(youth)).content.decode()
    assert '<details class="mt-3 plan-history">' in html
    assert len(client.get(plan_url(youth)).context["events"]) == 1


def test_the_plan_page_has_a_flat_query_count(client, alice, youth, pathway, django_assert_max_num_queries):
    for number in range(25):
        step_in(pathway, TODAY + number * DAY, title=f"Skridt {number}", position=number)
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        assert client.get(plan_url(youth)).status_code == 200


def test_an_outsider_gets_404(client, charlie, youth, step):
    client.force_login(charlie)
    assert client.get(plan_url(youth)).status_code == 404
    assert client.post(f"{plan_url(youth)}skridt/ny/", step_data()).status_code == 404
    assert client.post(f"/forloeb/skridt/{step.public_id}/rediger/", step_data(version=1)).status_code == 404
    assert client.post(f"/forloeb/skridt/{step.public_id}/erstat/", step_data(note="x")).status_code == 404
    assert Step.objects.count() == 1


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_steering_and_youths_get_404(client, request, persona, youth, step):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(plan_url(youth)).status_code == 404
    assert client.get(f"/forloeb/skridt/{step.public_id}/status/").status_code == 404
    assert client.post(f"/forloeb/skridt/{step.public_id}/flyt/", {"direction": "up"}).status_code == 404


def test_the_profile_card_shows_goal_current_and_next_step(alice, youth, pathway, step):
    step_in(pathway, TODAY + 20 * DAY, title="Brobygning til TEC", position=2)
    with translation.override("en"):
        html = render_to_string("pathways/includes/_profile_pathway.html", {"youth": youth})
    assert "EGU i lager og logistik" in html
    assert "Praktik på lager" in html and "Brobygning til TEC" in html
    assert f"/forloeb/unge/{youth.public_id}/" in html


def test_the_profile_card_says_when_nothing_is_planned(alice, youth):
    with translation.override("en"):
        html = render_to_string("pathways/includes/_profile_pathway.html", {"youth": youth})
    assert "No active pathway." in html
