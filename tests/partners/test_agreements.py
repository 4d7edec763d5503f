"""Partnership agreements: parties and their commitments, signing and review
dates; seen by the parties' staff, kept up to date by team leads."""

import pytest

from partners import services
from partners.models import AgreementStatus, PartnershipAgreement
from tests.factories import OrganisationFactory
from tests.partners.factories import DAY, TODAY


@pytest.fixture
def agreement(lead, org_a, warehouse):
    return services.agreement_create(
        by=lead,
        parties=[org_a, warehouse],
        title="Praktikaftale",
        purpose="Praktikpladser med mentor",
        status=AgreementStatus.ACTIVE,
        signed_on=TODAY - 100 * DAY,
        review_on=TODAY + 200 * DAY,
        owner=lead,
    )


def form_data(parties, **changes):
    return {
        "title": "Samarbejdsaftale om ungeindsatsen",
        "purpose": "Én indgang, én tovholder.",
        "status": "active",
        "signed_on": (TODAY - 10 * DAY).isoformat(),
        "review_on": (TODAY + 355 * DAY).isoformat(),
        "parties": [p.pk for p in parties],
        **changes,
    }


def test_a_lead_creates_an_agreement_with_parties(client, lead, org_a, warehouse):
    client.force_login(lead)
    response = client.post("/partnere/aftaler/ny/", form_data([org_a, warehouse], owner=lead.pk))
    agreement = PartnershipAgreement.objects.get()
    assert response["Location"] == f"/partnere/aftaler/{agreement.public_id}/"
    assert set(agreement.parties.all()) == {org_a, warehouse} and agreement.owner == lead


@pytest.mark.parametrize(
    "changes",
    [
        {"review_on": (TODAY - 20 * DAY).isoformat()},
        {"signed_on": "", "status": "active"},
        {"signed_on": (TODAY + DAY).isoformat()},
        {"title": ""},
    ],
)
def test_bad_agreements_save_nothing(client, lead, org_a, warehouse, changes):
    client.force_login(lead)
    response = client.post("/partnere/aftaler/ny/", form_data([org_a, warehouse], owner=lead.pk, **changes))
    assert response.status_code == 200 and response.context["form"].errors
    assert not PartnershipAgreement.objects.exists()


def test_an_agreement_needs_two_parties(client, lead, org_a):
    client.force_login(lead)
    response = client.post("/partnere/aftaler/ny/", form_data([org_a], owner=lead.pk))
    assert response.context["form"].errors["parties"]
    assert not PartnershipAgreement.objects.exists()


def test_the_review_date_rule_holds_in_the_service_too(lead, org_a, warehouse):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.agreement_create(
            by=lead,
            parties=[org_a, warehouse],
            title="x",
            purpose="y",
            owner=lead,
            signed_on=TODAY,
            review_on=TODAY - DAY,
        )
    assert not PartnershipAgreement.objects.exists()


def test_a_contact_person_cannot_create_agreements(client, alice, org_a, warehouse):
    client.force_login(alice)
    assert client.post("/partnere/aftaler/ny/", form_data([org_a, warehouse], owner=alice.pk)).status_code == 404
    assert not PartnershipAgreement.objects.exists()


def test_the_parties_staff_see_the_agreement(client, alice, agreement):
    client.force_login(alice)
    assert list(client.get("/partnere/aftaler/").context["agreements"]) == [agreement]
    assert client.get(f"/partnere/aftaler/{agreement.public_id}/").status_code == 200


@pytest.mark.parametrize("persona", ["charlie", "steering", "mentor", "youth_user"])
def test_others_get_404(client, request, agreement, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/partnere/aftaler/{agreement.public_id}/").status_code == 404


def test_administrators_see_every_agreement(client, administrator, charlie, org_b, warehouse):
    other = services.agreement_create(
        by=administrator, parties=[org_b, warehouse], title="B", purpose="B", owner=administrator
    )
    client.force_login(administrator)
    assert client.get(f"/partnere/aftaler/{other.public_id}/").status_code == 200


def test_a_lead_edits_the_agreement_and_its_parties(client, lead, org_a, warehouse, agreement):
    school = OrganisationFactory(name="TEC", kind="vocational_school")
    client.force_login(lead)
    client.post(
        f"/partnere/aftaler/{agreement.public_id}/rediger/", form_data([org_a, school], owner=lead.pk, title="Ny titel")
    )
    agreement.refresh_from_db()
    assert agreement.title == "Ny titel" and set(agreement.parties.all()) == {org_a, school}


def test_editing_to_a_review_before_signing_saves_nothing(client, lead, org_a, warehouse, agreement):
    client.force_login(lead)
    data = form_data([org_a, warehouse], owner=lead.pk, review_on=(TODAY - 200 * DAY).isoformat())
    assert client.post(f"/partnere/aftaler/{agreement.public_id}/rediger/", data).context["form"].errors
    agreement.refresh_from_db()
    assert agreement.review_on == TODAY + 200 * DAY


def test_a_contact_person_cannot_edit(client, alice, org_a, warehouse, agreement):
    client.force_login(alice)
    data = form_data([org_a, warehouse], owner=alice.pk, title="Ændret")
    assert client.post(f"/partnere/aftaler/{agreement.public_id}/rediger/", data).status_code == 404


def test_a_lead_writes_a_partys_commitments(client, lead, warehouse, agreement):
    client.force_login(lead)
    url = f"/partnere/aftaler/{agreement.public_id}/parter/{warehouse.public_id}/"
    client.post(url, {"commitments": "Fast mentor og fremmøderegistrering."})
    assert agreement.party_rows.get(organisation=warehouse).commitments == "Fast mentor og fremmøderegistrering."


def test_commitments_of_a_non_party_are_404(client, lead, bakery, agreement):
    client.force_login(lead)
    url = f"/partnere/aftaler/{agreement.public_id}/parter/{bakery.public_id}/"
    assert client.post(url, {"commitments": "x"}).status_code == 404


def test_the_list_has_a_flat_query_count(client, lead, org_a, warehouse, django_assert_max_num_queries):
    for number in range(20):
        services.agreement_create(
            by=lead, parties=[org_a, warehouse], title=f"Aftale {number}", purpose="x", owner=lead
        )
    client.force_login(lead)
    with django_assert_max_num_queries(6):
        assert client.get("/partnere/aftaler/").status_code == 200
