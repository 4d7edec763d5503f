"""A partner's child objects (contacts, offers, searches, messages, an
agreement's parties, documents, bodies, members and meetings) are reached
only through visible_to: those of another organisation are a 404."""

import pytest
from django.urls import reverse

from kui.accounts.models import Role
from partners import services
from partners.models import (
    AgreementDocument,
    AgreementParty,
    BodyMember,
    GovernanceBody,
    GovernanceMeeting,
    InternshipSearch,
    Offer,
    PartnerContact,
    PartnerMessage,
)
from tests.factories import UserFactory
from tests.partners.factories import TODAY, contact_at, offer_at, placed_youth


@pytest.fixture
def lead_b(org_b):
    """A team lead (an editor of the register) in another organisation."""
    return UserFactory(username="lead-b", role=Role.TEAM_LEAD, organisation=org_b)


@pytest.fixture
def agreement(lead, org_a, warehouse):
    return services.agreement_create(
        by=lead, parties=[org_a, warehouse], title="Praktikaftale", purpose="Praktik", owner=lead
    )


@pytest.fixture
def world(lead, alice, mentor, warehouse, agreement):
    youth = placed_youth(alice, warehouse)
    body = services.body_create(agreement=agreement, by=lead, kind="steering", name="Styregruppen")
    return {
        "search": services.internship_search_start(youth=youth, by=alice, trade="warehouse"),
        "message": services.partner_message_send(youth=youth, by=mentor, body="Mødte til tiden."),
        "document": AgreementDocument.objects.create(
            agreement=agreement,
            file="agreements/x.pdf",
            original_name="aftale.pdf",
            kind="pdf",
            size=1,
            uploaded_by=lead,
        ),
        "body": body,
        "member": services.member_add(body=body, by=lead, organisation=warehouse, name="Mette Lager"),
        "meeting": services.meeting_schedule(body=body, by=lead, held_on=TODAY, agenda="1. Tal"),
    }


def test_the_querysets_hide_another_organisations_rows(world, lead, lead_b, charlie):
    assert InternshipSearch.objects.visible_to(charlie).count() == 0
    assert PartnerMessage.objects.visible_to(charlie).count() == 0
    for model in (AgreementParty, AgreementDocument, GovernanceBody, BodyMember, GovernanceMeeting):
        assert model.objects.visible_to(lead_b).count() == 0, model
        assert model.objects.editable_by(lead_b).count() == 0, model
        assert model.objects.visible_to(lead).count() >= 1, model


def test_contacts_and_offers_follow_the_shared_directory(warehouse, charlie, youth_user):
    contact, offer = contact_at(warehouse), offer_at(warehouse)
    assert list(PartnerContact.objects.visible_to(charlie)) == [contact]
    assert list(Offer.objects.visible_to(charlie)) == [offer]
    assert not PartnerContact.objects.visible_to(youth_user).exists()
    assert not Offer.objects.visible_to(youth_user).exists()


@pytest.mark.parametrize(
    ("name", "key", "method"),
    [
        ("partners:internship_search_close", "search", "post"),
        ("partners:message_read", "message", "post"),
        ("partners:document_download", "document", "get"),
        ("partners:body_detail", "body", "get"),
        ("partners:member_remove", "member", "post"),
        ("partners:governance_meeting_detail", "meeting", "get"),
        ("partners:governance_meeting_edit", "meeting", "get"),
        ("partners:decision_add", "meeting", "post"),
    ],
)
def test_another_organisations_child_objects_are_404(client, world, lead_b, charlie, name, key, method):
    url = reverse(name, args=[world[key].public_id])
    for outsider in (charlie, lead_b):
        client.force_login(outsider)
        assert getattr(client, method)(url).status_code == 404, (name, outsider)


def test_another_organisations_party_commitments_are_404(client, agreement, warehouse, lead_b):
    client.force_login(lead_b)
    url = reverse("partners:party_commitments", args=[agreement.public_id, warehouse.public_id])
    assert client.get(url).status_code == 404
