"""The steering group and the key-person group: members from the
agreement's parties, meetings with agenda, minutes and decisions."""

import pytest
from django.core.exceptions import ValidationError

from partners import services
from partners.models import BodyMember, Decision, GovernanceBody, GovernanceMeeting
from partners.views import governance
from tests.partners.factories import DAY, TODAY


@pytest.fixture
def agreement(lead, org_a, warehouse):
    return services.agreement_create(
        by=lead, parties=[org_a, warehouse], title="Samarbejdsaftale", purpose="Ungeindsatsen", owner=lead
    )


@pytest.fixture
def body(lead, agreement):
    return services.body_create(agreement=agreement, by=lead, kind="steering", name="Styregruppen")


@pytest.fixture
def meeting(lead, body):
    return services.meeting_schedule(body=body, by=lead, held_on=TODAY + 30 * DAY, agenda="1. Tal\n2. Eventuelt")


def test_a_lead_creates_a_body(client, lead, agreement):
    client.force_login(lead)
    data = {"kind": "key_persons", "name": "Nøglepersonsgruppen", "mandate": "Løser knaster"}
    response = client.post(f"/partnere/aftaler/{agreement.public_id}/organer/nyt/", data)
    body = GovernanceBody.objects.get()
    assert response["Location"] == f"/partnere/organer/{body.public_id}/"
    assert (body.agreement, body.kind) == (agreement, "key_persons")


def test_a_member_is_added_from_a_party(client, lead, org_a, body, steering):
    client.force_login(lead)
    data = {"organisation": org_a.pk, "name": "Søren Styr", "role": "Formand", "email": "", "user": steering.pk}
    assert client.post(f"/partnere/organer/{body.public_id}/medlemmer/", data).status_code == 302
    assert BodyMember.objects.get().user == steering


def test_a_member_from_an_organisation_that_is_not_a_party_is_refused(client, lead, bakery, body):
    client.force_login(lead)
    data = {"organisation": bakery.pk, "name": "Birthe Bager", "role": "", "email": ""}
    response = client.post(f"/partnere/organer/{body.public_id}/medlemmer/", data)
    assert response.status_code == 200 and response.context["member_form"].errors["organisation"]
    assert not BodyMember.objects.exists()


def test_the_service_refuses_a_non_party_member_too(lead, bakery, body):
    with pytest.raises(ValidationError) as error:
        services.member_add(body=body, by=lead, organisation=bakery, name="Birthe Bager")
    assert "organisation" in error.value.message_dict
    assert not BodyMember.objects.exists()


def test_a_members_login_must_be_from_their_organisation(lead, warehouse, body, steering):
    with pytest.raises(ValidationError):
        services.member_add(body=body, by=lead, organisation=warehouse, name="Søren", user=steering)
    assert not BodyMember.objects.exists()


def test_a_party_with_members_cannot_be_removed(lead, org_a, warehouse, agreement, body):
    from tests.factories import OrganisationFactory

    services.member_add(body=body, by=lead, organisation=warehouse, name="Mette Lager")
    with pytest.raises(ValidationError):
        services.agreement_update(
            agreement=agreement,
            by=lead,
            parties=[org_a, OrganisationFactory()],
            title="x",
            purpose="y",
            status="draft",
            signed_on=None,
            review_on=None,
            owner=lead,
        )
    assert warehouse in agreement.parties.all()


def test_a_member_is_removed(client, lead, org_a, body):
    member = services.member_add(body=body, by=lead, organisation=org_a, name="Lars")
    client.force_login(lead)
    client.post(f"/partnere/medlemmer/{member.public_id}/fjern/")
    assert not BodyMember.objects.exists()


def test_a_meeting_is_scheduled_with_an_agenda(client, lead, body):
    client.force_login(lead)
    data = {
        "held_on": (TODAY + 14 * DAY).isoformat(),
        "starts_at": "14:00",
        "place": "Rådhuset",
        "agenda": "1. Statistikpakken",
        "minutes": "",
    }
    response = client.post(f"/partnere/organer/{body.public_id}/moeder/nyt/", data)
    meeting = GovernanceMeeting.objects.get()
    assert response["Location"] == f"/partnere/moeder/{meeting.public_id}/"
    assert meeting.agenda == "1. Statistikpakken"


