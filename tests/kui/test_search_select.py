"""Long choice lists (staff, partners) are searched, scoped and capped; an
HTMX request after the session expired is sent to the login page."""

import pytest

from kui.accounts.models import OrganisationKind, Role
from kui.lib.search_select import SEARCH_LIMIT
from tests.factories import OrganisationFactory, UserFactory


def _search(client, name, q, **params):
    return client.get(f"/soeg/{name}/", {"q": q, **params}, HTTP_HX_REQUEST="true")


def test_it_finds_colleagues_by_first_and_last_name(client, alice, org_a):
    UserFactory(first_name="Yrsa", last_name="Holm", role=Role.CONTACT_PERSON, organisation=org_a)
    UserFactory(first_name="Yrsa", last_name="Berg", role=Role.CONTACT_PERSON, organisation=org_a)
    client.force_login(alice)
    html = _search(client, "caseworkers", "holm yrsa", v="public_id").content.decode()
    assert "Yrsa Holm" in html and "Yrsa Berg" not in html


def test_it_never_finds_staff_of_another_organisation(client, alice, charlie):
    client.force_login(alice)
    assert "Charlie" not in _search(client, "caseworkers", "Charlie").content.decode()


def test_it_returns_at_most_the_limit_and_says_there_are_more(client, alice, org_a):
    for _number in range(SEARCH_LIMIT + 5):
        UserFactory(first_name="Mette", role=Role.CONTACT_PERSON, organisation=org_a)
    client.force_login(alice)
    html = _search(client, "caseworkers", "mette").content.decode()
    assert html.count("<option value=") == SEARCH_LIMIT + 2  # the heading, the matches, "type more"
    assert "skriv mere af navnet" in html


def test_partners_are_searched_by_name(client, alice):
    OrganisationFactory(name="Lagerhuset Nord", kind=OrganisationKind.COMPANY)
    OrganisationFactory(name="Jobcenter Syd", kind=OrganisationKind.JOBCENTRE)
    client.force_login(alice)
    html = _search(client, "partners", "lager").content.decode()
    assert "Lagerhuset Nord" in html
    assert "Jobcenter" not in _search(client, "partners", "job").content.decode()


@pytest.mark.parametrize("persona", ["steering", "youth_user"])
def test_roles_without_casework_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert _search(client, "caseworkers", "a").status_code == 404


def test_an_unknown_search_is_404(client, alice):
    client.force_login(alice)
    assert _search(client, "everyone", "a").status_code == 404


def test_an_htmx_request_after_the_session_expired_goes_to_login_with_next(client, alice):
    response = client.post(
        "/unge/00000000-0000-0000-0000-000000000000/kontakt/",
        {"note": "Talte om praktik"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/unge/?status=active",
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/konto/login/?next=%2Funge%2F%3Fstatus%3Dactive"
    assert b"<html" not in response.content


def test_a_foreign_current_url_is_not_used_as_next(client, db):
    response = client.get("/unge/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/unge/")
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/konto/login/?next=%2F"


def test_without_htmx_an_expired_session_still_redirects(client, db):
    response = client.get("/unge/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
