"""A contact sent twice is saved once: the idempotency key each contact form
carries (client_key), through the board's form and the offline queue's sync
address alike."""

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kui.audit.models import AuditEvent
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import Contact, ContactRevision, RevisionKind


def _contact(key, **extra):
    data = {
        "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "medium": "phone",
        "duration_minutes": 15,
        "reached": "on",
        "where": "board",
        "client_key": str(key),
    }
    data.update(extra)
    return data


def test_a_replayed_board_post_with_the_same_key_yields_one_contact(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    key = uuid.uuid4()
    for _attempt in range(3):
        response = client.post(f"/unge/{youth.public_id}/kontakt/", _contact(key), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "data-focus-after-swap" in response.content.decode()
    assert Contact.objects.filter(youth=youth).count() == 1
    assert Contact.objects.get(youth=youth).client_key == key
    assert AuditEvent.objects.filter(action="create", content_type__model="contact").count() == 1


def test_two_keys_are_two_contacts(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    client.post(f"/unge/{youth.public_id}/kontakt/", _contact(uuid.uuid4()), HTTP_HX_REQUEST="true")
    client.post(f"/unge/{youth.public_id}/kontakt/", _contact(uuid.uuid4()), HTTP_HX_REQUEST="true")
    assert Contact.objects.filter(youth=youth).count() == 2


def test_the_form_offers_a_fresh_key_each_time(client, alice):
    youth = youth_in_caseload(alice)
    client.force_login(alice)
    keys = set()
    for _attempt in range(2):
        html = client.get(f"/unge/{youth.public_id}/kontakt/?where=board", HTTP_HX_REQUEST="true").content.decode()
        assert f'data-offline-contact="/unge/{youth.public_id}/kontakt/fra-koe/"' in html
        keys.add(html.split('name="client_key" value="')[1][:36])
    assert len(keys) == 2


def test_the_queue_sync_saves_once_and_answers_in_danish(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None, first_name="Oliver", last_name="Hansen")
    client.force_login(alice)
    key = uuid.uuid4()
    first = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key), HTTP_HX_REQUEST="true")
    again = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key), HTTP_HX_REQUEST="true")
    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == "saved"
    assert first.json()["message"].startswith("Kontakt med Oliver")
    assert "gemt" in first.json()["message"]
    assert Contact.objects.filter(youth=youth).count() == 1


def test_the_same_key_for_another_youth_is_a_conflict_explained_in_danish(client, alice):
    first_youth = youth_in_caseload(alice, days_since_contact=None)
    other_youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    key = uuid.uuid4()
    client.post(f"/unge/{first_youth.public_id}/kontakt/fra-koe/", _contact(key))
    response = client.post(f"/unge/{other_youth.public_id}/kontakt/fra-koe/", _contact(key))
    assert response.status_code == 409
    assert response.json()["status"] == "conflict"
    assert "allerede gemt på en anden ung" in response.json()["message"]
    assert Contact.objects.filter(youth=other_youth).count() == 0


def test_a_key_of_another_user_never_returns_their_contact(client, alice, bob):
    youth = youth_in_caseload(alice, days_since_contact=None)
    key = uuid.uuid4()
    client.force_login(alice)
    client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key))
    client.force_login(bob)
    response = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key, note="Bobs egen"))
    assert response.status_code == 200
    assert list(Contact.objects.filter(youth=youth).values_list("logged_by__username", flat=True).order_by("id")) == [
        "alice",
        "bob",
    ]


def test_a_waiting_contact_that_is_refused_says_why(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    future = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(uuid.uuid4(), happened_at=future))
    assert response.status_code == 409
    assert "ikke gemt" in response.json()["message"]
    assert "fremtiden" in response.json()["message"]
    assert not Contact.objects.filter(youth=youth).exists()


def test_the_sync_needs_the_key(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    response = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(""))
    assert response.status_code == 409
    assert not Contact.objects.filter(youth=youth).exists()


def test_an_outsider_or_a_signed_out_phone_is_told_and_nothing_is_saved(client, alice, charlie):
    youth = youth_in_caseload(alice, days_since_contact=None)
    signed_out = client.post(
        f"/unge/{youth.public_id}/kontakt/fra-koe/",
        _contact(uuid.uuid4()),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/unge/",
    )
    assert signed_out.status_code == 401  # the phone keeps the contact and asks to sign in again
    assert signed_out["HX-Redirect"].startswith("/konto/login/")
    client.force_login(charlie)
    refused = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(uuid.uuid4()))
    assert refused.status_code == 404
    assert "adgang" in refused.json()["message"]
    assert not Contact.objects.filter(youth=youth).exists()


