import pytest

from tests.youths.factories import youth_in_caseload
from youths.board import contact_state


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
    with django_assert_max_num_queries(12 + 3):  # + the audit read naming the youths shown
        response = client.get("/unge/")
    assert len(_rows(response)) == min(count, 100)
