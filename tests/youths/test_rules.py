"""The rules of the effort on the case-file side (issue 15): who is on the
board and why a row is red, the intake meeting, the limits administrators
set, a contact person who leaves, and the youth's own proposal."""

import datetime

import pytest
import time_machine

from kui.accounts.models import Organisation, OrganisationKind, Role
from kui.audit.models import AuditAction, AuditEvent
from pathways import engine
from pathways.models import BallHandover, Flag, FlagKind, Step, StepStatus
from tests.factories import UserFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import YouthFactory, youth_in_caseload
from youths import services
from youths.board import board_queryset, board_rows, row_cause_text
from youths.models import (
    ContactPersonAssignment,
    ContactPersonProposal,
    EffortLimits,
    NetworkPerson,
    ProposalStatus,
    SupportLevelThreshold,
    Youth,
    YouthStatus,
)

MONDAY = datetime.date(2026, 11, 23)
DAY = datetime.timedelta(days=1)
BOARD = "/unge/"


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _board_youths(client, **params):
    return [row.youth for row in client.get(BOARD, params).context["rows"]]


# --- 1. Who is on the board ---------------------------------------------------


def test_the_board_shows_active_and_paused_youths_only(client, alice):
    active = youth_in_caseload(alice)
    paused = youth_in_caseload(alice, status=YouthStatus.PAUSED)
    for status in (YouthStatus.WAITING, YouthStatus.COMPLETED, YouthStatus.WITHDRAWN):
        youth_in_caseload(alice, status=status)
    client.force_login(alice)
    assert set(_board_youths(client)) == {active, paused}


def test_completed_youths_are_reached_through_the_status_filter(client, alice):
    youth_in_caseload(alice)
    done = youth_in_caseload(alice, status=YouthStatus.COMPLETED)
    client.force_login(alice)
    assert _board_youths(client, contact_person=alice.pk, status="completed") == [done]


def test_completing_a_youth_makes_the_board_shorter(client, alice):
    youths = [youth_in_caseload(alice) for _ in range(3)]
    client.force_login(alice)
    assert len(_board_youths(client)) == 3
    services.youth_change_status(
        youth=youths[0], by=alice, to_status=YouthStatus.COMPLETED, changed_on=MONDAY, reason="Job"
    )
    assert len(_board_youths(client)) == 2


def test_a_paused_youth_is_not_red_for_missing_contact(alice):
    paused = youth_in_caseload(alice, days_since_contact=None, status=YouthStatus.PAUSED)
    (row,) = board_rows(board_queryset(Youth.objects.filter(pk=paused.pk)))
    assert row.state == ""


# --- 6. The row names its cause ------------------------------------------------


def _row(youth):
    (row,) = board_rows(board_queryset(Youth.objects.filter(pk=youth.pk)))
    return row


def test_a_row_red_for_contact_says_how_many_days(alice):
    youth = youth_in_caseload(alice, days_since_contact=12)
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    row = _row(youth)
    assert row.state == "red" and row_cause_text(row) == "Ingen kontakt i 12 dage (grænse 7)"


def test_a_row_red_for_no_next_step_says_so_and_not_contact(alice):
    youth = youth_in_caseload(alice, days_since_contact=1)
    engine.scan(MONDAY)
    row = _row(youth)
    assert row.state == "red" and row_cause_text(row) == "Intet næste skridt planlagt"


