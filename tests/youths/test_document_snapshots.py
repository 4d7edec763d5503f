"""Documents are snapshots: the intake minutes record what was true at the
meeting (participants, network, the contact person's details) when they were
made. Later edits of the case file do not change them; a new version is a
new document, and the earlier one stays."""

import datetime

from django.utils import timezone

from tests import clock
from tests.youths.factories import youth_in_caseload
from tests.youths.test_intake import pdf_text
from youths import services
from youths.models import DocumentKind, DocumentSnapshot, NetworkPerson


def _meeting(youth, alice, held_on):
    return services.intake_record(
        youth=youth,
        by=alice,
        held_on=held_on,
        participants="Sara, mor og Alice",
        youth_wishes="Blive frisør",
        agreements="Psykolog via egen læge, kontakt hver uge",
        goal="Frisør via EUD",
        starts_now="Samtale hver uge",
        starts_now_kind="conversation",
        starts_now_on=held_on,
        starts_now_review_on=clock.TODAY + datetime.timedelta(days=14),
        contact_person=alice,
    )


def _pdf(client, youth, meeting, version="") -> str:
    query = f"?version={version}" if version else ""
    response = client.get(f"/unge/{youth.public_id}/visitation/{meeting.public_id}/pdf/{query}")
    assert response.status_code == 200
    return pdf_text(response.content)


def _setup(alice):
    youth = youth_in_caseload(alice, first_name="Sara")
    held_on = clock.TODAY - datetime.timedelta(days=7)
    mother = services.network_person_add(
        youth=youth, by=alice, name="Hanne Mor", relation="mor", ring=1, supportive=False
    )
    NetworkPerson.objects.filter(pk=mother.pk).update(valid_from=held_on - datetime.timedelta(days=30))
    alice.phone = "11223344"
    alice.save()
    return youth, held_on, mother


def test_a_minutes_pdf_is_unchanged_by_later_network_edits(client, alice):
    youth, held_on, mother = _setup(alice)
    meeting = _meeting(youth, alice, held_on)
    client.force_login(alice)
    before = _pdf(client, youth, meeting)
    assert "Hanne Mor" in before and "11223344" in before
    # After the meeting: someone joins the network, the mother is taken off the map, the phone changes.
    services.network_person_add(
        youth=youth, by=alice, name="Familiebehandler Jens", relation="familiebehandler", ring=2, supportive=True
    )
    services.network_person_remove(person=mother, by=alice)
    alice.phone = "99887766"
    alice.save()
    after = _pdf(client, youth, meeting)
    assert after == before
    assert "Familiebehandler Jens" not in after and "99887766" not in after


def test_the_minutes_show_the_network_of_the_meeting_day_not_of_today(client, alice):
    youth, held_on, _mother = _setup(alice)
    # Added today, after the meeting a week ago: not part of the meeting's network.
    services.network_person_add(youth=youth, by=alice, name="Ny Veninde", relation="ven", ring=2, supportive=True)
    meeting = _meeting(youth, alice, held_on)
    client.force_login(alice)
    text = _pdf(client, youth, meeting)
    assert "Hanne Mor" in text and "Ny Veninde" not in text


def test_a_new_version_is_a_new_document_and_the_first_stays(client, alice):
    youth, held_on, _mother = _setup(alice)
    meeting = _meeting(youth, alice, held_on)
    client.force_login(alice)
    first = _pdf(client, youth, meeting)
    alice.phone = "99887766"
    alice.save()
    response = client.post(f"/unge/{youth.public_id}/visitation/{meeting.public_id}/ny-version/")
    assert response.status_code == 302 and response["Location"].endswith("?version=2")
    assert list(
        DocumentSnapshot.objects.of(DocumentKind.INTAKE_MINUTES, meeting.pk).values_list("version", flat=True)
    ) == [2, 1]
    assert "99887766" in _pdf(client, youth, meeting) and "version 2" in _pdf(client, youth, meeting).lower()
    assert _pdf(client, youth, meeting, version="1") == first


def test_an_unknown_version_is_a_404(client, alice):
    youth, held_on, _mother = _setup(alice)
    meeting = _meeting(youth, alice, held_on)
    client.force_login(alice)
    response = client.get(f"/unge/{youth.public_id}/visitation/{meeting.public_id}/pdf/?version=9")
    assert response.status_code == 404


def test_making_a_version_is_audited_and_outsiders_get_404(client, alice, charlie):
    youth, held_on, _mother = _setup(alice)
    meeting = _meeting(youth, alice, held_on)
    client.force_login(charlie)
    assert client.post(f"/unge/{youth.public_id}/visitation/{meeting.public_id}/ny-version/").status_code == 404
    assert DocumentSnapshot.objects.count() == 1
    from kui.audit.models import AuditEvent

    assert AuditEvent.objects.filter(subject_id=youth.public_id, fields__contains=["data"]).exists()
    assert timezone.localdate() == clock.TODAY
