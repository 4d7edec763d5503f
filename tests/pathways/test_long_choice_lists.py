"""No page lists every staff member or partner: with 60 colleagues in the
organisation, the pages with a person or partner choice show only the likely
ones (the team, the youth's contact person) and search for the rest."""

import datetime

import pytest
from django.utils import timezone

from kui.accounts.models import OrganisationKind, Role
from pathways import conferences
from tests.factories import OrganisationFactory, TeamFactory, UserFactory
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload

STAFF = 60


@pytest.fixture
def colleagues(org_a):
    elsewhere = TeamFactory(organisation=org_a, name="Team Vest")
    return [
        UserFactory(role=Role.CONTACT_PERSON, organisation=org_a, team=elsewhere, first_name=f"Kollega{n:02d}")
        for n in range(STAFF)
    ]


@pytest.fixture
def partners(db):
    return [OrganisationFactory(name=f"Virksomhed {n:02d}", kind=OrganisationKind.COMPANY) for n in range(STAFF)]


@pytest.fixture
def youth(alice):
    youth = youth_in_caseload(alice)
    pathway_for(youth, started_on=timezone.localdate())
    return youth


def _listed(html: str, people) -> list:
    # By name or public id: a bare pk could equal some other option's value.
    return [person for person in people if str(person.public_id) in html or person.get_full_name() in html]


def test_the_plan_page_does_not_list_every_staff_member_or_partner(client, alice, youth, colleagues, partners):
    client.force_login(alice)
    html = client.get(f"/forloeb/unge/{youth.public_id}/").content.decode()
    assert _listed(html, colleagues) == []
    assert not any(partner.name in html for partner in partners)
    assert "/soeg/ball-holders/" in html and "/soeg/organisations/" in html


def test_the_step_form_searches_partners(client, alice, youth, partners):
    client.force_login(alice)
    html = client.get(f"/forloeb/unge/{youth.public_id}/skridt/ny/").content.decode()
    assert not any(partner.name in html for partner in partners)
    assert "/soeg/partners/" in html


def test_a_step_with_a_partner_found_by_searching_is_saved(client, alice, youth, partners):
    client.force_login(alice)
    today = timezone.localdate()
    data = {"step_type": "internship", "title": "Praktik", "starts_on": today.isoformat()}
    data["ends_on"] = (today + datetime.timedelta(days=14)).isoformat()  # a running step has an end date
    client.post(f"/forloeb/unge/{youth.public_id}/skridt/ny/", {**data, "partner": partners[42].pk})
    assert youth.pathways.get().steps.get().partner == partners[42]


def test_the_conference_case_lists_the_team_as_owners(client, lead, alice, youth, colleagues):
    conference = conferences.conference_schedule(by=lead, held_on=timezone.localdate())
    conferences.conference_add_case(conference=conference, by=lead, youth=youth)
    client.force_login(lead)
    html = client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/unge/{youth.public_id}/").content.decode()
    assert _listed(html, colleagues) == []
    assert str(alice.public_id) in html  # the team is listed


def test_the_task_form_lists_the_team_as_owners(client, alice, colleagues):
    client.force_login(alice)
    html = client.get("/forloeb/opgaver/ny/").content.decode()
    assert _listed(html, colleagues) == []


def test_the_contact_person_change_lists_the_youths_team(client, alice, bob, youth, colleagues):
    client.force_login(alice)
    html = client.get(f"/unge/{youth.public_id}/kontaktperson/").content.decode()
    assert _listed(html, colleagues) == []
    assert f'value="{bob.pk}"' in html


def test_the_task_form_lists_my_caseload_and_searches_the_rest(client, alice, bob):
    mine = youth_in_caseload(alice)
    theirs = [youth_in_caseload(bob) for _number in range(25)]
    client.force_login(alice)
    html = client.get("/forloeb/opgaver/ny/").content.decode()
    assert str(mine.public_id) in html
    assert not any(str(youth.public_id) in html for youth in theirs)
    assert "/soeg/open-case-files/" in html


def test_the_agreement_form_does_not_list_every_colleague(client, lead, colleagues):
    client.force_login(lead)
    html = client.get("/partnere/aftaler/ny/").content.decode()
    assert _listed(html, colleagues) == []
    assert "/soeg/agreement-owners/" in html