def test_an_amber_row_names_the_step_without_outcome(alice):
    youth = youth_in_caseload(alice, days_since_contact=1)
    pathway = pathway_for(youth)
    step_in(pathway, MONDAY - 20 * DAY, MONDAY - 3 * DAY, status=StepStatus.ACTIVE)
    step_in(pathway, MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    engine.scan(MONDAY)
    row = _row(youth)
    assert row.state == "amber" and row_cause_text(row) == "Et skridt er slut uden resultat"


def test_the_badge_on_the_page_carries_the_cause(client, alice):
    youth = youth_in_caseload(alice, days_since_contact=None)
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    client.force_login(alice)
    html = client.get(BOARD).content.decode()
    assert '<span class="cause cause-red">Ingen kontakt registreret</span>' in html
    assert "kontakt overskredet" not in html


# --- 4. The intake meeting --------------------------------------------------


@pytest.fixture
def waiting(alice):
    return services.youth_create(
        by=alice,
        first_name="Søren",
        last_name="Ærbø",
        birth_date=datetime.date(2005, 4, 3),
        target_group="other",
        referral_date=MONDAY - 10 * DAY,
        team=alice.team,
    )


def _intake(youth, by, contact_person, **changes):
    fields = {
        "held_on": MONDAY,
        "participants": "Søren, mor og Alice",
        "youth_wishes": "Være tømrer",
        "agreements": "Værksted to dage om ugen",
        "goal": "Tømrer via EUD",
        "starts_now": "Træværksted på FGU",
        "starts_now_kind": "workshop",
        "starts_now_on": MONDAY + 2 * DAY,
        "starts_now_review_on": MONDAY + 16 * DAY,
        "contact_person": contact_person,
        **changes,
    }
    return services.intake_record(youth=youth, by=by, **fields)


def test_the_intake_meeting_is_a_reached_contact(waiting, alice):
    _intake(waiting, alice, alice)
    contact = waiting.contacts.get()
    assert contact.reached and contact.medium == "meeting" and contact.happened_at.date() == MONDAY


def test_the_intake_names_the_contact_person_and_gives_them_the_ball(waiting, alice, bob):
    _intake(waiting, alice, bob)
    assert waiting.assignments.get(ended_on__isnull=True).contact_person == bob
    assert BallHandover.objects.get(youth=waiting).holder_user == bob


def test_what_starts_right_away_becomes_a_planned_step(waiting, alice):
    _intake(waiting, alice, alice)
    step = Step.objects.get(pathway__youth=waiting)
    assert (step.title, step.step_type, step.status) == ("Træværksted på FGU", "workshop", StepStatus.PLANNED)
    assert (step.starts_on, step.review_on, step.pathway.goal) == (
        MONDAY + 2 * DAY,
        MONDAY + 16 * DAY,
        "Tømrer via EUD",
    )


def test_after_the_intake_the_youth_is_not_red(waiting, alice):
    _intake(waiting, alice, alice)
    engine.scan(MONDAY)
    assert not Flag.objects.open().filter(youth=waiting).exists()
    assert _row(waiting).state == ""


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_now_on": MONDAY - DAY},
        {"starts_now_on": MONDAY + 30 * DAY, "starts_now_review_on": MONDAY + 40 * DAY},
        {"starts_now_review_on": MONDAY - DAY},
        {"starts_now_kind": "nonsense"},
        {"goal": " "},
        {"held_on": MONDAY - 11 * DAY},
    ],
)
def test_a_bad_intake_saves_nothing(waiting, alice, changes):
    with pytest.raises(services.ValidationError):
        _intake(waiting, alice, alice, **changes)
    waiting.refresh_from_db()
    assert waiting.status == YouthStatus.WAITING
    assert not (waiting.intake_meetings.exists() or waiting.contacts.exists() or waiting.assignments.exists())
    assert not Step.objects.exists() and not BallHandover.objects.exists()


