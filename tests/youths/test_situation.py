"""The facts of the youth's situation: several target groups, the
education-readiness assessment with date and who made it, the benefit, and
other departments' measures as structured entries, confidential by default."""

import datetime

import pytest

from kui.accounts.models import OrganisationKind
from tests import clock
from tests.factories import OrganisationFactory
from tests.youths.factories import youth_in_caseload
from youths.models import DepartmentMeasure, ReadinessAssessment, Youth, YouthCorrection


@pytest.fixture
def sara(alice):
    return youth_in_caseload(alice, first_name="Sara", target_group="mental_health")


@pytest.fixture
def jobcentre(db):
    return OrganisationFactory(name="Jobcenter Syd", kind=OrganisationKind.JOBCENTRE)


@pytest.fixture
def family(db):
    return OrganisationFactory(name="Familieafdelingen", kind=OrganisationKind.FAMILY)


def _post(client, youth, form, **data):
    return client.post(f"/unge/{youth.public_id}/situation/", {"form": form, **data})


def test_a_youth_has_several_target_groups_the_main_one_always_among_them(client, alice, sara):
    client.force_login(alice)
    response = _post(client, sara, "groups", groups=["unemployed", "social"])
    assert response.status_code == 302
    assert sorted(sara.target_groups.values_list("group", flat=True)) == ["mental_health", "social", "unemployed"]
    _post(client, sara, "groups", groups=["social"])
    assert sorted(sara.target_groups.values_list("group", flat=True)) == ["mental_health", "social"]


def test_the_readiness_assessment_keeps_date_and_who_made_it(client, alice, sara, jobcentre):
    client.force_login(alice)
    day = clock.TODAY - datetime.timedelta(days=20)
    response = _post(
        client,
        sara,
        "readiness",
        readiness="activity_ready",
        assessed_on=day.isoformat(),
        assessed_by="Karin Dahl, jobkonsulent",
        organisation=jobcentre.pk,
    )
    assert response.status_code == 302
    assessment = ReadinessAssessment.objects.get()
    assert (assessment.readiness, assessment.assessed_on, assessment.assessed_by, assessment.organisation) == (
        "activity_ready",
        day,
        "Karin Dahl, jobkonsulent",
        jobcentre,
    )
    html = client.get(f"/unge/{sara.public_id}/situation/").content.decode()
    assert "Aktivitetsparat" in html and "Karin Dahl, jobkonsulent" in html


@pytest.mark.parametrize(
    "data",
    [
        {
            "readiness": "activity_ready",
            "assessed_on": (clock.TODAY + datetime.timedelta(days=1)).isoformat(),
            "assessed_by": "Karin",
        },
        {"readiness": "activity_ready", "assessed_on": clock.TODAY.isoformat(), "assessed_by": "  "},
        {"readiness": "maybe", "assessed_on": clock.TODAY.isoformat(), "assessed_by": "Karin"},
        {"readiness": "activity_ready", "assessed_on": "1900-01-01", "assessed_by": "Karin"},
    ],
)
def test_a_bad_assessment_gets_a_danish_error_and_saves_nothing(client, alice, sara, data):
    client.force_login(alice)
    response = _post(client, sara, "readiness", **data)
    assert response.status_code == 200 and response.context["forms"]["readiness"].errors
    assert not ReadinessAssessment.objects.exists()


def test_the_benefit_is_a_fact_with_its_earlier_value_kept(client, alice, sara):
    client.force_login(alice)
    assert _post(client, sara, "benefit", benefit="education_benefit", version=sara.version).status_code == 302
    sara.refresh_from_db()
    assert sara.get_benefit_display() == "Uddannelseshjælp"
    assert _post(client, sara, "benefit", benefit="wage", version=sara.version).status_code == 302
    assert YouthCorrection.objects.filter(youth=sara, field="benefit").exists()
    # A stale form (an older version) is refused, not silently overwritten.
    response = _post(client, sara, "benefit", benefit="none", version=1)
    assert response.status_code == 200
    assert Youth.objects.get(pk=sara.pk).benefit == "wage"


def test_a_measure_is_confidential_by_default(client, alice, bob, lead, sara, family):
    client.force_login(alice)
    response = _post(
        client,
        sara,
        "measure",
        organisation=family.pk,
        measure="Familiebehandling, § 52",
        starts_on=clock.TODAY.isoformat(),
        sensitive="on",
    )
    assert response.status_code == 302
    assert DepartmentMeasure.objects.get().sensitive
    assert DepartmentMeasure.objects.visible_to(alice).count() == 1
    assert DepartmentMeasure.objects.visible_to(lead).count() == 1
    assert DepartmentMeasure.objects.visible_to(bob).count() == 0
    client.force_login(bob)
    assert "Familiebehandling" not in client.get(f"/unge/{sara.public_id}/situation/").content.decode()


def test_a_measure_needs_another_department_and_a_sensible_period(client, alice, sara, family):
    company = OrganisationFactory(kind=OrganisationKind.COMPANY)
    client.force_login(alice)
    for data in (
        {"organisation": company.pk, "measure": "x", "starts_on": clock.TODAY.isoformat()},
        {
            "organisation": family.pk,
            "measure": "x",
            "starts_on": clock.TODAY.isoformat(),
            "ends_on": (clock.TODAY - datetime.timedelta(days=1)).isoformat(),
        },
        {"organisation": family.pk, "measure": "x", "starts_on": "1900-01-01"},
        {"organisation": family.pk, "measure": "x", "starts_on": "2126-11-01"},
        {"organisation": family.pk, "measure": "x", "starts_on": clock.TODAY.isoformat(), "ends_on": "2126-11-01"},
    ):
        response = _post(client, sara, "measure", **data)
        assert response.status_code == 200 and response.context["forms"]["measure"].errors
    assert not DepartmentMeasure.objects.exists()


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_outsiders_get_404(client, alice, sara, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/unge/{sara.public_id}/situation/").status_code == 404
    assert _post(client, sara, "groups", groups=["social"]).status_code == 404
    assert not sara.target_groups.exists()


@pytest.mark.parametrize(
    "form, data",
    [
        ("groups", {"groups": ["nonsense"]}),
        ("benefit", {"benefit": "lottery"}),
        ("benefit", {"benefit": "wage", "version": "abc"}),
        ("readiness", {"readiness": "activity_ready", "assessed_on": "31-31-2026", "assessed_by": "Karin"}),
        ("readiness", {"readiness": "activity_ready", "assessed_on": "2026-11-01", "assessed_by": "K" * 201}),
        ("measure", {"organisation": "999999", "measure": "x", "starts_on": "2026-11-01"}),
        ("measure", {"organisation": "'; drop table", "measure": "x", "starts_on": "2026-11-01"}),
        ("nonsense", {"groups": ["social"]}),
        ("", {}),
    ],
)
def test_bad_input_gets_a_danish_error_and_changes_nothing(client, alice, sara, form, data):
    client.force_login(alice)
    before = sara.version
    data.setdefault("version", before)
    response = _post(client, sara, form, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="invalid-feedback' in html or "Intet blev gemt" in html
    for english in ("Select a valid choice", "Enter a valid", "Ensure this value", "Nothing was saved"):
        assert english not in html
    sara.refresh_from_db()
    assert sara.benefit == "" and sara.version == before
    assert not sara.target_groups.exists()
    assert not ReadinessAssessment.objects.exists() and not DepartmentMeasure.objects.exists()
    assert not YouthCorrection.objects.filter(youth=sara).exists()
