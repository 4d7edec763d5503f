import pytest
from django.utils import timezone

from kui.accounts.models import Role
from tests.factories import TeamFactory, UserFactory
from tests.youths.factories import youth_in_caseload
from youths.board import contact_state
from youths.models import ContactPersonAssignment, Youth
from youths.views.board import BOARD_PAGE_SIZE


def _rows(response):
    return response.context["rows"]


def test_it_shows_my_caseload_by_default(client, alice, bob):
    mine = youth_in_caseload(alice)
    youth_in_caseload(bob)
    client.force_login(alice)
    rows = _rows(client.get("/unge/"))
    assert [row.youth for row in rows] == [mine]


def test_a_team_lead_sees_the_team_and_filters_by_person(client, alice, bob, lead):
    a, b = youth_in_caseload(alice), youth_in_caseload(bob)
    client.force_login(lead)
    assert {row.youth for row in _rows(client.get("/unge/"))} == {a, b}
    assert [row.youth for row in _rows(client.get("/unge/", {"contact_person": bob.pk}))] == [b]


def test_rows_are_coloured_by_the_support_level_threshold(client, alice):
    red = youth_in_caseload(alice, days_since_contact=12, support_level="close")
    fine = youth_in_caseload(alice, days_since_contact=12, support_level="exit")
    never = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    states = {row.youth: row.state for row in _rows(client.get("/unge/"))}
    assert states == {red: "red", fine: "", never: "red"}


@pytest.mark.parametrize(
    "days,threshold,state", [(0, 7, ""), (4, 7, ""), (5, 7, "amber"), (7, 7, "amber"), (8, 7, "red"), (None, 30, "red")]
)
def test_contact_state(days, threshold, state):
    assert contact_state(days, threshold) == state


def test_it_sorts_longest_since_contact_first(client, alice):
    recent = youth_in_caseload(alice, days_since_contact=1)
    old = youth_in_caseload(alice, days_since_contact=20)
    client.force_login(alice)
    assert [row.youth for row in _rows(client.get("/unge/"))] == [old, recent]


def test_name_search_and_status_filter(client, alice):
    sofie = youth_in_caseload(alice, first_name="Sofie")
    youth_in_caseload(alice, first_name="Karl", status="paused")
    client.force_login(alice)
    assert [r.youth for r in _rows(client.get("/unge/", {"q": "sof", "contact_person": alice.pk}))] == [sofie]
    assert [
        r.youth.first_name for r in _rows(client.get("/unge/", {"status": "paused", "contact_person": alice.pk}))
    ] == ["Karl"]


def test_bad_filter_values_do_not_break_the_board(client, alice):
    youth_in_caseload(alice)
    client.force_login(alice)
    response = client.get("/unge/", {"contact_person": "abc", "team": "99999", "sort": "evil", "page": "x"})
    assert response.status_code == 200


def test_outsiders_never_see_other_organisations_youths(client, alice, charlie):
    youth_in_caseload(alice)
    client.force_login(charlie)
    assert _rows(client.get("/unge/", {"contact_person": alice.pk})) == []


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
def test_roles_without_case_files_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/unge/").status_code == 404


@pytest.mark.parametrize("count", [20, 200])
def test_the_query_count_does_not_grow_with_rows(client, alice, bob, lead, count, django_assert_max_num_queries):
    for number in range(count):
        youth_in_caseload(alice if number % 2 else bob)
    client.force_login(lead)
    # Session, user, team, count, thresholds, rows, their contact persons, the team's
    # people and teams for the filters, and the request's savepoint pair: never per row.
    with django_assert_max_num_queries(11 + 3):  # + the audit read naming the youths shown
        response = client.get("/unge/")
    assert len(_rows(response)) == min(count, BOARD_PAGE_SIZE)


def test_a_contact_persons_board_pages_and_keeps_its_query_count(client, alice, django_assert_max_num_queries):
    for _number in range(BOARD_PAGE_SIZE + 5):
        youth_in_caseload(alice)
    client.force_login(alice)
    with django_assert_max_num_queries(11 + 3):  # + the audit read naming the youths shown
        first = client.get("/unge/")
    second = client.get("/unge/", {"page": 2})
    assert len(_rows(first)) == BOARD_PAGE_SIZE and len(_rows(second)) == 5
    assert {r.youth for r in _rows(first)}.isdisjoint({r.youth for r in _rows(second)})


def test_the_caseload_is_the_persons_current_assignments_only(client, alice, bob):
    """A youth handed over to Bob leaves Alice's board the same day."""
    mine = youth_in_caseload(alice)
    handed_over = youth_in_caseload(alice)
    handed_over.assignments.update(ended_on=timezone.localdate())
    ContactPersonAssignment.objects.create(
        youth=handed_over, contact_person=bob, started_on=timezone.localdate(), assigned_by=alice
    )
    client.force_login(alice)
    assert [row.youth for row in _rows(client.get("/unge/"))] == [mine]


def test_no_quick_contact_form_is_rendered_into_the_rows(client, alice):
    youths = [youth_in_caseload(alice) for _number in range(20)]
    client.force_login(alice)
    html = client.get("/unge/").content.decode()
    assert "<form" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert html.count('hx-trigger="toggle once"') == len(youths)


def test_the_quick_contact_form_is_fetched_when_opened(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.get(f"/unge/{youth.public_id}/kontakt/", {"where": "board"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<form") and 'name="happened_at"' in html
    assert 'hx-target="closest tr"' in html


def test_without_javascript_the_contact_form_is_a_page(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    response = client.get(f"/unge/{youth.public_id}/kontakt/")
    assert response.status_code == 200
    assert "<html" in response.content.decode() and youth.display_name in response.content.decode()


def test_an_outsider_cannot_fetch_the_contact_form(client, alice, charlie):
    youth = youth_in_caseload(alice)
    client.force_login(charlie)
    assert client.get(f"/unge/{youth.public_id}/kontakt/", HTTP_HX_REQUEST="true").status_code == 404


def test_the_row_says_why_it_is_red_or_amber(client, alice):
    youth_in_caseload(alice, days_since_contact=12, support_level="close")
    youth_in_caseload(alice, days_since_contact=6, support_level="close")
    youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    html = client.get("/unge/").content.decode()
    assert "Ingen kontakt i 12 dage (grænse 7)" in html
    assert "Kontakt snart: 6 dage af 7" in html
    assert "Ingen kontakt registreret" in html


def test_the_contact_person_filter_lists_the_team_not_the_organisation(client, alice, org_a, team_a):
    other_team = TeamFactory(organisation=org_a, name="Team Syd")
    colleagues = [
        UserFactory(role=Role.CONTACT_PERSON, organisation=org_a, team=team_a if n < 5 else other_team)
        for n in range(60)
    ]
    client.force_login(alice)
    html = client.get("/unge/").content.decode()
    listed = [person for person in colleagues if f'value="{person.pk}"' in html]
    assert listed == colleagues[:5]
    assert "/soeg/caseworkers/" in html


def test_filtering_by_someone_found_by_searching_keeps_them_selected(client, alice, org_a):
    far_away = UserFactory(role=Role.CONTACT_PERSON, organisation=org_a, first_name="Yrsa")
    theirs = youth_in_caseload(far_away)
    # A youth of Alice's team (so hers to see) followed by someone outside it.
    Youth.objects.filter(pk=theirs.pk).update(team=alice.team)
    client.force_login(alice)
    response = client.get("/unge/", {"contact_person": far_away.pk})
    assert [row.youth for row in _rows(response)] == [theirs]
    assert f'<option value="{far_away.pk}" selected>' in response.content.decode()