def test_the_database_refuses_a_second_contact_with_the_same_key(alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    key = uuid.uuid4()
    Contact.objects.create(youth=youth, happened_at=timezone.now(), logged_by=alice, client_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(youth=youth, happened_at=timezone.now(), logged_by=alice, client_key=key)
    assert Contact.objects.filter(client_key=key).count() == 1


def test_the_sync_costs_a_fixed_handful_of_queries(client, alice, django_assert_max_num_queries):
    youth = youth_in_caseload(alice, days_since_contact=None)
    client.force_login(alice)
    # Session, user, youth, the earlier-key lookup, the savepoint around the insert,
    # the contact, the removed-key check and the audit row, the re-scan of the flags
    # contacts can change: 18 before the removed-key check (+1) and the no-shows
    # that a contact clears, re-scanned with their flags (+5, as the board's form).
    with django_assert_max_num_queries(24):
        response = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(uuid.uuid4()))
    assert response.json()["status"] == "saved"


def test_an_undone_contact_replayed_from_the_queue_is_not_saved_again(client, alice):
    # The phone sent the contact, the answer was lost, so it still waits there;
    # meanwhile the contact was undone on the board. Replaying must not bring it back.
    youth = youth_in_caseload(alice, days_since_contact=None, first_name="Oliver")
    client.force_login(alice)
    key = uuid.uuid4()
    assert client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key)).json()["status"] == "saved"
    contact = Contact.objects.get(youth=youth)
    undo = client.post(
        f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/", {"where": "board"}, HTTP_HX_REQUEST="true"
    )
    assert "fortrudt" in undo.content.decode()
    assert ContactRevision.objects.get(kind=RevisionKind.REMOVED).client_key == key
    replay = client.post(f"/unge/{youth.public_id}/kontakt/fra-koe/", _contact(key), HTTP_HX_REQUEST="true")
    assert replay.status_code == 409
    assert replay.json()["status"] == "conflict"
    assert "blev fjernet, efter at den var gemt" in replay.json()["message"]
    board_again = client.post(f"/unge/{youth.public_id}/kontakt/", _contact(key), HTTP_HX_REQUEST="true")
    assert "blev fjernet, efter at den var gemt" in board_again.content.decode()
    assert not Contact.objects.filter(youth=youth).exists()
    assert AuditEvent.objects.filter(action="create", content_type__model="contact").count() == 1


def test_a_removed_key_blocks_only_that_contact_of_that_author(alice, bob):
    youth = youth_in_caseload(alice, days_since_contact=None)
    key = uuid.uuid4()
    when = timezone.now()
    first = services.contact_log(
        youth=youth, by=alice, happened_at=when, medium="phone", duration_minutes=15, client_key=key
    )
    services.contact_remove(contact=first, by=alice)
    with pytest.raises(services.ContactRemoved):
        services.contact_log(
            youth=youth, by=alice, happened_at=when, medium="phone", duration_minutes=15, client_key=key
        )
    services.contact_log(
        youth=youth, by=alice, happened_at=when, medium="phone", duration_minutes=15, client_key=uuid.uuid4()
    )
    services.contact_log(youth=youth, by=bob, happened_at=when, medium="phone", duration_minutes=15, client_key=key)
    assert Contact.objects.filter(youth=youth).count() == 2


def test_a_corrected_contact_replayed_stays_the_corrected_one(alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    key = uuid.uuid4()
    when = timezone.now()
    contact = services.contact_log(
        youth=youth, by=alice, happened_at=when, medium="phone", duration_minutes=15, client_key=key
    )
    services.contact_correct(
        contact=contact, by=alice, version=1, happened_at=when, medium="sms", duration_minutes=5, note="SMS"
    )
    replayed = services.contact_log(
        youth=youth, by=alice, happened_at=when, medium="phone", duration_minutes=15, client_key=key
    )
    assert replayed.pk == contact.pk and replayed.medium == "sms"
    assert Contact.objects.filter(youth=youth).count() == 1


def test_the_correction_form_carries_no_new_key(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    contact = services.contact_log(
        youth=youth, by=alice, happened_at=timezone.now(), medium="phone", duration_minutes=15, client_key=uuid.uuid4()
    )
    client.force_login(alice)
    page = client.get(f"/unge/{youth.public_id}/kontakt/{contact.pk}/ret/").content.decode()
    assert 'name="client_key"' not in page