def test_a_meeting_needs_a_date_and_an_agenda(client, lead, body):
    client.force_login(lead)
    response = client.post(f"/partnere/organer/{body.public_id}/moeder/nyt/", {"held_on": "", "agenda": ""})
    assert response.context["form"].errors
    assert not GovernanceMeeting.objects.exists()


def test_minutes_and_decisions_are_recorded(client, lead, meeting):
    client.force_login(lead)
    client.post(
        f"/partnere/moeder/{meeting.public_id}/rediger/",
        {"held_on": meeting.held_on.isoformat(), "agenda": meeting.agenda, "minutes": "Ventelisten faldt."},
    )
    client.post(
        f"/partnere/moeder/{meeting.public_id}/beslutninger/",
        {"text": "Jobcentret finder tre praktikpladser.", "responsible": "Karin", "due_on": ""},
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "Ventelisten faldt."
    assert Decision.objects.get().meeting == meeting


def test_an_empty_decision_is_refused(client, lead, meeting):
    client.force_login(lead)
    response = client.post(f"/partnere/moeder/{meeting.public_id}/beslutninger/", {"text": ""})
    assert response.context["decision_form"].errors
    assert not Decision.objects.exists()


def test_a_steering_member_reads_their_bodys_meetings(client, lead, org_a, body, meeting, steering):
    services.member_add(body=body, by=lead, organisation=org_a, name="Søren", user=steering)
    client.force_login(steering)
    assert [b.pk for b in client.get("/partnere/organer/").context["bodies"]] == [body.pk]
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").status_code == 200
    assert client.post(f"/partnere/moeder/{meeting.public_id}/beslutninger/", {"text": "x"}).status_code == 404


def test_a_steering_member_outside_the_body_gets_404(client, meeting, steering):
    client.force_login(steering)
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").status_code == 404
    assert list(client.get("/partnere/organer/").context["bodies"]) == []


@pytest.mark.parametrize("persona", ["charlie", "mentor", "youth_user"])
def test_outsiders_get_404(client, request, body, meeting, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/partnere/organer/{body.public_id}/").status_code == 404
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").status_code == 404


def test_a_contact_person_reads_but_cannot_edit(client, alice, body, meeting):
    client.force_login(alice)
    assert client.get(f"/partnere/organer/{body.public_id}/").status_code == 200
    assert client.post(f"/partnere/organer/{body.public_id}/moeder/nyt/", {"agenda": "x"}).status_code == 404


def test_a_steering_meeting_links_to_the_statistics_pack_when_it_exists(client, lead, meeting, monkeypatch):
    monkeypatch.setattr(governance, "STEERING_PACK_URL_NAMES", ("nowhere:at_all", "youths:board"))
    client.force_login(lead)
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").context["steering_pack_url"] == "/unge/"
    monkeypatch.setattr(governance, "STEERING_PACK_URL_NAMES", ("nowhere:at_all",))
    response = client.get(f"/partnere/moeder/{meeting.public_id}/")
    assert response.context["steering_pack_url"] is None and "steering-pack" not in response.content.decode()


def test_the_statistics_pack_link_is_for_the_roles_that_see_statistics(client, alice, meeting, monkeypatch):
    monkeypatch.setattr(governance, "STEERING_PACK_URL_NAMES", ("youths:board",))
    client.force_login(alice)
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").context["steering_pack_url"] is None


def test_a_key_person_meeting_has_no_statistics_pack(client, lead, agreement, monkeypatch):
    monkeypatch.setattr(governance, "STEERING_PACK_URL_NAMES", ("youths:board",))
    body = services.body_create(agreement=agreement, by=lead, kind="key_persons", name="Nøglepersoner")
    meeting = services.meeting_schedule(body=body, by=lead, held_on=TODAY, agenda="x")
    client.force_login(lead)
    assert client.get(f"/partnere/moeder/{meeting.public_id}/").context["steering_pack_url"] is None
