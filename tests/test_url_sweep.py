"""Walks every URL pattern of the project: anonymous users are sent to login,
and outsiders get 404 on every object URL. New views join automatically; a
view with a new URL parameter fails here until a sample is added below."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kui.accounts.models import Role
from pathways import aftercare, conferences
from pathways import services as pathway_services
from pathways.models import GroupCourse, Pathway
from tests.factories import OrganisationFactory, TeamFactory, UserFactory
from tests.partners.world import PARTNER_SAMPLES, SHARED_DIRECTORY, partner_world
from youths import services as youth_services
from youths.models import YouthImport

# URL names anyone may open without logging in.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "set_language",
    "logout",
    "portfolio:verify",
    "portfolio:verify_lookup",
    "portfolio:invitation_accept",
    # The youth's calendar feed (its secret token is the key; tests/portfolio/test_reminders.py) and
    # the SMS gateway's webhook (a shared secret; the same file).
    "portfolio:calendar_feed",
    "portfolio:sms_answer",
    # allauth's names for the same login and logout pages, and its pages of a login in progress.
    "account_login",
    "account_logout",
    "account_inactive",
    "kui_oidc_login",
    "kui_oidc_callback",
    # The installable app's shell: says nothing about anyone (kui/pwa.py).
    "manifest",
    "service_worker",
    "offline",
    "favicon",
}
# Django's admin has its own staff-only login; covered by test_admin_needs_staff.
SKIPPED_NAMESPACES = {"admin"}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), f"{ns}" if ns else namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry


def _youth_world(alice):
    youth = youth_services.youth_create(
        by=alice,
        first_name="Sofie",
        last_name="Østergaard",
        birth_date=datetime.date(2005, 4, 3),
        target_group="other",
    )
    today = timezone.localdate()
    youth_services.contact_person_assign(youth=youth, by=alice, contact_person=alice, started_on=today)
    meeting = youth_services.intake_record(
        youth=youth,
        by=alice,
        held_on=today,
        participants="Sofie, mor",
        youth_wishes="Lager",
        agreements="Praktik",
        goal="EGU",
        starts_now="Praktik",
        starts_now_kind="internship",
        starts_now_on=today,
        starts_now_review_on=today + datetime.timedelta(days=14),
        contact_person=alice,
    )
    consent = youth_services.consent_give(youth=youth, by=alice, area="education", given_on=today, form="written")
    note = youth_services.note_write(youth=youth, by=alice, theme="housing", text="Bor hos mor", written_on=today)
    person = youth_services.network_person_add(
        youth=youth, by=alice, name="Mor", relation="mor", ring=1, supportive=True
    )
    contact = youth_services.contact_log(
        youth=youth, by=alice, happened_at=timezone.now(), medium="phone", duration_minutes=15
    )
    step = youth.pathways.get().steps.get()  # the intake meeting planned it
    course = GroupCourse.objects.create(organisation=alice.organisation, name="Hold", starts_on=today, ends_on=today)
    conference = conferences.conference_schedule(by=alice, held_on=today)
    conferences.conference_add_case(conference=conference, by=alice, youth=youth)
    attendee = conferences.conference_attendee_add(
        conference=conference, by=alice, name="Ida Lund", profession="psykolog", organisation=alice.organisation
    )
    task = pathway_services.task_create(youth=youth, by=alice, owner=alice, title="Ring til FGU", due_on=today)
    youth_import = YouthImport.objects.create(created_by=alice, row_count=1, payload=b"")
    earlier = Pathway.objects.create(youth=youth, goal="Job", started_on=today, ended_on=today, outcome="job")
    aftercare.aftercare_schedule(pathway=earlier)
    return {
        "check_in": earlier.aftercare_check_ins.first(),
        "youth_import": youth_import,
        "youth": youth,
        "meeting": meeting,
        "consent": consent,
        "note": note,
        "person": person,
        "logged_contact": contact,
        "step": step,
        "course": course,
        "conference": conference,
        "attendee": attendee,
        "task": task,
    }


def _portfolio_world(world):
    """A certificate for a completed step and a reflection by the youth's own login."""
    from portfolio import services as portfolio_services
    from portfolio.models import Competence

    alice, today = world["alice"], timezone.localdate()
    step = pathway_services.step_add(
        pathway=world["step"].pathway, by=alice, step_type="workshop", title="Værksted", starts_on=today, ends_on=today
    )
    pathway_services.step_set_status(step=step, by=alice, status="completed", on=today, outcome="Godt")
    certificate = portfolio_services.certificate_issue(
        youth=world["youth"],
        by=alice,
        step=step,
        competences=[Competence.objects.create(name="Værktøj")],
        issuer=alice.organisation,
        issued_on=today,
        evidence="Byggede en reol",
    )
    login = UserFactory(username="sofie", role=Role.YOUTH, organisation=None)
    youth = world["youth"]
    youth.user = login
    youth.save(update_fields=["user"])
    reflection = portfolio_services.reflection_write(youth=youth, by=login, kind="goal", text="EGU")
    proposal = youth_services.contact_person_propose(youth=youth, by=login, network_person=world["person"])
    prior = portfolio_services.prior_learning_record(
        youth=youth, by=alice, title="Kasse", source="work", evidence="Udtalelse", assessed_on=today
    )
    access_request = portfolio_services.access_request_create(youth=youth, by=login)
    return {
        "certificate": certificate,
        "reflection": reflection,
        "proposal": proposal,
        "prior": prior,
        "access_request": access_request,
    }