def test_the_intake_form_rejects_a_missing_first_step_in_danish(client, waiting, alice):
    client.force_login(alice)
    response = client.post(
        f"/unge/{waiting.public_id}/visitation/",
        {
            "held_on": MONDAY.isoformat(),
            "participants": "Søren",
            "youth_wishes": "Tømrer",
            "agreements": "Værksted",
            "goal": "Tømrer",
            "starts_now": "",
            "starts_now_kind": "workshop",
            "starts_now_on": MONDAY.isoformat(),
            "starts_now_review_on": (MONDAY + 14 * DAY).isoformat(),
            "contact_person": alice.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_now"] == ["Dette felt er påkrævet."]
    assert not waiting.intake_meetings.exists()


# --- 8. The limits, edited by administrators ----------------------------------

LIMITS = "/unge/graenser/"


def _limits(**changes):
    return {
        "close": 7,
        "external": 14,
        "exit": 30,
        "kui_contact_working_days": 5,
        "kui_activity_days": 30,
        "caseload_limit": 25,
        "waiting_days": 14,
        **changes,
    }


def test_the_default_limits_are_those_of_the_effort(db):
    assert SupportLevelThreshold.as_dict() == {"close": 7, "external": 14, "exit": 30}
    limits = EffortLimits.current()
    assert (limits.kui_contact_working_days, limits.kui_activity_days, limits.caseload_limit) == (5, 30, 25)
    assert limits.waiting_days == 14


def test_an_administrator_changes_a_limit_and_the_scan_follows(client, administrator, alice):
    youth = youth_in_caseload(alice, days_since_contact=6)
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    client.force_login(administrator)
    assert client.get(LIMITS).context["form"]["close"].value() == 7
    response = client.post(LIMITS, _limits(close=5))
    assert response.status_code == 302
    assert SupportLevelThreshold.as_dict()["close"] == 5
    engine.scan(MONDAY)
    assert Flag.objects.open().filter(youth=youth, kind=FlagKind.NO_CONTACT).exists()
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, actor=administrator, content_type__model="supportlevelthreshold"
    )
    assert event.fields == ["max_days_without_contact"]


def test_a_new_standard_caseload_moves_those_on_the_old_standard(client, administrator, alice, bob):
    bob.caseload_limit = 12
    bob.save()
    client.force_login(administrator)
    client.post(LIMITS, _limits(caseload_limit=20))
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.caseload_limit, bob.caseload_limit, EffortLimits.current().caseload_limit) == (20, 12, 20)


@pytest.mark.parametrize(
    "changes", [{"close": 0}, {"exit": "tre"}, {"kui_contact_working_days": 99}, {"waiting_days": ""}]
)
def test_bad_limits_are_a_danish_form_error_and_nothing_changes(client, administrator, changes):
    client.force_login(administrator)
    response = client.post(LIMITS, _limits(**changes))
    assert response.status_code == 200
    (messages,) = response.context["form"].errors.values()
    assert any(word in messages[0] for word in ("Denne værdi skal", "Indtast", "påkrævet"))
    assert not EffortLimits.objects.exists() and not SupportLevelThreshold.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "youth_user"])
def test_only_administrators_see_the_limits(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIMITS).status_code == 404
    assert client.post(LIMITS, _limits(close=3)).status_code == 404
    assert not SupportLevelThreshold.objects.exists()


def test_the_waiting_list_marks_those_waiting_longer_than_the_limit(client, alice):
    YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - 20 * DAY)
    YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - 3 * DAY)
    client.force_login(alice)
    rows = client.get("/unge/venteliste/").context["rows"]
    assert [(row["days_waiting"], row["too_long"]) for row in rows] == [(20, True), (3, False)]


def test_a_youth_waiting_longer_than_14_days_is_flagged_for_the_team_lead(client, alice, lead):
    """The waiting list's own clock: 14 days by default, counted from the
    referral; the flag goes to the team leads (nobody follows the youth yet)
    and clears when the youth is admitted."""
    from pathways.reminders import open_flags_by_contact_person

    long_ago = YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - 15 * DAY)
    on_the_limit = YouthFactory(organisation=alice.organisation, status="waiting", referral_date=MONDAY - 14 * DAY)
    engine.scan(today=MONDAY)
    waiting = Flag.objects.open().filter(kind=FlagKind.WAITING_TOO_LONG)
    assert [flag.youth for flag in waiting] == [long_ago]
    assert on_the_limit.flags.count() == 0
    assert [flag.youth for flag in open_flags_by_contact_person()[lead.pk]] == [long_ago]
    client.force_login(lead)
    assert long_ago.public_id in {flag.youth.public_id for flag in client.get("/forloeb/flag/").context["groups"][0][2]}
    long_ago.status = "active"
    long_ago.save(update_fields=["status"])
    engine.scan(today=MONDAY)
    assert not Flag.objects.open().filter(kind=FlagKind.WAITING_TOO_LONG).exists()


