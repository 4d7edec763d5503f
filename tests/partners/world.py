"""The partners' part of the URL sweep's world (tests/test_url_sweep.py):
one of every partners object, all belonging to organisation A's youth and a
company ("Bageriet") with its own partner staff login."""

import datetime

from django.utils import timezone

from kui.accounts.models import Organisation, OrganisationKind, Role
from partners import services
from partners.models import AgreementDocument
from pathways import services as pathway_services
from tests.factories import UserFactory
from tests.partners.factories import contact_at, offer_at
from youths import services as youth_services


def partner_world(world) -> dict:
    alice, youth, today = world["alice"], world["youth"], timezone.localdate()
    bakery = Organisation.objects.create(name="Bageriet", kind=OrganisationKind.COMPANY)
    baker = UserFactory(username="bagermester", first_name="Birthe", role=Role.PARTNER_STAFF, organisation=bakery)
    contact = contact_at(bakery, name="Birthe Bager")
    offer = offer_at(bakery, title="Praktik i bageri", trade="bakery", mentor=contact)
    youth_services.consent_give(
        youth=youth, by=alice, area="jobcentre", organisation=bakery, given_on=today, form="written"
    )
    step = pathway_services.step_add(
        pathway=world["step"].pathway,
        by=alice,
        step_type="internship",
        title="Praktik i bageri",
        partner=bakery,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
    )
    agreement = services.agreement_create(
        by=alice, parties=[alice.organisation, bakery], title="Praktikaftale", purpose="Praktik", owner=alice
    )
    body = services.body_create(agreement=agreement, by=alice, kind="steering", name="Styregruppen")
    meeting = services.meeting_schedule(body=body, by=alice, held_on=today, agenda="1. Tal")
    services.decision_add(meeting=meeting, by=alice, text="Tre nye praktikpladser")
    services.attendance_record(youth=youth, step=step, by=baker, day=today, present=True)
    return {
        "bakery": bakery,
        "baker": baker,
        "contact": contact,
        "offer": offer,
        "partner_step": step,
        "search": services.internship_search_start(youth=youth, by=alice, trade="bakery"),
        "referral": services.referral_create(youth=youth, offer=offer, by=alice, wished_start=today),
        "message": services.partner_message_send(youth=youth, by=baker, body="Sofie mødte til tiden."),
        "agreement": agreement,
        # A row only: no file is written; outsiders get 404 before the file is opened.
        "document": AgreementDocument.objects.create(
            agreement=agreement,
            file="agreements/sweep.pdf",
            original_name="aftale.pdf",
            kind="pdf",
            size=1,
            uploaded_by=alice,
        ),
        "body": body,
        "meeting_of_body": meeting,
        "member": services.member_add(body=body, by=alice, organisation=bakery, name="Birthe Bager"),
    }


# URL parameters of the partners app → the object of the world above.
PARTNER_SAMPLES = {
    "organisation_id": lambda w: w["bakery"].public_id,
    "contact_id": lambda w: w["contact"].public_id,
    "offer_id": lambda w: w["offer"].public_id,
    "search_id": lambda w: w["search"].public_id,
    "referral_id": lambda w: w["referral"].public_id,
    "message_id": lambda w: w["message"].public_id,
    "agreement_id": lambda w: w["agreement"].public_id,
    "document_id": lambda w: w["document"].public_id,
    "body_id": lambda w: w["body"].public_id,
    "member_id": lambda w: w["member"].public_id,
    "governance_meeting_id": lambda w: w["meeting_of_body"].public_id,
}
# The partnership's shared directory: every municipal staff member may look
# an organisation up (Organisation.objects.visible_to), in any organisation.
SHARED_DIRECTORY = {"partners:organisation_detail"}
