"""Other departments as first-class parties: the family department, health
services, psychiatry, the job centre and the substance-use service are
organisations of their own kinds; their professionals are a professional
network apart from family; they hold the ball, carry out an action item (the
contact person follows up) and take part in a case conference, recorded on
its agenda and minutes. Consent is per receiving service and checked before a
conference shares a case with an outside organisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kui.accounts.models import OrganisationKind, Role
from pathways import conferences, services
from pathways.models import ActionItem, BallHandover, ConferenceAttendee
from tests import clock
from tests.factories import OrganisationFactory, TeamFactory, UserFactory
from tests.youths.factories import youth_in_caseload
from youths import services as youth_services
from youths.models import ConsentArea, NetworkPerson, consent_covers

NEXT_WEEK = clock.TODAY + datetime.timedelta(days=7)


@pytest.fixture
def family_department(db):
    return OrganisationFactory(name="Familieafdelingen", kind=OrganisationKind.FAMILY)


@pytest.fixture
def substance_service(db):
    return OrganisationFactory(name="Rusmiddelcentret", kind=OrganisationKind.SUBSTANCE_USE)


@pytest.fixture
def health(db):
    return OrganisationFactory(name="Psykologhuset", kind=OrganisationKind.HEALTH)


@pytest.fixture
def sara(alice):
    return youth_in_caseload(alice, first_name="Sara")


@pytest.fixture
def family_worker(sara, alice, family_department):
    return youth_services.professional_add(
        youth=sara,
        by=alice,
        name="Jens Holm",
        organisation=family_department,
        role="familiebehandler",
        phone="70707070",
    )


def test_a_professional_is_shown_apart_from_family_and_not_drawn_on_the_map(client, alice, sara, family_worker):
    youth_services.network_person_add(youth=sara, by=alice, name="Hanne", relation="mor", ring=1, supportive=False)
    client.force_login(alice)
    response = client.get(f"/unge/{sara.public_id}/")
    assert [p.name for p in response.context["network"]] == ["Hanne"]
    assert [p.name for p in response.context["professionals"]] == ["Jens Holm"]
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Hanne" in svg and "Jens Holm" not in svg
    assert "Professionelt netværk" in html and "70707070" in html and "Familieafdelingen" in html


def test_a_professional_must_come_from_another_department_and_bad_input_saves_nothing(client, alice, sara, org_a):
    company = OrganisationFactory(name="Lagerhuset", kind=OrganisationKind.COMPANY)
    with pytest.raises(ValidationError) as error:
        youth_services.professional_add(youth=sara, by=alice, name="Per", organisation=company, role="mester")
    assert "anden forvaltning" in error.value.message_dict["organisation"][0]
    client.force_login(alice)
    response = client.post(
        f"/unge/{sara.public_id}/netvaerk/professionel/",
        {"professional-name": "", "professional-organisation": "", "professional-role": "psykolog"},
    )
    assert response.status_code == 200 and response.context["professional_form"].errors
    assert not NetworkPerson.objects.exists()


def test_a_professional_phone_nobody_can_ring_is_refused(client, alice, sara, family_department):
    client.force_login(alice)
    data = {
        "professional-name": "Jens Holm",
        "professional-organisation": family_department.pk,
        "professional-role": "familiebehandler",
        "professional-phone": "abc",
    }
    response = client.post(f"/unge/{sara.public_id}/netvaerk/professionel/", data)
    assert "Skriv et telefonnummer med 8 cifre" in response.content.decode()
    assert not NetworkPerson.objects.exists()


def test_the_professional_form_adds_one(client, alice, sara, family_department):
    client.force_login(alice)
    response = client.post(
        f"/unge/{sara.public_id}/netvaerk/professionel/",
        {
            "professional-name": "Jens Holm",
            "professional-organisation": family_department.pk,
            "professional-role": "familiebehandler",
            "professional-phone": "70707070",
        },
    )
    assert response.status_code == 302
    person = NetworkPerson.objects.get()
    assert (person.is_professional, person.organisation, person.relation) == (
        True,
        family_department,
        "familiebehandler",
    )


def test_a_professional_holds_the_ball_and_the_board_names_them(client, alice, sara, family_worker):
    services.ball_hand_over(youth=sara, by=alice, handed_on=clock.TODAY, holder_professional=family_worker)
    assert BallHandover.objects.get().holder == family_worker
    client.force_login(alice)
    html = client.get("/unge/").content.decode()
    assert "Jens Holm (Familieafdelingen)" in html


def test_the_ball_form_hands_it_to_a_professional(client, alice, sara, family_worker):
    client.force_login(alice)
    response = client.post(
        f"/forloeb/unge/{sara.public_id}/bold/",
        {"holder_professional": family_worker.pk, "handed_on": clock.TODAY.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BallHandover.objects.get().holder_professional == family_worker


def test_another_youths_professional_cannot_take_the_ball(alice, sara, family_worker):
    other = youth_in_caseload(alice)
    with pytest.raises(ValidationError):
        services.ball_hand_over(youth=other, by=alice, handed_on=clock.TODAY, holder_professional=family_worker)
    assert not BallHandover.objects.exists()


def test_a_professional_carries_out_an_action_item_and_the_contact_person_follows_up(alice, lead, sara, family_worker):
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.SOCIAL, given_on=clock.TODAY, form="written")
    conference = conferences.conference_schedule(by=lead, held_on=NEXT_WEEK)
    case = conferences.conference_add_case(conference=conference, by=lead, youth=sara)
    item = conferences.action_item_create(
        case=case,
        by=lead,
        description="Familiebehandler taler med mor om hjemmet",
        owner=alice,
        due_on=NEXT_WEEK,
        becomes="task",
        professional=family_worker,
    )
    assert item.professional == family_worker and item.owner == alice and item.task.owner == alice


def test_an_action_item_goes_to_a_professional_only_with_consent_for_their_service(alice, lead, sara, family_worker):
    """Health consent does not reach the family department: refused, in Danish, and nothing is made."""
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.HEALTH, given_on=clock.TODAY, form="written")
    conference = conferences.conference_schedule(by=lead, held_on=NEXT_WEEK)
    case = conferences.conference_add_case(conference=conference, by=lead, youth=sara)
    with translation.override("da"), pytest.raises(ValidationError) as error:
        conferences.action_item_create(
            case=case,
            by=lead,
            description="Familiebehandler taler med mor om hjemmet",
            owner=alice,
            due_on=NEXT_WEEK,
            becomes="task",
            professional=family_worker,
        )
    assert "Intet samtykke dækker" in error.value.message_dict["professional"][0]
    assert not ActionItem.objects.exists()


def test_an_action_item_refuses_another_youths_professional(alice, lead, sara, family_worker):
    other = youth_in_caseload(alice)
    conference = conferences.conference_schedule(by=lead, held_on=NEXT_WEEK)
    case = conferences.conference_add_case(conference=conference, by=lead, youth=other)
    with pytest.raises(ValidationError) as error:
        conferences.action_item_create(
            case=case,
            by=lead,
            description="x",
            owner=alice,
            due_on=NEXT_WEEK,
            becomes="task",
            professional=family_worker,
        )
    assert "professional" in error.value.message_dict


def test_health_consent_does_not_cover_the_substance_use_service(alice, sara, health, substance_service):
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.HEALTH, given_on=clock.TODAY, form="written")
    assert consent_covers(sara, health)
    assert not consent_covers(sara, substance_service)
    youth_services.consent_give(
        youth=sara, by=alice, area=ConsentArea.SUBSTANCE_USE, given_on=clock.TODAY, form="written"
    )
    assert consent_covers(sara, substance_service)


def _attend(client, conference, organisation, **extra):
    data = {"name": "Bo Berg", "profession": "rusmiddelkonsulent", "organisation": str(organisation.public_id)}
    return client.post(f"/forloeb/sagsdroeftelser/{conference.public_id}/deltagere/", {**data, **extra})


def test_an_outside_attendee_without_consent_is_a_danish_warning_not_a_silent_share(
    client, alice, lead, sara, health, substance_service
):
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.HEALTH, given_on=clock.TODAY, form="written")
    conference = conferences.conference_schedule(by=lead, held_on=NEXT_WEEK)
    conferences.conference_add_case(conference=conference, by=lead, youth=sara)
    client.force_login(lead)
    response = _attend(client, conference, substance_service)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Intet samtykke dækker" in html and "Sara" in html and "Rusmiddelcentret" in html
    assert not ConferenceAttendee.objects.exists()
    # Covered by the health consent: no warning.
    assert _attend(client, conference, health, name="Psykolog Ida", profession="psykolog").status_code == 302
    # Confirmed after reading the warning: recorded, and the warning stays on the conference and the agenda.
    assert _attend(client, conference, substance_service, shared_without_consent_confirmed="on").status_code == 302
    assert ConferenceAttendee.objects.count() == 2
    detail = client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/").content.decode()
    agenda = client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/dagsorden/").content.decode()
    for page in (detail, agenda):
        assert "Bo Berg, rusmiddelkonsulent – Rusmiddelcentret" in page and "Intet samtykke dækker" in page


def test_a_participant_needs_name_profession_and_organisation(client, lead, health):
    conference = conferences.conference_schedule(by=lead, held_on=NEXT_WEEK)
    client.force_login(lead)
    response = _attend(client, conference, health, name="", profession="")
    assert response.status_code == 200 and response.context["attendee_form"].errors
    assert not ConferenceAttendee.objects.exists()


def test_the_minutes_keep_who_took_part_and_are_not_rewritten(client, alice, lead, sara, health, family_worker):
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.HEALTH, given_on=clock.TODAY, form="written")
    youth_services.consent_give(youth=sara, by=alice, area=ConsentArea.SOCIAL, given_on=clock.TODAY, form="written")
    conference = conferences.conference_schedule(by=lead, held_on=clock.TODAY)
    case = conferences.conference_add_case(conference=conference, by=lead, youth=sara)
    conferences.conference_attendee_add(
        conference=conference, by=lead, name="Ida Lund", profession="psykolog", organisation=health
    )
    conferences.conference_record_case(
        case=case,
        by=lead,
        notes="Venter på psykolog",
        action={
            "description": "Familiebehandler følger op hjemme",
            "owner": alice,
            "due_on": NEXT_WEEK,
            "becomes": "task",
            "professional": family_worker,
        },
    )
    conferences.conference_mark_done(conference=conference, by=lead)
    client.force_login(lead)
    url = f"/forloeb/sagsdroeftelser/{conference.public_id}/referat/"
    before = client.get(url).content.decode()
    assert "Ida Lund, psykolog – Psykologhuset" in before and "udføres af Jens Holm" in before
    # Later edits: the case notes change, the family worker leaves the network.
    case.notes = "Ændret bagefter"
    case.save()
    youth_services.network_person_remove(person=family_worker, by=alice)
    after = client.get(url).content.decode()
    assert "Venter på psykolog" in after and "Ændret bagefter" not in after
    assert "Ida Lund, psykolog – Psykologhuset" in after
    with pytest.raises(ValidationError):
        conferences.conference_attendee_remove(attendee=conference.attendees.get(), by=lead)


def test_a_colleague_of_another_team_is_warned_without_learning_whose_cases(
    client, alice, lead, sara, substance_service, org_a
):
    """Need-to-know at the conference (ConferenceCase.objects.visible_to): the
    consent warning counts a case the reader may not open instead of naming
    the youth, and the minutes show only that the case was there."""
    colleague = UserFactory(
        username="dora", role=Role.CONTACT_PERSON, organisation=org_a, team=TeamFactory(organisation=org_a)
    )
    conference = conferences.conference_schedule(by=lead, held_on=clock.TODAY)
    case = conferences.conference_add_case(conference=conference, by=lead, youth=sara)
    conferences.conference_attendee_add(
        conference=conference,
        by=lead,
        name="Bo Berg",
        profession="rusmiddelkonsulent",
        organisation=substance_service,
        shared_without_consent_confirmed=True,
    )
    client.force_login(colleague)
    for path in ("", "dagsorden/"):
        html = client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/{path}").content.decode()
        assert "Intet samtykke dækker" in html and "1 sag uden for din sagsstamme" in html
        assert sara.first_name not in html
    client.force_login(lead)  # the chair sees whose
    assert sara.first_name in client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/").content.decode()
    conferences.conference_record_case(
        case=case,
        by=lead,
        notes="Mor drikker igen",
        action={"description": "Ring til mor", "owner": alice, "due_on": NEXT_WEEK, "becomes": "task"},
    )
    conferences.conference_mark_done(conference=conference, by=lead)
    minutes = f"/forloeb/sagsdroeftelser/{conference.public_id}/referat/"
    assert "Mor drikker igen" in client.get(minutes).content.decode()
    client.force_login(colleague)
    html = client.get(minutes).content.decode()
    assert "Mor drikker igen" not in html and sara.first_name not in html
    assert "Bo Berg, rusmiddelkonsulent" in html