# --- 2. A contact person leaves -------------------------------------------------


def test_administrators_reach_the_staff_leave_page_from_the_menu(
    client, administrator, alice, django_assert_max_num_queries
):
    client.force_login(administrator)
    page = client.get("/unge/medarbejdere/fratraeden/")
    assert page.status_code == 200
    assert 'href="/unge/medarbejdere/fratraeden/"' in page.content.decode()  # the menu item
    with django_assert_max_num_queries(12):
        assert client.get("/unge/medarbejdere/fratraeden/").status_code == 200
    # Nobody is listed before searching; a wrong id is a Danish error.
    assert alice.first_name not in page.content.decode().split("<main")[-1]
    wrong = client.post("/unge/medarbejdere/fratraeden/", {"person": "00000000-0000-0000-0000-000000000000"})
    assert "Marker en gyldig valgmulighed" in wrong.context["form"].errors["person"][0]
    response = client.post("/unge/medarbejdere/fratraeden/", {"person": alice.public_id})
    assert response["Location"] == f"/unge/medarbejdere/{alice.public_id}/fratraeden/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("persona", ["alice", "steering", "youth_user"])
def test_only_administrators_and_team_leads_pick_who_leaves(client, request, persona, alice):
    client.force_login(request.getfixturevalue(persona))
    assert client.post("/unge/medarbejdere/fratraeden/", {"person": alice.public_id}).status_code == 404


def _leave_url(person):
    return f"/unge/medarbejdere/{person.public_id}/fratraeden/"


def test_the_team_lead_chooses_a_successor_per_youth(client, lead, alice, bob):
    kept, left = youth_in_caseload(alice), youth_in_caseload(alice)
    client.force_login(lead)
    form = client.get(_leave_url(alice)).context["form"]
    field = form.field_name(kept)
    response = client.post(_leave_url(alice), {"action": "deactivate", "on": MONDAY.isoformat(), field: bob.pk})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert kept.assignments.get(ended_on__isnull=True).contact_person == bob
    assert list(Youth.objects.without_contact_person()) == [left]
    assert Flag.objects.open().filter(youth=left, kind=FlagKind.NO_CONTACT_PERSON).exists()
    assert [y.pk for y in client.get("/unge/uden-kontaktperson/").context["rows"]] == [left.pk]


def test_an_administrator_sees_no_youths_on_the_leave_page(client, administrator, alice):
    youth = youth_in_caseload(alice)
    client.force_login(administrator)
    response = client.get(_leave_url(alice))
    assert response.context["held_count"] == 1 and response.context["youths"] == []
    assert youth.display_name not in response.content.decode()


@pytest.mark.parametrize(
    "data", [{"action": "deactivate", "on": "2026-12-24"}, {"action": "fly"}, {"action": "move", "on": "x"}]
)
def test_bad_input_to_the_leave_page_saves_nothing(client, lead, alice, data):
    youth_in_caseload(alice)
    client.force_login(lead)
    response = client.post(_leave_url(alice), data)
    assert response.status_code == 200 and response.context["form"].errors
    alice.refresh_from_db()
    assert alice.is_active and alice.team is not None


@pytest.mark.parametrize("persona", ["bob", "charlie", "youth_user"])
def test_others_cannot_let_a_colleague_leave(client, request, alice, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_leave_url(alice), {"action": "deactivate", "on": MONDAY.isoformat()}).status_code == 404
    alice.refresh_from_db()
    assert alice.is_active


