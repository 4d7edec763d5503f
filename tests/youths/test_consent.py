import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import clock
from tests.factories import OrganisationFactory
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import Consent


def _today(days=0):
    """A date relative to the frozen clock; also used in parametrize lists,
    which are built at import time, before the clock is frozen."""
    return (clock.TODAY + datetime.timedelta(days=days)).isoformat()


def _new_url(youth):
    return f"/unge/{youth.public_id}/samtykke/ny/"


def _withdraw_url(youth, consent):
    return f"/unge/{youth.public_id}/samtykke/{consent.pk}/tilbagekald/"


def _give(youth, by, days_ago=10, **extra):
    given = timezone.localdate() - datetime.timedelta(days=days_ago)
    return services.consent_give(youth=youth, by=by, area="education", given_on=given, form="written", **extra)


def test_it_records_a_consent_for_a_named_organisation(client, alice):
    youth = youth_in_caseload(alice)
    school = OrganisationFactory(name="TEC", kind="vocational_school")
    client.force_login(alice)
    data = {"area": "education", "organisation": school.pk, "form": "oral", "given_on": _today(-1)}
    response = client.post(_new_url(youth), data)
    assert response["Location"] == f"/unge/{youth.public_id}/"
    consent = Consent.objects.get(youth=youth)
    assert (consent.organisation, consent.form, consent.recorded_by) == (school, "oral", alice)


def test_a_consent_may_cover_the_whole_area(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    client.post(_new_url(youth), {"area": "jobcentre", "organisation": "", "form": "written", "given_on": _today()})
    assert Consent.objects.get(youth=youth).organisation is None


def test_a_named_organisation_must_be_of_the_area_and_never_the_youth_unit(client, alice):
    youth = youth_in_caseload(alice)
    family = OrganisationFactory(name="Familieafdelingen", kind="family")
    unit = OrganisationFactory(name="Ungeindsatsen", kind="kui_unit")
    client.force_login(alice)
    for organisation, words in ((family, "hører under “Socialforvaltning”"), (unit, "Ungeindsatsen har sagen")):
        data = {"area": "health", "organisation": organisation.pk, "form": "written", "given_on": _today()}
        response = client.post(_new_url(youth), data)
        assert response.status_code == 200 and words in response.content.decode(), words
    assert not Consent.objects.exists()


def test_the_form_chooses_no_area_for_the_worker(client, alice):
    """Opening the form and pressing save registers nothing: the area is the worker's choice."""
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    form = client.get(_new_url(youth)).context["form"]
    assert form["area"].value() in (None, "")
    response = client.post(_new_url(youth), {"area": "", "organisation": "", "form": "written", "given_on": _today()})
    assert response.status_code == 200 and "area" in response.context["form"].errors
    assert not Consent.objects.exists()


def test_it_withdraws_a_consent_with_a_date(client, alice, bob):
    youth = youth_in_caseload(alice)
    consent = _give(youth, alice)
    client.force_login(bob)
    response = client.post(_withdraw_url(youth, consent), {"withdrawn_on": _today(-1)})
    assert response["Location"] == f"/unge/{youth.public_id}/"
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate() - datetime.timedelta(days=1)


def test_the_profile_lists_current_and_withdrawn_consents_with_who_recorded(client, alice, bob):
    youth = youth_in_caseload(alice)
    _give(youth, alice)
    withdrawn = _give(youth, bob, days_ago=0)
    services.consent_withdraw(consent=withdrawn, by=bob, withdrawn_on=timezone.localdate())
    client.force_login(alice)
    html = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert html.count('class="mb-2 consent-current"') == 1 and html.count("consent-withdrawn") == 1
    assert "Alice" in html and "Bob" in html
    assert f"/samtykke/{withdrawn.pk}/tilbagekald/" not in html


def test_a_consent_of_another_youth_is_404_through_this_youths_url(client, alice):
    youth, other = youth_in_caseload(alice), youth_in_caseload(alice)
    consent = _give(other, alice)
    client.force_login(alice)
    assert client.get(_withdraw_url(youth, consent)).status_code == 404
    assert client.post(_withdraw_url(youth, consent), {"withdrawn_on": _today()}).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_it_gives_outsiders_and_other_roles_404(client, alice, request, persona):
    youth = youth_in_caseload(alice)
    consent = _give(youth, alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_new_url(youth), {"area": "health", "form": "oral", "given_on": _today()}).status_code == 404
    assert client.post(_withdraw_url(youth, consent), {"withdrawn_on": _today()}).status_code == 404
    assert Consent.objects.get().withdrawn_on is None


@pytest.mark.parametrize(
    "field,value",
    [
        ("given_on", _today(1)),
        ("given_on", "1990-01-01"),
        ("given_on", ""),
        ("area", "tax"),
        ("form", "telepathy"),
        ("organisation", "999999"),
    ],
)
def test_it_rejects_bad_consent_input_and_saves_nothing(client, alice, field, value):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    data = {"area": "education", "form": "written", "given_on": _today(), field: value}
    response = client.post(_new_url(youth), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Consent.objects.exists()


@pytest.mark.parametrize("withdrawn_on", [_today(1), _today(-11), "", "not a date"])
def test_it_rejects_a_bad_withdrawal_date(client, alice, withdrawn_on):
    youth = youth_in_caseload(alice)
    consent = _give(youth, alice, days_ago=10)
    client.force_login(alice)
    response = client.post(_withdraw_url(youth, consent), {"withdrawn_on": withdrawn_on})
    assert response.status_code == 200 and response.context["form"].errors
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_withdrawn_consent_cannot_be_withdrawn_again(client, alice):
    youth = youth_in_caseload(alice)
    consent = _give(youth, alice, days_ago=10)
    services.consent_withdraw(consent=consent, by=alice, withdrawn_on=timezone.localdate() - datetime.timedelta(days=5))
    client.force_login(alice)
    response = client.post(_withdraw_url(youth, consent), {"withdrawn_on": _today()})
    assert response.context["form"].errors
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate() - datetime.timedelta(days=5)


def _profile_queries(client, youth) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/unge/{youth.public_id}/").status_code == 200
    return len(queries)


def test_the_profile_query_count_does_not_grow_with_consents(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    _give(youth, alice, organisation=OrganisationFactory(kind="vocational_school"))
    few = _profile_queries(client, youth)
    for n in range(20):
        consent = _give(youth, alice, days_ago=n, organisation=OrganisationFactory(kind="vocational_school"))
        if n % 2:
            services.consent_withdraw(consent=consent, by=alice, withdrawn_on=timezone.localdate())
    assert _profile_queries(client, youth) == few
