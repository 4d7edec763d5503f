"""Partner staff see a youth only with a current step at their organisation
*and* a current consent that covers it."""

import pytest

from kui.accounts.models import OrganisationKind
from partners.access import youths_for_partner
from pathways.models import StepStatus
from tests.partners.factories import DAY, TODAY, company, consent_for, current_step, mentor_at, placed_youth
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services


def visible(user):
    return list(youths_for_partner(user, TODAY))


def test_it_shows_a_youth_with_a_current_step_and_consent(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    assert visible(mentor) == [youth]


def test_it_hides_a_youth_without_consent(alice, warehouse, mentor):
    placed_youth(alice, warehouse, consent=False)
    assert visible(mentor) == []


def test_it_hides_a_youth_whose_consent_was_withdrawn(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    youth_services.consent_withdraw(consent=youth.consents.get(), by=alice, withdrawn_on=TODAY)
    assert visible(mentor) == []


def test_a_consent_naming_another_company_does_not_count(alice, warehouse, bakery, mentor):
    youth = placed_youth(alice, warehouse, consent=False)
    consent_for(youth, bakery, by=alice)
    assert visible(mentor) == []


def test_an_area_consent_does_not_cover_a_company(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse, consent=False)
    consent_for(youth, None, area="jobcentre", by=alice)
    consent_for(youth, None, area="education", by=alice)
    assert visible(mentor) == []


@pytest.mark.parametrize(
    "kind", [OrganisationKind.PRODUCTION_SCHOOL, OrganisationKind.VOCATIONAL_SCHOOL, OrganisationKind.ADULT_EDUCATION]
)
def test_the_education_area_covers_schools(alice, kind):
    school = company("Skolen", kind=kind)
    youth = placed_youth(alice, school, consent=False)
    consent_for(youth, None, area="education", by=alice)
    assert visible(mentor_at(school)) == [youth]


def test_the_jobcentre_area_covers_the_jobcentre_only(alice):
    jobcentre = company("Jobcentret", kind=OrganisationKind.JOBCENTRE)
    youth = placed_youth(alice, jobcentre, consent=False)
    consent_for(youth, None, area="education", by=alice)
    assert visible(mentor_at(jobcentre)) == []
    consent_for(youth, None, area="jobcentre", by=alice)
    assert visible(mentor_at(jobcentre, "konsulent2")) == [youth]


@pytest.mark.parametrize(
    "step",
    [
        {"starts_on": TODAY + DAY, "ends_on": TODAY + 9 * DAY},
        {"starts_on": TODAY - 30 * DAY, "ends_on": TODAY - DAY},
        {"status": StepStatus.COMPLETED},
        {"status": StepStatus.CANCELLED},
    ],
)
def test_it_hides_a_youth_whose_step_is_not_current(alice, warehouse, mentor, step):
    placed_youth(alice, warehouse, **step)
    assert visible(mentor) == []


def test_an_open_ended_step_is_current(alice, warehouse, mentor):
    youth = youth_in_caseload(alice)
    step = current_step(youth, warehouse)
    step.ends_on = None
    step.save()
    consent_for(youth, warehouse, by=alice)
    assert visible(mentor) == [youth]


def test_the_current_step_must_be_the_one_at_the_partner(alice, warehouse, bakery, mentor):
    """A past step here and a current step elsewhere is not a current step here."""
    youth = youth_in_caseload(alice)
    current_step(youth, warehouse, starts_on=TODAY - 40 * DAY, ends_on=TODAY - 10 * DAY)
    current_step(youth, bakery)
    consent_for(youth, warehouse, by=alice)
    assert visible(mentor) == []


def test_a_closed_pathway_ends_access(alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse)
    youth.pathways.update(ended_on=TODAY)
    assert visible(mentor) == []


def test_other_partners_see_nothing(alice, warehouse, baker):
    placed_youth(alice, warehouse)
    assert visible(baker) == []


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "administrator", "youth_user"])
def test_other_roles_get_no_youths_this_way(request, alice, warehouse, persona):
    placed_youth(alice, warehouse)
    assert visible(request.getfixturevalue(persona)) == []