def test_the_team_lead_gets_the_digest_of_a_youth_without_contact_person(alice, lead, mailoutbox):
    from pathways import reminders

    lead.email = "lene@kommune.dk"
    lead.save()
    youth = youth_in_caseload(alice)
    step_in(pathway_for(youth), MONDAY + 3 * DAY, MONDAY + 30 * DAY)
    services.staff_leave(person=alice, by=lead, on=MONDAY, successors={}, deactivate=True)
    assert reminders.send_daily_digests() == 1
    (mail,) = mailoutbox
    assert mail.to == ["lene@kommune.dk"] and youth.first_name in mail.body


# --- 10. The youth proposes a contact person ------------------------------------

PROPOSE = "/mig/kontaktperson/"


@pytest.fixture
def ung(alice):
    youth = youth_in_caseload(alice)
    youth.user = UserFactory(username="ung", role=Role.YOUTH, organisation=None)
    youth.save(update_fields=["user"])
    return youth


@pytest.fixture
def teacher(db):
    school = Organisation.objects.create(name="Produktionsskolen Vest", kind=OrganisationKind.PRODUCTION_SCHOOL)
    return UserFactory(
        username="hanne", first_name="Hanne", last_name="Lærer", role=Role.PARTNER_STAFF, organisation=school
    )


def test_the_search_needs_two_letters_and_shows_at_most_ten(client, ung, teacher):
    school = teacher.organisation
    for number in range(14):
        UserFactory(username=f"p{number}", first_name="Hans", role=Role.PARTNER_STAFF, organisation=school)
    client.force_login(ung.user)
    assert client.get(PROPOSE, {"q": "H"}).context["found"] == []
    assert len(client.get(PROPOSE, {"q": "Han"}).context["found"]) == 10
    assert client.get(PROPOSE).context["found"] == []


def test_the_youth_proposes_a_teacher_at_a_partner_and_the_team_lead_accepts(client, ung, teacher, lead):
    client.force_login(ung.user)
    response = client.post(f"{PROPOSE}?q=Hanne", {"choice": f"staff:{teacher.public_id}", "reason": "Hun forstår mig"})
    assert response.status_code == 302
    proposal = ContactPersonProposal.objects.get(youth=ung)
    assert (proposal.proposed_user, proposal.status) == (teacher, ProposalStatus.PENDING)
    client.force_login(lead)
    assert [p.pk for p in client.get("/unge/forslag/").context["proposals"]] == [proposal.pk]
    response = client.post(
        f"/unge/forslag/{proposal.public_id}/", {"decision": "accept", "started_on": MONDAY.isoformat()}
    )
    assert response.status_code == 302
    current = ung.assignments.get(ended_on__isnull=True)
    assert (current.contact_person, current.nominated_by_youth) == (teacher, True)


def test_someone_from_the_network_is_accepted_through_their_login(client, ung, teacher, lead):
    mentor = NetworkPerson.objects.create(youth=ung, name="Hanne", relation="lærer", ring=1)
    services.contact_person_propose(youth=ung, by=ung.user, network_person=mentor)
    proposal = ContactPersonProposal.objects.get()
    client.force_login(lead)
    url = f"/unge/forslag/{proposal.public_id}/"
    response = client.post(url, {"decision": "accept", "started_on": MONDAY.isoformat()})
    assert response.context["form"].errors["contact_person"]
    response = client.post(
        f"{url}?q=Hanne", {"decision": "accept", "started_on": MONDAY.isoformat(), "contact_person": teacher.public_id}
    )
    assert response.status_code == 302
    assert ung.assignments.get(ended_on__isnull=True).contact_person == teacher


