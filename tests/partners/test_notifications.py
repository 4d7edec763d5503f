"""E-mails queued after commit: the partner hears of a referral waiting,
the contact person of the answer and of a partner's message — with no
youth's name and no free text in them."""

import pytest
from django.core.exceptions import ValidationError

from partners import services
from tests.partners.factories import DAY, TODAY, consent_for, offer_at, placed_youth
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload


@pytest.fixture
def youth(alice, warehouse):
    youth = youth_in_caseload(alice, first_name="Oliver", last_name="Jørgensen")
    pathway_for(youth)
    consent_for(youth, warehouse, by=alice)
    return youth


def _refer(alice, youth, warehouse):
    return services.referral_create(
        youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY + 7 * DAY, note="Ryger hash"
    )


def test_the_partner_hears_of_a_referral_after_commit(
    alice, youth, warehouse, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        referral = _refer(alice, youth, warehouse)
    assert mailoutbox == []  # nothing before the commit
    for callback in queued:
        callback()
    (mail,) = mailoutbox
    assert mail.to == [mentor.email]
    assert str(referral.public_id) in mail.body
    assert "Oliver" not in mail.body + mail.subject and "hash" not in mail.body


def test_a_refused_referral_tells_nobody(
    alice, youth, warehouse, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued, pytest.raises(ValidationError):
        services.referral_create(youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY - DAY)
    assert queued == [] and mailoutbox == []


def test_the_contact_person_hears_of_the_partners_answer(
    alice, youth, warehouse, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    referral = _refer(alice, youth, warehouse)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(referral=referral, by=mentor, reason="Ingen ledig mentor")
    (mail,) = mailoutbox
    assert mail.to == [alice.email] and warehouse.name in mail.subject
    assert "Ingen ledig mentor" not in mail.body and "Oliver" not in mail.body


def test_no_mail_when_the_contact_person_records_the_answer_themselves(
    alice, youth, warehouse, mailoutbox, django_capture_on_commit_callbacks
):
    referral = _refer(alice, youth, warehouse)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(referral=referral, by=alice, reason="Partneren ringede: ingen plads")
    assert mailoutbox == []


def test_the_contact_person_hears_of_a_partners_message(
    alice, warehouse, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    youth = placed_youth(alice, warehouse)
    with django_capture_on_commit_callbacks(execute=True):
        services.partner_message_send(youth=youth, by=mentor, body="Oliver var syg i dag")
    (mail,) = mailoutbox
    assert mail.to == [alice.email] and str(youth.public_id) in mail.body
    assert "syg" not in mail.body and "Oliver" not in mail.body + mail.subject
