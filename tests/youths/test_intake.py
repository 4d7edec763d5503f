import datetime
import subprocess

import pytest
from django.utils import timezone

from kui.accounts.models import Role
from kui.audit.models import AuditAction, AuditEvent
from tests import clock
from tests.factories import UserFactory
from youths import services
from youths.models import ContactPersonAssignment, IntakeMeeting, YouthStatus

CPR = "0304054234"  # 3 April 2005 (the 7th digit 4 puts year 05 in the 2000s)


@pytest.fixture
def youth(alice):
    """Søren, on the waiting list since ten days ago, with a CPR number and a logbook note."""
    youth = services.youth_create(
        by=alice,
        first_name="Søren",
        last_name="Ærbø",
        birth_date=datetime.date(2005, 4, 3),
        target_group="other",
        cpr=CPR,
        referral_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    services.note_write(
        youth=youth, by=alice, theme="housing", text="Sover hos en ven", written_on=timezone.localdate()
    )
    return youth


def _url(youth, *rest):
    return "/".join([f"/unge/{youth.public_id}/visitation", *rest, ""])


def _data(person, **changes):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "participants": "Søren, mor og Alice",
        "youth_wishes": "Være tømrer",
        "agreements": "Praktik på værkstedet to dage om ugen, fra på mandag",
        "goal": "Tømrer via EUD",
        "starts_now": "Første møde på produktionsskolen",
        "starts_now_kind": "workshop",
        "starts_now_on": timezone.localdate().isoformat(),
        "starts_now_review_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "contact_person": person.pk,
    }
    return {**data, **changes}


def _meeting(youth, contact_person):
    return services.intake_record(
        youth=youth,
        by=contact_person,
        held_on=timezone.localdate(),
        participants="Søren og Alice",
        youth_wishes="Være tømrer",
        agreements="Praktik på værkstedet, økonomi på plads",
        goal="Tømrer via EUD",
        starts_now="Møde på mandag",
        starts_now_kind="conversation",
        starts_now_on=timezone.localdate(),
        starts_now_review_on=timezone.localdate() + datetime.timedelta(days=14),
        contact_person=contact_person,
    )


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_form_starts_at_today(client, alice, youth):
    client.force_login(alice)
    response = client.get(_url(youth))
    assert response.status_code == 200
    assert response.context["form"]["held_on"].value() == timezone.localdate()


def test_it_admits_the_youth_and_names_the_contact_person(client, alice, bob, youth):
    client.force_login(alice)
    response = client.post(_url(youth), _data(bob))
    meeting = IntakeMeeting.objects.get(youth=youth)
    assert response["Location"] == _url(youth, str(meeting.public_id))
    youth.refresh_from_db()
    assert youth.status == YouthStatus.ACTIVE
    assert ContactPersonAssignment.objects.get(youth=youth, ended_on__isnull=True).contact_person == bob


def test_it_offers_only_caseworkers_of_the_youths_organisation(client, alice, bob, lead, charlie, steering, youth):
    client.force_login(alice)
    offered = set(client.get(_url(youth)).context["form"].fields["contact_person"].queryset)
    assert offered == {alice, bob, lead}


@pytest.mark.parametrize("who", ["charlie", "steering", "partner"])
def test_a_foreign_contact_person_is_a_form_error(client, alice, youth, request, who):
    person = (
        UserFactory(role=Role.PARTNER_STAFF, organisation=alice.organisation)
        if who == "partner"
        else request.getfixturevalue(who)
    )
    client.force_login(alice)
    response = client.post(_url(youth), _data(person))
    assert response.context["form"].errors["contact_person"]
    assert not IntakeMeeting.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"held_on": (clock.TODAY + datetime.timedelta(days=1)).isoformat()},  # built at import: the test clock
        {"held_on": "2001-01-01"},
        {"held_on": "not a date"},
        {"agreements": ""},
        {"starts_now": "x" * 2001},
        {"contact_person": "abc"},
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, alice, youth, changes):
    client.force_login(alice)
    response = client.post(_url(youth), _data(alice, **changes))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not IntakeMeeting.objects.exists()
    youth.refresh_from_db()
    assert youth.status == YouthStatus.WAITING


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_others_get_404_and_nothing_is_saved(client, alice, youth, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(youth)).status_code == 404
    assert client.post(_url(youth), _data(alice)).status_code == 404
    assert not IntakeMeeting.objects.exists()


def test_the_minutes_show_the_agreements_but_no_cpr_and_no_notes(client, alice, youth):
    meeting = _meeting(youth, alice)
    client.force_login(alice)
    html = client.get(_url(youth, str(meeting.public_id))).content.decode()
    assert "Praktik på værkstedet, økonomi på plads" in html
    assert CPR not in html and youth.cpr_masked not in html
    assert "Sover hos en ven" not in html


def test_a_meeting_is_only_found_through_its_own_youth(client, alice, youth):
    other = services.youth_create(
        by=alice, first_name="Kim", last_name="Berg", birth_date=datetime.date(2006, 1, 2), target_group="other"
    )
    meeting = _meeting(youth, alice)
    client.force_login(alice)
    assert client.get(_url(other, str(meeting.public_id))).status_code == 404
    assert client.get(_url(other, str(meeting.public_id), "pdf")).status_code == 404


def test_the_pdf_has_the_name_and_the_agreements_with_danish_letters(client, alice, youth):
    meeting = _meeting(youth, alice)
    client.force_login(alice)
    response = client.get(_url(youth, str(meeting.public_id), "pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Søren Ærbø" in text
    assert "Praktik på værkstedet, økonomi på plads" in text
    assert CPR not in text and "Sover hos en ven" not in text


def test_the_pdf_includes_the_network_map(client, alice, youth):
    services.network_person_add(youth=youth, by=alice, name="Åse Mormor", relation="mormor", ring=1, supportive=True)
    meeting = _meeting(youth, alice)
    client.force_login(alice)
    text = pdf_text(client.get(_url(youth, str(meeting.public_id), "pdf")).content)
    assert "Åse Mormor" in text


def test_the_pdf_export_is_audited(client, bob, alice, youth):
    meeting = _meeting(youth, alice)
    client.force_login(bob)
    client.get(_url(youth, str(meeting.public_id), "pdf"))
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.subject_id, event.object_id) == (bob, youth.public_id, str(meeting.pk))


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user"])
def test_others_cannot_read_the_minutes_or_export_them(client, alice, youth, request, persona):
    meeting = _meeting(youth, alice)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(youth, str(meeting.public_id))).status_code == 404
    assert client.get(_url(youth, str(meeting.public_id), "pdf")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