def test_a_declined_proposal_changes_nothing(ung, alice, teacher, lead):
    proposal = services.contact_person_propose(youth=ung, by=ung.user, proposed_user=teacher)
    services.contact_person_proposal_decide(proposal=proposal, by=lead, accept=False)
    assert ContactPersonProposal.objects.get().status == ProposalStatus.DECLINED
    assert ung.assignments.get(ended_on__isnull=True).contact_person == alice


@pytest.mark.parametrize("choice", ["staff:00000000-0000-0000-0000-000000000000", "network:999", "", "staff:x"])
def test_a_bad_proposal_is_a_danish_error_and_saves_nothing(client, ung, choice):
    client.force_login(ung.user)
    response = client.post(PROPOSE, {"choice": choice})
    assert response.status_code == 200 and response.context["form"].errors["choice"]
    assert not ContactPersonProposal.objects.exists()


def test_a_colleague_of_another_municipality_cannot_be_proposed(ung, charlie):
    with pytest.raises(services.ValidationError):
        services.contact_person_propose(youth=ung, by=ung.user, proposed_user=charlie)
    assert not ContactPersonProposal.objects.exists()


def test_staff_cannot_propose_for_the_youth(ung, alice, bob):
    with pytest.raises(services.ValidationError):
        services.contact_person_propose(youth=ung, by=alice, proposed_user=bob)


@pytest.mark.parametrize("persona", ["alice", "charlie"])
def test_only_a_team_lead_of_the_youth_decides(client, request, ung, teacher, persona):
    proposal = services.contact_person_propose(youth=ung, by=ung.user, proposed_user=teacher)
    client.force_login(request.getfixturevalue(persona))
    url = f"/unge/forslag/{proposal.public_id}/"
    assert client.post(url, {"decision": "accept", "started_on": MONDAY.isoformat()}).status_code == 404
    assert ContactPersonProposal.objects.get().status == ProposalStatus.PENDING
    assert not ContactPersonAssignment.objects.filter(contact_person=teacher).exists()


def test_the_proposals_page_does_not_grow_in_queries(client, lead, alice, teacher, django_assert_max_num_queries):
    for number in range(20):
        youth = youth_in_caseload(alice)
        youth.user = UserFactory(username=f"ung{number}", role=Role.YOUTH, organisation=None)
        youth.save(update_fields=["user"])
        services.contact_person_propose(youth=youth, by=youth.user, proposed_user=teacher)
    client.force_login(lead)
    with django_assert_max_num_queries(8):
        assert len(client.get("/unge/forslag/").context["proposals"]) == 20


def test_the_first_step_kinds_come_from_pathways(db):
    from youths.signals import FIRST_STEP_KINDS

    assert ("workshop", "Åbent værksted") in [(value, str(label)) for value, label in FIRST_STEP_KINDS]


def test_a_partner_teacher_who_is_the_contact_person_opens_that_case_file_only(client, ung, teacher, lead, alice):
    """Rule 10: a contact person may be employed at a partner. Following the
    youth is their need to know: they open this case file, not another youth's,
    and not once they no longer follow the youth."""
    other = youth_in_caseload(alice)
    client.force_login(teacher)
    assert client.get(f"/unge/{ung.public_id}/").status_code == 404
    proposal = services.contact_person_propose(youth=ung, by=ung.user, proposed_user=teacher)
    services.contact_person_proposal_decide(proposal=proposal, by=lead, accept=True, started_on=MONDAY)
    response = client.get(f"/unge/{ung.public_id}/")
    assert response.status_code == 200
    assert ung.first_name in response.content.decode()
    assert client.get(f"/unge/{other.public_id}/").status_code == 404
    assert f"/unge/{ung.public_id}/" in client.get("/partnere/min-side/").content.decode()
    services.contact_person_assign(
        youth=ung, by=lead, contact_person=alice, started_on=MONDAY, reason="Hanne er på barsel"
    )
    assert client.get(f"/unge/{ung.public_id}/").status_code == 404
