"""Referral to a partner: the contact person refers, the partner accepts
(the result becomes a step of the plan) or declines with a reason."""

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import Referral, ReferralStatus
from pathways.models import Step, StepStatus
from tests.partners.factories import DAY, TODAY, consent_for, offer_at
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload


@pytest.fixture
def offer(warehouse):
    return offer_at(warehouse)


@pytest.fixture
def youth(alice, warehouse):
    """A youth with an active pathway and a consent naming the warehouse."""
    youth = youth_in_caseload(alice, first_name="Oliver", last_name="Jørgensen")
    pathway_for(youth)
    consent_for(youth, warehouse, by=alice)
    return youth


@pytest.fixture
def referral(alice, youth, offer):
    return services.referral_create(youth=youth, offer=offer, by=alice, wished_start=TODAY + 7 * DAY)


def refer(client, youth, chosen, **changes):
    data = {
        "offer": chosen.pk,
        "wished_start": (TODAY + 7 * DAY).isoformat(),
        "note": "Har brug for en fast mentor",
        **changes,
    }
    return client.post(f"/partnere/unge/{youth.public_id}/henvis/", data)


def answer_url(referral):
    return f"/partnere/henvisninger/{referral.public_id}/"


def test_a_contact_person_refers_a_youth(client, alice, youth, offer):
    client.force_login(alice)
    assert refer(client, youth, offer)["Location"] == f"/unge/{youth.public_id}/"
    referral = Referral.objects.get()
    assert (referral.youth, referral.offer, referral.status, referral.referred_by) == (
        youth,
        offer,
        ReferralStatus.PENDING,
        alice,
    )


def test_a_referral_needs_consent_for_that_partner(client, alice, youth, offer):
    youth.consents.update(withdrawn_on=TODAY)
    client.force_login(alice)
    response = refer(client, youth, offer)
    assert response.context["form"].errors
    assert not Referral.objects.exists()


def test_a_referral_needs_an_active_pathway(client, alice, youth, offer):
    youth.pathways.update(ended_on=TODAY)
    client.force_login(alice)
    assert refer(client, youth, offer).context["form"].errors
    assert not Referral.objects.exists()


@pytest.mark.parametrize("changes", [{"wished_start": (TODAY - DAY).isoformat()}, {"offer": ""}])
def test_bad_referrals_are_refused(client, alice, youth, offer, changes):
    client.force_login(alice)
    assert refer(client, youth, offer, **changes).context["form"].errors
    assert not Referral.objects.exists()


def test_an_outsider_cannot_refer(client, charlie, youth, offer):
    client.force_login(charlie)
    assert refer(client, youth, offer).status_code == 404


def test_the_partner_sees_the_pending_referral_by_first_name(client, mentor, referral):
    client.force_login(mentor)
    assert list(client.get("/partnere/min-side/").context["referrals"]) == [referral]
    html = client.get(answer_url(referral)).content.decode()
    assert "Oliver" in html and "Jørgensen" not in html


def test_the_partner_accepts_and_the_referral_becomes_a_step(client, mentor, youth, referral):
    client.force_login(mentor)
    data = {"answer": "accept", "starts_on": (TODAY + 7 * DAY).isoformat(), "ends_on": (TODAY + 35 * DAY).isoformat()}
    assert client.post(answer_url(referral), data)["Location"] == "/partnere/min-side/"
    referral.refresh_from_db()
    step = referral.step
    assert (referral.status, referral.answered_by) == (ReferralStatus.ACCEPTED, mentor)
    assert (step.pathway.youth, step.partner, step.title, step.status) == (
        youth,
        mentor.organisation,
        "Praktik på lager – pluk og pak",
        StepStatus.PLANNED,
    )
    assert (step.starts_on, step.weekdays, step.step_type) == (TODAY + 7 * DAY, [0, 1, 2, 3, 4], "internship")


def test_accepting_without_an_active_pathway_is_refused_and_saves_nothing(mentor, youth, referral):
    youth.pathways.update(ended_on=TODAY)
    with pytest.raises(ValidationError):
        services.referral_accept(referral=referral, by=mentor, starts_on=TODAY + DAY)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING and not Step.objects.exists()


def test_accepting_without_a_pathway_shows_the_reason(client, mentor, youth, referral):
    youth.pathways.update(ended_on=TODAY)
    client.force_login(mentor)
    response = client.post(answer_url(referral), {"answer": "accept", "starts_on": TODAY.isoformat()})
    assert response.status_code == 200 and response.context["accept_form"].errors
    assert response.context["is_pending"] and 'value="accept"' in response.content.decode()
    assert not Step.objects.exists()


def test_an_end_before_the_start_is_refused(client, mentor, referral):
    client.force_login(mentor)
    data = {"answer": "accept", "starts_on": TODAY.isoformat(), "ends_on": (TODAY - DAY).isoformat()}
    assert client.post(answer_url(referral), data).context["accept_form"].errors
    assert not Step.objects.exists()


def test_the_partner_declines_with_a_reason(client, mentor, referral):
    client.force_login(mentor)
    client.post(answer_url(referral), {"answer": "decline", "decline_reason": "Ingen ledig mentor i juli."})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (ReferralStatus.DECLINED, "Ingen ledig mentor i juli.")


def test_declining_needs_a_reason(client, mentor, referral):
    client.force_login(mentor)
    response = client.post(answer_url(referral), {"answer": "decline", "decline_reason": ""})
    assert response.context["decline_form"].errors
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_an_answered_referral_leaves_the_partners_view(client, mentor, referral):
    services.referral_decline(referral=referral, by=mentor, reason="Fuldt")
    client.force_login(mentor)
    assert client.get(answer_url(referral)).status_code == 404


def test_the_contact_person_records_the_partners_answer(client, alice, referral):
    client.force_login(alice)
    response = client.post(answer_url(referral), {"answer": "accept", "starts_on": (TODAY + DAY).isoformat()})
    assert response["Location"] == f"/unge/{referral.youth.public_id}/"
    assert Step.objects.get().partner == referral.offer.organisation


def test_another_partner_gets_404(client, baker, referral):
    client.force_login(baker)
    assert client.get(answer_url(referral)).status_code == 404
    assert client.post(answer_url(referral), {"answer": "decline", "decline_reason": "x"}).status_code == 404


def test_without_consent_the_partner_cannot_see_the_referral(client, mentor, youth, referral):
    youth.consents.update(withdrawn_on=TODAY)
    client.force_login(mentor)
    assert client.get(answer_url(referral)).status_code == 404


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user", "administrator"])
def test_outsiders_get_404(client, request, referral, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(answer_url(referral)).status_code == 404


def test_a_referral_to_a_closed_offer_is_refused(alice, youth, offer):
    offer.is_active = False
    offer.save()
    with pytest.raises(ValidationError):
        services.referral_create(youth=youth, offer=offer, by=alice, wished_start=TODAY)
    assert not Referral.objects.exists()