# How to fill each URL parameter with an object that belongs to organisation A.
SAMPLES = {
    "youth_id": lambda w: w["youth"].public_id,
    "meeting_id": lambda w: w["meeting"].public_id,
    "consent_id": lambda w: w["consent"].pk,
    "note_id": lambda w: w["note"].pk,
    "person_id": lambda w: w["person"].pk,
    "logged_contact_id": lambda w: w["logged_contact"].pk,
    "user_id": lambda w: w["alice"].public_id,
    "step_id": lambda w: w["step"].public_id,
    "uidb64": lambda w: "MQ",
    "token": lambda w: "set-password",
    "course_id": lambda w: w["course"].public_id,
    "conference_id": lambda w: w["conference"].public_id,
    "attendee_id": lambda w: w["attendee"].pk,
    "task_id": lambda w: w["task"].public_id,
    "certificate_id": lambda w: w["certificate"].public_id,
    "reflection_id": lambda w: w["reflection"].public_id,
    "prior_id": lambda w: w["prior"].public_id,
    "request_id": lambda w: w["access_request"].public_id,
    "code": lambda w: w["certificate"].verification_code,
    "name": lambda w: "caseworkers",
    "import_id": lambda w: w["youth_import"].public_id,
    "provider_id": lambda w: "kommune",
    "proposal_id": lambda w: w["proposal"].public_id,
    "check_in_id": lambda w: w["check_in"].public_id,
    **PARTNER_SAMPLES,
}


def build_path(route: str, pattern: URLPattern, world) -> str:
    from django.urls.resolvers import RoutePattern

    if not isinstance(pattern.pattern, RoutePattern):
        raise AssertionError(f"use path(), not re_path(), for {route}")
    path = route
    for name, converter in pattern.pattern.converters.items():
        assert name in SAMPLES, f"URL parameter <{name}> in {route!r} has no sample in tests/test_url_sweep.py"
        value = converter.to_url(SAMPLES[name](world))
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
    assert "<" not in path, f"could not fill {route!r}"
    return "/" + path


@pytest.fixture
def world(alice):
    found = _youth_world(alice)
    found["alice"] = alice
    found.update(_portfolio_world(found))
    found.update(partner_world(found))
    return found


def all_routes():
    return list(walk(get_resolver().url_patterns))


def test_the_sweep_sees_the_apps_urls():
    names = {name for name, *_ in all_routes()}
    assert {"landing", "youths:board", "youths:profile", "audit:list"} <= names


def test_anonymous_users_are_sent_to_login(client, world):
    for name, route, pattern in all_routes():
        if name in PUBLIC:
            continue
        path = build_path(route, pattern, world)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, f"{name} {path} gave {response.status_code}"
            assert response["Location"].startswith("/konto/login/"), name


@pytest.mark.parametrize("persona", ["charlie", "steering", "partner_staff", "youth_user"])
def test_outsiders_get_404_on_every_object_url(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    checked = 0
    for name, route, pattern in all_routes():
        if name in PUBLIC or not pattern.pattern.converters:
            continue
        path = build_path(route, pattern, world)
        # Staff elsewhere may look partners up (not edit them), and search their own colleagues.
        if persona == "charlie" and name in {*SHARED_DIRECTORY, "search_choices"}:
            assert (client.get(path).status_code, client.post(path).status_code) == (200, 405), name
            continue
        assert client.post(path).status_code == 404, f"POST {name} {path} as {persona}"
        assert client.get(path).status_code in {404, 405}, f"GET {name} {path} as {persona}"
        checked += 1
    assert checked >= 3


@pytest.fixture
def partner_staff(db):
    company = OrganisationFactory(name="Lagerhuset", kind="company")
    return UserFactory(username="mentor", role=Role.PARTNER_STAFF, organisation=company)


def test_admin_needs_staff(client, alice):
    client.force_login(alice)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# URL parameters that name a youth or something in a youth's case file.
YOUTH_SCOPED = {
    "youth_id",
    "meeting_id",
    "consent_id",
    "note_id",
    "person_id",
    "logged_contact_id",
    "step_id",
    "task_id",
    "certificate_id",
    "reflection_id",
    "prior_id",
}


# Open to the whole organisation on purpose: asking to break the glass. (A case
# on a case conference's agenda is not: it opens under need-to-know, or to the chair.)
SHARED_WITH_THE_ORGANISATION = {"youths:break_glass"}


@pytest.fixture
def colleague_other_team(org_a):
    """A contact person in alice's organisation, in another team: need-to-know keeps them out."""
    team = TeamFactory(organisation=org_a, name="Team Syd")
    return UserFactory(username="dora", role=Role.CONTACT_PERSON, organisation=org_a, team=team)


@pytest.fixture
def lead_other_team(org_a):
    team = TeamFactory(organisation=org_a, name="Team Vest")
    return UserFactory(username="leadvest", role=Role.TEAM_LEAD, organisation=org_a, team=team)


@pytest.mark.parametrize("persona", ["colleague_other_team", "lead_other_team"])
def test_another_team_gets_404_on_every_youth_url(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    checked = 0
    for name, route, pattern in all_routes():
        if name in PUBLIC or name in SHARED_WITH_THE_ORGANISATION or not set(pattern.pattern.converters) & YOUTH_SCOPED:
            continue
        path = build_path(route, pattern, world)
        assert client.post(path).status_code == 404, f"POST {name} {path} as {persona}"
        assert client.get(path).status_code in {404, 405}, f"GET {name} {path} as {persona}"
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("persona", ["colleague_other_team", "lead_other_team"])
def test_another_team_may_only_ask_to_break_the_glass(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/unge/{world['youth'].public_id}/adgang/").status_code == 200
