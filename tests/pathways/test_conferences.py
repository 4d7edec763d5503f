"""Case conferences: schedule, pick cases, print the agenda, record each case
with its mandatory action item, close the meeting, follow the action items."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kui.audit.models import AuditEvent
from pathways import conferences
from pathways.models import ActionItem, CaseConference, ConferenceCase, Flag, FlagKind, Step, StepStatus, Task
from pathways.services import task_complete
from tests import clock
from tests.factories import TeamFactory
from tests.pathways.factories import pathway_for
from tests.youths.factories import YouthFactory, youth_in_caseload

TODAY = clock.TODAY
TOMORROW = TODAY + datetime.timedelta(days=1)
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def _conference(by, **fields) -> CaseConference:
    fields.setdefault("held_on", NEXT_WEEK)
    return conferences.conference_schedule(by=by, **fields)


def _case(conference, youth, question="Hvad nu?") -> ConferenceCase:
    return conferences.conference_add_case(
        conference=conference, by=conference.chaired_by, youth=youth, question=question
    )


def _url(conference, *rest) -> str:
    return "/".join([f"/forloeb/sagsdroeftelser/{conference.public_id}", *rest, ""])


def _record_data(person, **overrides) -> dict:
    data = {
        "notes": "Gruppen foreslog praktik",
        "description": "Ring til Lagerhuset om praktik",
        "owner": str(person.public_id),
        "due_on": NEXT_WEEK.isoformat(),
        "becomes": "task",
    }
    data.update(overrides)
    return data


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice, first_name="Sofie")


@pytest.fixture
def conference(lead):
    return _conference(lead, place="Mødelokale 2", starts_at=datetime.time(9))


# --- the proposed date ----------------------------------------------------


def test_it_proposes_the_coming_thursday_without_an_earlier_conference(lead):
    monday = datetime.date(2026, 11, 23)
    day = conferences.next_conference_date(organisation_id=lead.organisation_id, team=None, today=monday)
    assert day == datetime.date(2026, 11, 26)


def test_it_proposes_fourteen_days_after_the_last_conference(lead):
    _conference(lead, held_on=TOMORROW)
    day = conferences.next_conference_date(organisation_id=lead.organisation_id, team=None, today=TODAY)
    assert day == TOMORROW + datetime.timedelta(days=14)


def test_the_schedule_form_starts_with_the_proposed_date(client, lead):
    client.force_login(lead)
    response = client.get("/forloeb/sagsdroeftelser/ny/")
    assert response.status_code == 200
    assert response.context["form"].initial["held_on"].weekday() == 3


# --- scheduling -------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "alice"])
def test_it_schedules_a_conference(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    data = {"held_on": NEXT_WEEK.isoformat(), "starts_at": "09:00", "place": "Mødelokale 2", "team": user.team_id}
    response = client.post("/forloeb/sagsdroeftelser/ny/", data)
    conference = CaseConference.objects.get()
    assert response["Location"] == _url(conference, "sager")
    assert (conference.chaired_by, conference.organisation_id) == (user, user.organisation_id)


@pytest.mark.parametrize("field,value", [("held_on", "2020-01-01"), ("held_on", ""), ("starts_at", "25:99")])
def test_bad_schedule_input_saves_nothing(client, lead, field, value):
    client.force_login(lead)
    data = {"held_on": NEXT_WEEK.isoformat(), "starts_at": "09:00", field: value}
    response = client.post("/forloeb/sagsdroeftelser/ny/", data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not CaseConference.objects.exists()


def test_another_organisations_team_cannot_be_chosen(client, lead, org_b):
    client.force_login(lead)
    other = TeamFactory(organisation=org_b)
    data = {"held_on": NEXT_WEEK.isoformat(), "starts_at": "09:00", "team": other.pk}
    response = client.post("/forloeb/sagsdroeftelser/ny/", data)
    assert "team" in response.context["form"].errors
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize("persona", ["steering", "youth_user", "administrator"])
@pytest.mark.parametrize("path", ["/forloeb/sagsdroeftelser/", "/forloeb/sagsdroeftelser/ny/", "/forloeb/handlinger/"])
def test_other_roles_get_404(client, request, persona, path):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(path).status_code == 404
    assert client.post(path, {"held_on": NEXT_WEEK.isoformat()}).status_code == 404
    assert not CaseConference.objects.exists()


@pytest.mark.parametrize("rest", [(), ("sager",), ("dagsorden",), ("afslut",)])
def test_an_outsider_gets_404_on_a_conference(client, charlie, steering, conference, rest):
    for user in (charlie, steering):
        client.force_login(user)
        assert client.post(_url(conference, *rest)).status_code == 404


def test_the_list_shows_coming_conferences_with_missing_action_items(client, lead, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    response = client.get("/forloeb/sagsdroeftelser/")
    coming = list(response.context["sections"][0][2])
    assert coming == [conference] and coming[0].missing == 1


def test_the_list_query_count_is_flat(client, lead, django_assert_max_num_queries):
    for days in range(-12, 13):
        CaseConference.objects.create(
            organisation=lead.organisation, held_on=TODAY + datetime.timedelta(days=days), chaired_by=lead
        )
    client.force_login(lead)
    with django_assert_max_num_queries(6):
        assert client.get("/forloeb/sagsdroeftelser/").status_code == 200


# --- picking cases ------------------------------------------------------------


def test_the_pick_page_lists_active_youths_with_their_open_flags(client, lead, conference, youth):
    Flag.objects.create(youth=youth, kind=FlagKind.NO_CONTACT)
    YouthFactory(organisation=youth.organisation, status="waiting", first_name="Venter")
    client.force_login(lead)
    response = client.get(_url(conference, "sager"))
    assert [y.first_name for y in response.context["form"].youths] == ["Sofie"]
    assert "flag-no_contact" in response.content.decode()


def test_picking_cases_puts_them_on_the_agenda_with_their_questions(client, lead, conference, youth):
    key = youth.public_id.hex
    client.force_login(lead)
    response = client.post(_url(conference, "sager"), {f"pick_{key}": "on", f"question_{key}": "Praktik eller FGU?"})
    assert response["Location"] == _url(conference)
    assert list(conference.cases.values_list("youth", "question")) == [(youth.pk, "Praktik eller FGU?")]


def test_flagged_youths_come_first_on_the_pick_page(client, lead, alice, conference):
    youth_in_caseload(alice, first_name="Anna")
    flagged = youth_in_caseload(alice, first_name="Zeynep")
    Flag.objects.create(youth=flagged, kind=FlagKind.NO_NEXT_STEP)
    client.force_login(lead)
    assert client.get(_url(conference, "sager")).context["form"].youths[0] == flagged


def test_a_case_whose_youth_was_paused_stays_when_the_agenda_is_saved(client, lead, conference, youth):
    _case(conference, youth)
    youth.status = "paused"
    youth.save()
    client.force_login(lead)
    key = youth.public_id.hex
    client.post(_url(conference, "sager"), {f"pick_{key}": "on", f"question_{key}": "Stadig aktuel?"})
    assert list(conference.cases.values_list("question", flat=True)) == ["Stadig aktuel?"]


def test_more_than_twelve_cases_is_refused_and_nothing_is_saved(client, lead, alice, conference):
    youths = [youth_in_caseload(alice) for _ in range(CaseConference.MAX_CASES + 1)]
    client.force_login(lead)
    response = client.post(_url(conference, "sager"), {f"pick_{y.public_id.hex}": "on" for y in youths})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not conference.cases.exists()


def test_the_service_refuses_a_thirteenth_case(lead, alice, conference):
    for _ in range(CaseConference.MAX_CASES):
        _case(conference, youth_in_caseload(alice))
    with pytest.raises(ValidationError):
        _case(conference, youth_in_caseload(alice))
    assert conference.cases.count() == CaseConference.MAX_CASES


def test_an_outsiders_youth_cannot_be_put_on_the_agenda(lead, charlie, conference):
    with pytest.raises(ValidationError):
        _case(conference, youth_in_caseload(charlie))
    assert not conference.cases.exists()


def test_unpicking_a_case_takes_it_off_the_agenda(client, lead, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    client.post(_url(conference, "sager"), {})
    assert not conference.cases.exists()


def test_unpicking_a_case_with_an_action_item_is_refused(lead, conference, youth):
    case = _case(conference, youth)
    conferences.action_item_create(case=case, by=lead, description="Ring", owner=lead, due_on=NEXT_WEEK, becomes="task")
    with pytest.raises(ValidationError):
        conferences.conference_pick_cases(conference=conference, by=lead, picks={})
    assert conference.cases.count() == 1


def test_the_pick_page_query_count_is_flat(client, lead, alice, conference, django_assert_max_num_queries):
    for _ in range(25):
        Flag.objects.create(youth=youth_in_caseload(alice), kind=FlagKind.NO_NEXT_STEP)
    client.force_login(lead)
    with django_assert_max_num_queries(10 + 3):  # + the audit read naming the youths shown
        assert client.get(_url(conference, "sager")).status_code == 200


# --- the agenda ------------------------------------------------------------------


def test_the_agenda_is_printable_and_lists_the_questions(client, alice, conference, youth):
    _case(conference, youth, question="Skal hun starte på FGU?")
    client.force_login(alice)
    html = client.get(_url(conference, "dagsorden")).content.decode()
    assert "kui/print.css" in html
    assert "Skal hun starte på FGU?" in html and youth.display_name in html


def test_the_agenda_query_count_is_flat(client, lead, alice, conference, django_assert_max_num_queries):
    for _ in range(CaseConference.MAX_CASES):
        _case(conference, youth_in_caseload(alice))
    client.force_login(lead)
    # + the audit read naming the youths shown, + who takes part
    with django_assert_max_num_queries(9 + 3 + 1):
        assert client.get(_url(conference, "dagsorden")).status_code == 200


# --- recording a case and its action item --------------------------------------


def test_the_case_page_offers_the_action_item_form(client, alice, conference, youth):
    _case(conference, youth)
    client.force_login(alice)
    response = client.get(_url(conference, "unge", str(youth.public_id)))
    assert set(response.context["form"].fields) >= {"notes", "description", "owner", "due_on", "becomes"}


def test_an_action_item_can_become_a_task_for_its_owner(client, lead, alice, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    response = client.post(_url(conference, "unge", str(youth.public_id)), _record_data(alice))
    assert response["Location"] == _url(conference)
    item = ActionItem.objects.get()
    assert (item.task.owner, item.task.youth, item.task.due_on) == (alice, youth, NEXT_WEEK)
    assert ConferenceCase.objects.get().notes == "Gruppen foreslog praktik"


def test_an_action_item_can_become_a_step_in_the_active_pathway(client, lead, alice, conference, youth):
    pathway = pathway_for(youth)
    _case(conference, youth)
    client.force_login(lead)
    data = _record_data(alice, becomes="step", step_type="internship", starts_on=NEXT_WEEK.isoformat())
    client.post(_url(conference, "unge", str(youth.public_id)), data)
    step = ActionItem.objects.get().step
    assert (step.pathway, step.step_type, step.starts_on, step.status) == (pathway, "internship", NEXT_WEEK, "planned")


def test_a_step_without_an_active_pathway_is_refused_and_nothing_is_saved(client, lead, alice, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    data = _record_data(alice, becomes="step", step_type="internship", starts_on=NEXT_WEEK.isoformat())
    response = client.post(_url(conference, "unge", str(youth.public_id)), data)
    assert "becomes" in response.context["form"].errors
    assert not ActionItem.objects.exists() and not Step.objects.exists()
    assert ConferenceCase.objects.get().notes == ""


@pytest.mark.parametrize(
    "overrides",
    [
        {"due_on": "2020-01-01"},
        {"description": ""},
        {"becomes": ""},
        {"becomes": "step", "step_type": ""},
        {"owner": "00000000-0000-0000-0000-000000000000"},
    ],
)
def test_bad_action_item_input_saves_nothing(client, lead, alice, conference, youth, overrides):
    _case(conference, youth)
    client.force_login(lead)
    response = client.post(_url(conference, "unge", str(youth.public_id)), _record_data(alice, **overrides))
    assert response.status_code == 200 and response.context["form"].errors
    assert not ActionItem.objects.exists() and not Task.objects.exists()


def test_an_owner_from_another_organisation_is_not_offered(client, lead, charlie, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    response = client.post(_url(conference, "unge", str(youth.public_id)), _record_data(charlie))
    assert "owner" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_after_the_action_item_only_the_notes_are_edited(client, lead, conference, youth):
    case = _case(conference, youth)
    conferences.action_item_create(case=case, by=lead, description="Ring", owner=lead, due_on=NEXT_WEEK, becomes="task")
    client.force_login(lead)
    client.post(_url(conference, "unge", str(youth.public_id)), {"notes": "Opdateret"})
    case.refresh_from_db()
    assert case.notes == "Opdateret" and ActionItem.objects.count() == 1


def test_a_case_of_another_conference_is_404(client, lead, conference, youth):
    other = _conference(lead, held_on=TOMORROW)
    _case(other, youth)
    client.force_login(lead)
    assert client.get(_url(conference, "unge", str(youth.public_id))).status_code == 404


# --- closing the meeting -----------------------------------------------------------


def test_a_conference_cannot_be_done_while_a_case_lacks_an_action_item(client, lead, conference, youth):
    _case(conference, youth)
    client.force_login(lead)
    response = client.post(_url(conference, "afslut"))
    assert response["Location"] == _url(conference)
    assert not AuditEvent.objects.filter(fields=["done"]).exists()


def test_a_conference_with_every_action_item_can_be_done(client, lead, conference, youth):
    case = _case(conference, youth)
    conferences.action_item_create(case=case, by=lead, description="Ring", owner=lead, due_on=NEXT_WEEK, becomes="task")
    client.force_login(lead)
    response = client.post(_url(conference, "afslut"))
    assert response["Location"] == "/forloeb/sagsdroeftelser/"
    conference.refresh_from_db()
    assert conference.done_at is not None
    assert AuditEvent.objects.filter(actor=lead, fields=["done_at"]).count() == 1


def test_marking_done_needs_post(client, lead, conference):
    client.force_login(lead)
    assert client.get(_url(conference, "afslut")).status_code == 405


# --- open action items per owner -----------------------------------------------------


def test_open_action_items_are_grouped_by_owner_and_finished_ones_leave(client, lead, alice, bob, conference):
    items = []
    for owner in (alice, bob, alice):
        case = _case(conference, youth_in_caseload(owner))
        items.append(
            conferences.action_item_create(
                case=case, by=lead, description=f"Til {owner}", owner=owner, due_on=NEXT_WEEK, becomes="task"
            )
        )
    task_complete(task=items[2].task, by=alice)
    client.force_login(bob)
    response = client.get("/forloeb/handlinger/")
    assert [item.owner for item in response.context["items"]] == [alice, bob]


def test_an_action_item_whose_step_is_finished_leaves_the_list(client, lead, conference, youth):
    pathway_for(youth)
    case = _case(conference, youth)
    item = conferences.action_item_create(
        case=case,
        by=lead,
        description="Praktik",
        owner=lead,
        due_on=NEXT_WEEK,
        becomes="step",
        step_type="internship",
        starts_on=NEXT_WEEK,
    )
    Step.objects.filter(pk=item.step_id).update(status=StepStatus.CANCELLED)
    client.force_login(lead)
    assert client.get("/forloeb/handlinger/").context["items"] == []


def test_an_outsider_sees_no_action_items(client, lead, charlie, conference, youth):
    case = _case(conference, youth)
    conferences.action_item_create(case=case, by=lead, description="Ring", owner=lead, due_on=NEXT_WEEK, becomes="task")
    client.force_login(charlie)
    assert client.get("/forloeb/handlinger/").context["items"] == []


def test_the_action_items_query_count_is_flat(client, lead, alice, bob, django_assert_max_num_queries):
    conference = None
    for index in range(24):
        conference = _conference(lead) if index % CaseConference.MAX_CASES == 0 else conference
        case = _case(conference, youth_in_caseload(alice))
        conferences.action_item_create(
            case=case, by=lead, description="Ring", owner=(alice, bob)[index % 2], due_on=NEXT_WEEK, becomes="task"
        )
    client.force_login(lead)
    with django_assert_max_num_queries(6 + 3):  # + the audit read naming the youths shown
        assert client.get("/forloeb/handlinger/").status_code == 200


# --- need-to-know on the agenda ----------------------------------------------


@pytest.fixture
def dora(org_a):
    """A contact person of another team in the same organisation."""
    from kui.accounts.models import Role
    from tests.factories import UserFactory

    return UserFactory(
        username="dora", role=Role.CONTACT_PERSON, organisation=org_a, team=TeamFactory(organisation=org_a)
    )


def test_a_colleague_of_another_team_sees_that_there_is_a_case_not_whose(client, conference, youth, dora):
    from kui.audit.models import AuditAction

    _case(conference, youth, question="Hvordan får vi Sofie i praktik?")
    client.force_login(dora)
    for page in ("", "dagsorden"):
        html = client.get(_url(conference, page) if page else _url(conference)).content.decode()
        assert "Sofie" not in html and "praktik?" not in html
        assert "En sag uden for din sagsstamme og dit team" in html
    assert client.get(_url(conference, "unge", str(youth.public_id))).status_code == 404
    assert client.post(_url(conference, "unge", str(youth.public_id)), _record_data(dora)).status_code == 404
    assert not ActionItem.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=dora).exists()


def test_the_contact_person_and_the_chair_open_the_case(client, conference, youth, alice, lead):
    _case(conference, youth, question="Hvordan får vi Sofie i praktik?")
    for person in (alice, lead):  # alice follows Sofie; the lead chairs the conference
        client.force_login(person)
        assert "praktik?" in client.get(_url(conference)).content.decode()
        assert client.get(_url(conference, "unge", str(youth.public_id))).status_code == 200


def test_a_chair_from_another_team_opens_the_cases_of_their_conference(client, youth, alice, dora):
    conference = _conference(dora)
    conferences.conference_add_case(conference=conference, by=alice, youth=youth, question="Hvad nu?")
    client.force_login(dora)
    assert client.get(_url(conference, "unge", str(youth.public_id))).status_code == 200


def test_saving_the_pick_page_keeps_the_cases_the_picker_cannot_see(client, conference, youth, alice, dora):
    _case(conference, youth)
    own = youth_in_caseload(dora, first_name="Dorthe")
    conferences.conference_pick_cases(conference=conference, by=dora, picks={own: "Hvad så?"})
    assert set(conference.cases.values_list("youth_id", flat=True)) == {youth.pk, own.pk}


# --- at the speed of the meeting ------------------------------------------------


def test_the_owner_defaults_to_the_youths_contact_person(client, lead, alice, conference, youth):
    _case(conference, youth)
    client.force_login(lead)  # the team lead records; Sofie's contact person is Alice
    response = client.get(_url(conference, "unge", str(youth.public_id)))
    assert response.context["form"].fields["owner"].initial == alice.public_id
    assert f'value="{alice.public_id}" selected' in response.content.decode()


def test_without_a_contact_person_the_owner_is_who_records(client, lead, org_a, conference):
    loose = YouthFactory(organisation=org_a, status="active")
    _case(conference, loose)
    client.force_login(lead)
    response = client.get(_url(conference, "unge", str(loose.public_id)))
    assert response.context["form"].fields["owner"].initial == lead.public_id


def test_save_and_next_case_walks_the_agenda(client, lead, alice, conference, youth):
    second = youth_in_caseload(alice, first_name="Oskar")
    _case(conference, youth)
    _case(conference, second)
    client.force_login(lead)
    first_page = client.get(_url(conference, "unge", str(youth.public_id))).content.decode()
    assert "Sag 1 af 2" in first_page and "Gem og næste sag" in first_page
    response = client.post(_url(conference, "unge", str(youth.public_id)), {**_record_data(alice), "then": "next"})
    assert response["Location"] == _url(conference, "unge", str(second.public_id))
    last_page = client.get(response["Location"]).content.decode()
    assert "Sag 2 af 2" in last_page and "Gem og næste sag" not in last_page
    response = client.post(_url(conference, "unge", str(second.public_id)), {**_record_data(alice), "then": "next"})
    assert response["Location"] == _url(conference)
    assert ActionItem.objects.count() == 2


def test_the_agenda_has_a_print_button(client, alice, conference, youth):
    _case(conference, youth)
    client.force_login(alice)
    html = client.get(_url(conference, "dagsorden")).content.decode()
    assert "data-print>Udskriv</button>" in html


# --- who manages the participants ---------------------------------------------

FAR_AHEAD = "2126-01-01"


def _attendee_data(organisation, **overrides) -> dict:
    data = {
        "name": "Indtrænger",
        "profession": "Jobcenter",
        "organisation": str(organisation.public_id),
        "shared_without_consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def _attendee(conference, organisation, name="Ida Lund"):
    return conferences.conference_attendee_add(
        conference=conference, by=conference.chaired_by, name=name, profession="psykolog", organisation=organisation
    )


def _done(conference, youth, owner):
    case = _case(conference, youth)
    action = {"description": "Ring til FGU", "owner": owner, "due_on": NEXT_WEEK, "becomes": "task"}
    conferences.conference_record_case(case=case, by=conference.chaired_by, notes="", action=action)
    return conferences.conference_mark_done(conference=conference, by=conference.chaired_by)


def test_another_team_cannot_add_or_remove_participants(client, conference, youth, dora, org_a):
    from kui.audit.models import AuditAction

    _case(conference, youth)
    kept = _attendee(conference, org_a)
    client.force_login(dora)
    assert client.post(_url(conference, "deltagere"), _attendee_data(org_a)).status_code == 404
    remove = _url(conference, "deltagere", str(kept.pk), "fjern")
    assert (client.get(remove).status_code, client.post(remove).status_code) == (404, 404)
    assert list(conference.attendees.values_list("name", flat=True)) == ["Ida Lund"]
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=dora).count() >= 3
    html = client.get(_url(conference)).content.decode()
    assert "Tilføj en deltager" not in html and "/fjern/" not in html
    with pytest.raises(ValidationError):
        conferences.conference_attendee_add(
            conference=conference, by=dora, name="Indtrænger", profession="Jobcenter", organisation=org_a
        )


def test_the_chair_and_the_chairs_team_manage_the_participants(client, conference, lead, bob, org_a):
    for person, name in ((lead, "Ida Lund"), (bob, "Bo Berg")):
        client.force_login(person)
        assert client.post(_url(conference, "deltagere"), _attendee_data(org_a, name=name)).status_code == 302
    assert conference.attendees.count() == 2


def test_a_conference_held_for_a_team_is_managed_by_that_team(client, lead, dora, org_a):
    conference = _conference(lead, team=dora.team)
    client.force_login(dora)
    assert client.post(_url(conference, "deltagere"), _attendee_data(org_a)).status_code == 302


def test_no_participant_is_added_or_removed_when_the_conference_is_done(client, conference, lead, alice, youth, org_a):
    kept = _attendee(conference, org_a)
    _done(conference, youth, alice)
    client.force_login(lead)
    response = client.post(_url(conference, "deltagere"), _attendee_data(org_a), follow=True)
    assert "Sagsdrøftelsen er afsluttet; deltagerne er en del af referatet." in response.content.decode()
    response = client.post(_url(conference, "deltagere", str(kept.pk), "fjern"), follow=True)
    assert "Sagsdrøftelsen er afsluttet" in response.content.decode()
    assert list(conference.attendees.values_list("name", flat=True)) == ["Ida Lund"]
    assert "/fjern/" not in client.get(_url(conference)).content.decode()


def test_a_participant_is_removed_after_asking_first(client, conference, lead, org_a):
    from kui.audit.models import AuditAction

    attendee = _attendee(conference, org_a)
    remove = _url(conference, "deltagere", str(attendee.pk), "fjern")
    client.force_login(lead)
    detail = client.get(_url(conference)).content.decode()
    assert f'class="btn btn-outline-danger btn-sm btn-touch" href="{remove}"' in detail
    page = client.get(remove).content.decode()
    assert "Fjern Ida Lund fra deltagerne?" in page and "btn btn-danger btn-touch" in page
    assert conference.attendees.exists()  # asking removes nothing
    response = client.post(remove)
    assert response.status_code == 302 and response["Location"] == _url(conference) + "#h-attendees"
    assert not conference.attendees.exists()
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, fields=["attendees"]).exists()


def test_a_participant_of_another_conference_is_404(client, conference, lead, org_a):
    other = _conference(lead, held_on=NEXT_WEEK + datetime.timedelta(days=14))
    attendee = _attendee(other, org_a)
    client.force_login(lead)
    assert client.post(_url(conference, "deltagere", str(attendee.pk), "fjern")).status_code == 404
    assert other.attendees.exists()


# --- dates ahead ------------------------------------------------------------------


@pytest.mark.parametrize("becomes", [{"becomes": "task"}, {"becomes": "step", "step_type": "internship"}])
def test_an_action_item_a_century_ahead_is_a_mistyped_year(client, lead, alice, conference, youth, becomes):
    pathway_for(youth, started_on=TODAY)
    _case(conference, youth)
    client.force_login(lead)
    data = _record_data(alice, due_on=FAR_AHEAD, starts_on=TODAY.isoformat(), **becomes)
    response = client.post(_url(conference, "unge", str(youth.public_id)), data)
    assert response.status_code == 200
    assert "højst 3 år frem (til 23.11.2029)" in " ".join(response.context["form"].errors["due_on"])
    assert not ActionItem.objects.exists() and not Task.objects.exists() and not Step.objects.exists()
    assert ConferenceCase.objects.get().notes == ""


def test_the_service_refuses_a_deadline_beyond_the_horizon(lead, alice, conference, youth):
    case = _case(conference, youth)
    last = TODAY.replace(year=TODAY.year + 3)
    with pytest.raises(ValidationError) as error:
        conferences.action_item_create(
            case=case, by=lead, description="x", owner=alice, due_on=last + datetime.timedelta(days=1), becomes="task"
        )
    assert "due_on" in error.value.message_dict
    assert not Task.objects.exists()
    conferences.action_item_create(case=case, by=lead, description="x", owner=alice, due_on=last, becomes="task")
    assert ActionItem.objects.get().due_on == last


def test_the_minutes_show_each_action_items_deadline(client, conference, lead, alice, youth):
    _done(conference, youth, alice)
    client.force_login(lead)
    html = client.get(_url(conference, "referat")).content.decode()
    assert '<span class="action-due">frist 30.11.2026</span>' in html
