import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kui.accounts.models import Role
from kui.audit.models import AuditEvent
from tests.factories import TeamFactory, UserFactory
from tests.youths.factories import youth_in_caseload
from youths.models import YouthStatus

URL = "/unge/sagsstamme/"


def _limit_url(person):
    return f"/unge/sagsstamme/{person.public_id}/graense/"


def _loads(response) -> dict:
    return {person.username: (person.active_caseload, person.caseload_limit) for person in response.context["rows"]}


def test_a_team_lead_sees_active_youths_per_contact_person(client, alice, bob, lead, charlie):
    youth_in_caseload(alice), youth_in_caseload(alice), youth_in_caseload(bob)
    youth_in_caseload(alice, status=YouthStatus.PAUSED)
    youth_in_caseload(charlie)
    client.force_login(lead)
    assert _loads(client.get(URL)) == {"alice": (2, 25), "bob": (1, 25), "lead": (0, 25)}


def test_a_contact_person_sees_only_their_own_line(client, alice, bob):
    youth_in_caseload(bob)
    client.force_login(alice)
    response = client.get(URL, {"team": ""})
    assert _loads(response) == {"alice": (0, 25)}
    assert response.context["team_form"] is None


def test_a_team_lead_starts_on_their_own_team_and_may_show_all(client, alice, lead, org_a):
    other_team = TeamFactory(organisation=org_a, name="Team Syd")
    UserFactory(username="sara", organisation=org_a, team=other_team)
    client.force_login(lead)
    assert "sara" not in _loads(client.get(URL))
    assert "sara" in _loads(client.get(URL, {"team": ""}))
    assert set(_loads(client.get(URL, {"team": other_team.pk}))) == {"sara"}


def test_a_team_of_another_organisation_is_a_form_error(client, lead, org_b):
    foreign = TeamFactory(organisation=org_b)
    client.force_login(lead)
    response = client.get(URL, {"team": foreign.pk})
    assert response.context["team_form"].errors
    assert not any(person.organisation_id == org_b.pk for person in response.context["rows"])


def test_it_marks_people_above_their_limit(client, alice, bob, lead):
    alice.caseload_limit = 1
    alice.save()
    youth_in_caseload(alice), youth_in_caseload(alice), youth_in_caseload(bob)
    client.force_login(lead)
    html = client.get(URL).content.decode()
    assert html.count("caseload-warning") == 1
    assert f'id="caseload-{alice.public_id}" class="caseload-row over-limit"' in html


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_it_gives_other_roles_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def _queries_with_people(client, lead, total) -> int:
    """Query count of the page once the lead's team has `total` contact persons, each with a youth."""
    while len(lead.team.members.all()) < total + 1:
        youth_in_caseload(UserFactory(organisation=lead.organisation, team=lead.team))
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert len(response.context["rows"]) == total + 1
    return len(queries)


def test_the_query_count_does_not_grow_with_people(client, lead):
    five = _queries_with_people(client, lead, 5)
    assert _queries_with_people(client, lead, 25) == five


def test_a_team_lead_sets_a_caseload_limit(client, alice, lead):
    client.force_login(lead)
    response = client.post(_limit_url(alice), {"caseload_limit": "30"})
    assert response["Location"] == URL
    alice.refresh_from_db()
    assert alice.caseload_limit == 30
    assert AuditEvent.objects.filter(actor=lead, object_id=str(alice.pk), fields=["caseload_limit"]).exists()


@pytest.mark.parametrize("value", ["-1", "201", "abc", "", "12.5"])
def test_it_rejects_a_bad_limit_and_saves_nothing(client, alice, lead, value):
    client.force_login(lead)
    response = client.post(_limit_url(alice), {"caseload_limit": value})
    assert response.status_code == 200 and response.context["form"].errors
    alice.refresh_from_db()
    assert alice.caseload_limit == 25


@pytest.mark.parametrize("persona", ["alice", "charlie", "steering", "youth_user"])
def test_only_a_team_lead_may_set_a_limit(client, bob, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_limit_url(bob)).status_code == 404
    assert client.post(_limit_url(bob), {"caseload_limit": "5"}).status_code == 404
    bob.refresh_from_db()
    assert bob.caseload_limit == 25


def test_a_team_lead_cannot_set_the_limit_of_another_organisations_person(client, charlie, org_b):
    other_lead = UserFactory(role=Role.TEAM_LEAD, organisation=org_b)
    client.force_login(UserFactory(role=Role.TEAM_LEAD))
    assert client.post(_limit_url(charlie), {"caseload_limit": "5"}).status_code == 404
    client.force_login(other_lead)
    assert client.post(_limit_url(charlie), {"caseload_limit": "5"}).status_code == 302
