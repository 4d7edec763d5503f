"""Group courses: a fixed-date course several youths join as a step."""

import datetime

import pytest

from kui.accounts.models import OrganisationKind
from pathways.models import GroupCourse, Step, StepStatus
from tests import clock
from tests.factories import OrganisationFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)


def course_in(organisation, **fields) -> GroupCourse:
    fields.setdefault("name", "Roskilde-holdet")
    fields.setdefault("starts_on", TODAY + 7 * DAY)
    fields.setdefault("ends_on", TODAY + 77 * DAY)
    return GroupCourse.objects.create(organisation=organisation, weekdays=[1, 3], hours_per_week=12, **fields)


def youth_with_pathway(contact_person):
    youth = youth_in_caseload(contact_person)
    pathway_for(youth)
    return youth


def enrol(client, course, youth):
    return client.post(f"/forloeb/holdforloeb/{course.public_id}/tilmeld/", {"youth": youth.public_id})


@pytest.fixture
def course(org_a):
    return course_in(org_a, capacity=2)


def test_it_lists_only_the_own_organisations_courses(client, alice, org_a, org_b):
    course_in(org_a, name="Hold A")
    course_in(org_b, name="Hold B")
    client.force_login(alice)
    response = client.get("/forloeb/holdforloeb/")
    assert [c.name for c in response.context["courses"]] == ["Hold A"]


def test_the_list_has_a_flat_query_count(client, alice, org_a, django_assert_max_num_queries):
    for number in range(25):
        course_in(org_a, name=f"Hold {number}")
    client.force_login(alice)
    with django_assert_max_num_queries(6):
        assert client.get("/forloeb/holdforloeb/").status_code == 200


def test_it_creates_a_course(client, alice):
    partner = OrganisationFactory(name="Produktionsskolen", kind=OrganisationKind.PRODUCTION_SCHOOL)
    client.force_login(alice)
    data = {
        "name": "Værkstedshold",
        "partner": partner.pk,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + 70 * DAY).isoformat(),
        "weekdays": ["0", "1"],
        "hours_per_week": "10",
        "capacity": 8,
    }
    assert client.post("/forloeb/holdforloeb/nyt/", data).status_code == 302
    course = GroupCourse.objects.get()
    assert (course.organisation, course.partner, course.weekdays) == (alice.organisation, partner, [0, 1])


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_on": (TODAY - DAY).isoformat()},
        {"capacity": "0"},
        {"hours_per_week": "61"},
        {"name": ""},
    ],
)
def test_it_refuses_a_bad_course(client, alice, overrides):
    client.force_login(alice)
    data = {
        "name": "Værkstedshold",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + 70 * DAY).isoformat(),
        "hours_per_week": "10",
        "capacity": 8,
        **overrides,
    }
    response = client.post("/forloeb/holdforloeb/nyt/", data)
    assert response.context["form"].errors
    assert not GroupCourse.objects.exists()


def test_the_detail_shows_the_participants(client, alice, course):
    youth = youth_with_pathway(alice)
    client.force_login(alice)
    enrol(client, course, youth)
    response = client.get(f"/forloeb/holdforloeb/{course.public_id}/")
    assert [s.pathway.youth for s in response.context["participants"]] == [youth]
    assert response.context["places_left"] == 1


def test_enrolling_adds_a_group_course_step_with_the_course_dates(client, alice, course):
    youth = youth_with_pathway(alice)
    client.force_login(alice)
    assert enrol(client, course, youth).status_code == 302
    step = Step.objects.get()
    assert (step.step_type, step.group_course, step.pathway.youth) == ("group_course", course, youth)
    assert (step.starts_on, step.ends_on, step.weekdays) == (course.starts_on, course.ends_on, [1, 3])


def test_a_full_course_refuses_one_more(client, alice, course):
    for _ in range(2):
        step_in(
            youth_with_pathway(alice).pathways.get(), course.starts_on, step_type="group_course", group_course=course
        )
    client.force_login(alice)
    response = enrol(client, course, youth_with_pathway(alice))
    assert response.context["form"].errors
    assert Step.objects.count() == 2


def test_a_dropped_participant_frees_the_place(client, alice, course):
    for status in (StepStatus.ACTIVE, StepStatus.DROPPED):
        step_in(youth_with_pathway(alice).pathways.get(), course.starts_on, group_course=course, status=status)
    client.force_login(alice)
    assert enrol(client, course, youth_with_pathway(alice)).status_code == 302
    assert Step.objects.count() == 3


@pytest.mark.parametrize("who", ["no_pathway", "other_organisation", "already_on"])
def test_it_refuses_a_youth_who_cannot_join(client, alice, charlie, course, who):
    youth = {
        "no_pathway": lambda: youth_in_caseload(alice),
        "other_organisation": lambda: youth_with_pathway(charlie),
        "already_on": lambda: youth_with_pathway(alice),
    }[who]()
    if who == "already_on":
        step_in(youth.pathways.get(), course.starts_on, group_course=course)
    client.force_login(alice)
    response = enrol(client, course, youth)
    assert response.context["form"].errors
    assert Step.objects.count() == (1 if who == "already_on" else 0)


def test_an_outsider_gets_404(client, alice, charlie, course):
    youth = youth_with_pathway(alice)
    client.force_login(charlie)
    assert client.get(f"/forloeb/holdforloeb/{course.public_id}/").status_code == 404
    assert enrol(client, course, youth).status_code == 404
    assert not Step.objects.exists()


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_steering_and_youths_get_404(client, request, persona, course):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/forloeb/holdforloeb/").status_code == 404
    assert client.get("/forloeb/holdforloeb/nyt/").status_code == 404
    assert client.get(f"/forloeb/holdforloeb/{course.public_id}/").status_code == 404
