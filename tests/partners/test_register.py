"""The organisation register: staff look it up; team leads and
administrators keep organisations, contacts and offers up to date."""

import pytest

from kui.accounts.models import Organisation, OrganisationKind
from partners.models import Offer, PartnerContact
from tests.factories import OrganisationFactory
from tests.partners.factories import contact_at, offer_at

ORG_DATA = {
    "name": "Autoværkstedet Syd",
    "kind": "company",
    "address": "Møllevej 3",
    "phone": "70101010",
    "email": "kontakt@auto.dk",
    "description": "Praktik som mekanikerhjælper.",
}


def offer_data(**changes):
    return {
        "kind": "internship",
        "title": "Praktik i butik",
        "trade": "retail",
        "job_function": "Butiksassistent",
        "capacity": "2",
        "hours_per_week": "25",
        "weekdays": ["0", "1"],
        "description": "",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize("persona", ["alice", "lead", "administrator"])
def test_staff_can_look_up_the_register(client, request, warehouse, persona):
    client.force_login(request.getfixturevalue(persona))
    assert warehouse in client.get("/partnere/").context["page"].object_list


@pytest.mark.parametrize("persona", ["steering", "youth_user", "mentor"])
def test_other_roles_get_404_on_the_register(client, request, warehouse, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/partnere/").status_code == 404
    assert client.get(f"/partnere/{warehouse.public_id}/").status_code == 404


def test_it_filters_by_kind_and_name(client, alice, warehouse, org_a):
    client.force_login(alice)
    partners = client.get("/partnere/", {"kind": "partners"}).context["page"].object_list
    assert warehouse in partners and org_a not in partners
    assert list(client.get("/partnere/", {"q": "lagerhus"}).context["page"].object_list) == [warehouse]


def test_the_list_has_a_flat_query_count(client, alice, django_assert_max_num_queries):
    for number in range(30):
        offer_at(OrganisationFactory(name=f"Virksomhed {number}", kind="company"))
    client.force_login(alice)
    with django_assert_max_num_queries(6):
        assert client.get("/partnere/").status_code == 200


def test_the_detail_shows_contacts_and_offers(client, alice, warehouse):
    contact_at(warehouse, name="Jonas Truck", role="Lagerchef")
    offer_at(warehouse, title="Pluk og pak")
    client.force_login(alice)
    html = client.get(f"/partnere/{warehouse.public_id}/").content.decode()
    assert "Jonas Truck" in html and "Pluk og pak" in html and "40000001" in html


@pytest.mark.parametrize("persona", ["lead", "administrator"])
def test_leads_and_administrators_add_organisations(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post("/partnere/ny/", ORG_DATA)
    organisation = Organisation.objects.get(name="Autoværkstedet Syd")
    assert response["Location"] == f"/partnere/{organisation.public_id}/"
    assert organisation.kind == OrganisationKind.COMPANY


def test_a_contact_person_cannot_add_organisations(client, alice):
    client.force_login(alice)
    assert client.post("/partnere/ny/", ORG_DATA).status_code == 404
    assert not Organisation.objects.filter(name="Autoværkstedet Syd").exists()


@pytest.mark.parametrize(
    "changes", [{"name": ""}, {"kind": "castle"}, {"email": "ikke-en-mail"}, {"name": "Lagerhuset Nord"}]
)
def test_bad_organisation_input_saves_nothing(client, lead, warehouse, changes):
    client.force_login(lead)
    count = Organisation.objects.count()
    response = client.post("/partnere/ny/", {**ORG_DATA, **changes})
    assert response.context["form"].errors
    assert Organisation.objects.count() == count


def test_a_lead_edits_an_organisation(client, lead, warehouse):
    client.force_login(lead)
    client.post(f"/partnere/{warehouse.public_id}/rediger/", {**ORG_DATA, "name": "Lagerhuset Nord A/S"})
    warehouse.refresh_from_db()
    assert (warehouse.name, warehouse.address) == ("Lagerhuset Nord A/S", "Møllevej 3")


def test_a_contact_person_cannot_edit(client, alice, warehouse):
    client.force_login(alice)
    assert client.post(f"/partnere/{warehouse.public_id}/rediger/", ORG_DATA).status_code == 404
    warehouse.refresh_from_db()
    assert warehouse.name == "Lagerhuset Nord"


def test_contacts_are_added_edited_and_removed(client, lead, warehouse):
    client.force_login(lead)
    client.post(
        f"/partnere/{warehouse.public_id}/kontakter/ny/",
        {"name": "Jonas", "role": "Lagerchef", "phone": "40404040", "email": ""},
    )
    contact = PartnerContact.objects.get(organisation=warehouse)
    client.post(f"/partnere/kontakter/{contact.public_id}/rediger/", {"name": "Jonas Truck", "phone": "41"})
    contact.refresh_from_db()
    assert contact.name == "Jonas Truck"
    client.post(f"/partnere/kontakter/{contact.public_id}/fjern/")
    assert not PartnerContact.objects.exists()


def test_a_contact_needs_a_name(client, lead, warehouse):
    client.force_login(lead)
    response = client.post(f"/partnere/{warehouse.public_id}/kontakter/ny/", {"name": "", "phone": "4040"})
    assert response.context["form"].errors
    assert not PartnerContact.objects.exists()


def test_a_lead_adds_an_offer(client, lead, warehouse):
    mentor = contact_at(warehouse)
    client.force_login(lead)
    response = client.post(f"/partnere/{warehouse.public_id}/tilbud/nyt/", offer_data(mentor=mentor.pk))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert (offer.organisation, offer.mentor, offer.capacity, offer.weekdays) == (warehouse, mentor, 2, [0, 1])


@pytest.mark.parametrize(
    "changes", [{"capacity": "-1"}, {"trade": ""}, {"title": ""}, {"hours_per_week": "61"}, {"weekdays": ["9"]}]
)
def test_bad_offers_are_refused(client, lead, warehouse, changes):
    client.force_login(lead)
    response = client.post(f"/partnere/{warehouse.public_id}/tilbud/nyt/", offer_data(**changes))
    assert response.status_code == 200 and response.context["form"].errors
    assert not Offer.objects.exists()


def test_a_mentor_from_another_partner_is_refused(client, lead, warehouse, bakery):
    client.force_login(lead)
    response = client.post(f"/partnere/{warehouse.public_id}/tilbud/nyt/", offer_data(mentor=contact_at(bakery).pk))
    assert response.context["form"].errors
    assert not Offer.objects.exists()


def test_a_negative_capacity_is_refused_by_the_service(lead, warehouse):
    from django.core.exceptions import ValidationError

    from partners import services

    with pytest.raises(ValidationError):
        services.offer_create(organisation=warehouse, by=lead, title="Praktik", trade="retail", capacity=-1)
    assert not Offer.objects.exists()


def test_a_lead_edits_an_offer(client, lead, warehouse):
    offer = offer_at(warehouse)
    client.force_login(lead)
    client.post(f"/partnere/tilbud/{offer.public_id}/rediger/", offer_data(capacity="0", is_active=""))
    offer.refresh_from_db()
    assert (offer.capacity, offer.is_active) == (0, False)


def test_a_contact_person_cannot_add_offers(client, alice, warehouse):
    client.force_login(alice)
    assert client.post(f"/partnere/{warehouse.public_id}/tilbud/nyt/", offer_data()).status_code == 404
    assert not Offer.objects.exists()
