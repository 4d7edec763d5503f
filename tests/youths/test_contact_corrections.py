"""Correcting and removing a logged contact: only its author, only within
the window (KUI_CONTACT_CORRECTION_HOURS, 24 by default), the earlier
words kept as a ContactRevision, audited without the note; removal asks
first; undo on the board card removes the contact just logged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kui.audit.models import AuditAction, AuditEvent
from tests.youths.factories import youth_in_caseload
from youths import services
from youths.models import Contact, ContactRevision, RevisionKind

pytestmark = pytest.mark.django_db


def _logged(youth, by, note="Ringede om praktikken"):
    return services.contact_log(
        youth=youth, by=by, happened_at=timezone.now(), medium="phone", duration_minutes=15, note=note
    )


def _fields(contact, **changes):
    fields = {
        "happened_at": contact.happened_at,
        "medium": contact.medium,
        "duration_minutes": contact.duration_minutes,
        "reached": contact.reached,
        "participants": contact.participants,
        "note": contact.note,
    }
    return {**fields, **changes}


def test_it_corrects_and_keeps_the_earlier_words(alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    services.contact_correct(contact=contact, by=alice, version=1, **_fields(contact, medium="meeting", note="Møde"))
    contact.refresh_from_db()
    assert (contact.medium, contact.note, contact.version) == ("meeting", "Møde", 2)
    revision = ContactRevision.objects.get(contact=contact)
    assert (revision.kind, revision.medium, revision.note) == (RevisionKind.CORRECTED, "phone", "Ringede om praktikken")
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(contact.pk)).get()
    assert sorted(event.fields) == ["medium", "note"] and "Møde" not in str(event.__dict__)


def test_only_the_author_may_correct(alice, bob):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    with pytest.raises(ValidationError, match="Kun den, der registrerede kontakten"):
        services.contact_correct(contact=contact, by=bob, version=1, **_fields(contact, note="Andet"))
    assert not ContactRevision.objects.exists()


def test_the_window_is_24_hours_by_default(alice, time_machine):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    time_machine.shift(datetime.timedelta(hours=24, minutes=1))
    with pytest.raises(ValidationError, match="inden for 24 timer"):
        services.contact_remove(contact=contact, by=alice)
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_the_window_is_a_setting(alice, settings, time_machine):
    settings.KUI_CONTACT_CORRECTION_HOURS = 48
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    time_machine.shift(datetime.timedelta(hours=30))
    services.contact_remove(contact=contact, by=alice)
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_stale_correction_is_refused(alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    services.contact_correct(contact=contact, by=alice, version=1, **_fields(contact, note="Første rettelse"))
    with pytest.raises(ValidationError, match="En anden har ændret kontakten"):
        services.contact_correct(contact=contact, by=alice, version=1, **_fields(contact, note="Anden rettelse"))
    contact.refresh_from_db()
    assert contact.note == "Første rettelse"


def test_removing_keeps_the_words_and_audits(alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    number = contact.pk
    services.contact_remove(contact=contact, by=alice)
    revision = ContactRevision.objects.get(contact_number=number)
    assert (revision.kind, revision.note, revision.contact_id) == (RevisionKind.REMOVED, "Ringede om praktikken", None)
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(number)).count() == 1


def test_the_remove_page_asks_first(client, alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    client.force_login(alice)
    page = client.get(f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/").content.decode()
    assert "Fjern denne kontakt?" in page and "Ja, fjern kontakten" in page
    assert Contact.objects.filter(pk=contact.pk).exists()
    response = client.post(f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/")
    assert response.status_code == 302 and not Contact.objects.filter(pk=contact.pk).exists()


def test_the_correct_page_saves_a_correction(client, alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    client.force_login(alice)
    url = f"/unge/{youth.public_id}/kontakt/{contact.pk}/ret/"
    assert "Gem rettelsen" in client.get(url).content.decode()
    data = {
        "happened_at": timezone.localtime(contact.happened_at).strftime("%Y-%m-%dT%H:%M"),
        "medium": "sms",
        "duration_minutes": "5",
        "reached": "on",
        "note": "SMS, ikke opkald",
        "version": "1",
    }
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert (contact.medium, contact.duration_minutes, contact.note) == ("sms", 5, "SMS, ikke opkald")


def test_a_colleague_sees_no_correct_button_and_is_refused(client, alice, bob):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    client.force_login(bob)
    profile = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert f"/kontakt/{contact.pk}/ret/" not in profile
    response = client.post(f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/")
    assert response.status_code == 302 and Contact.objects.filter(pk=contact.pk).exists()


def test_the_author_sees_correct_and_remove_in_the_timeline(client, alice):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    client.force_login(alice)
    profile = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert f'href="/unge/{youth.public_id}/kontakt/{contact.pk}/ret/"' in profile
    assert f'href="/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/"' in profile


def test_an_outsider_gets_404(client, alice, charlie):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    client.force_login(charlie)
    assert client.get(f"/unge/{youth.public_id}/kontakt/{contact.pk}/ret/").status_code == 404
    assert client.post(f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/").status_code == 404


def test_undo_on_the_board_returns_the_card_without_the_contact(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=12)
    client.force_login(alice)
    data = {
        "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "medium": "phone",
        "duration_minutes": 15,
        "reached": "on",
        "where": "board",
    }
    saved = client.post(f"/unge/{youth.public_id}/kontakt/", data, HTTP_HX_REQUEST="true").content.decode()
    contact = youth.contacts.order_by("-recorded_at", "-pk").first()
    assert f'hx-post="/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/"' in saved and "Fortryd" in saved
    answer = client.post(
        f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/", {"where": "board"}, HTTP_HX_REQUEST="true"
    )
    html = answer.content.decode()
    assert answer.status_code == 200 and html.lstrip().startswith("<tr")
    assert "Kontakten med" in html and "er fortrudt" in html and 'data-state="red"' in html
    assert youth.contacts.count() == 1


def test_undo_after_the_window_says_why(client, alice, time_machine):
    youth = youth_in_caseload(alice)
    contact = _logged(youth, alice)
    time_machine.shift(datetime.timedelta(hours=25))
    client.force_login(alice)
    answer = client.post(
        f"/unge/{youth.public_id}/kontakt/{contact.pk}/fjern/", {"where": "board"}, HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 409 and "inden for 24 timer" in answer.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
