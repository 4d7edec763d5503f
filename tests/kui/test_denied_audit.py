"""Every refused object access (the 404 of visible_to and the access helpers)
writes a "denied" audit event: who asked for which id, never any value."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import translation

from kui.audit.models import AuditAction, AuditEvent
from youths import services as youth_services
from youths.models import Youth


@pytest.fixture
def youth(alice):
    found = youth_services.youth_create(
        by=alice, first_name="Åse", last_name="Ærø", birth_date=datetime.date(2004, 6, 1), target_group="other"
    )
    youth_services.contact_person_assign(youth=found, by=alice, contact_person=alice, started_on=found.referral_date)
    return found


def test_an_outsider_opening_a_case_file_is_audited_as_denied(client, charlie, youth):
    client.force_login(charlie)
    assert client.get(f"/unge/{youth.public_id}/").status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert event.actor == charlie
    assert event.object_id == f"public_id={youth.public_id}"
    assert event.content_type.model_class() is Youth
    assert youth.first_name not in str(event.__dict__) and youth.last_name not in str(event.__dict__)
    assert event.path == f"/unge/{youth.public_id}/"


def test_a_request_for_an_id_that_does_not_exist_is_audited_alike(client, alice):
    client.force_login(alice)
    missing = uuid.uuid4()
    assert client.get(f"/unge/{missing}/").status_code == 404
    assert AuditEvent.objects.get(action=AuditAction.DENIED).object_id == f"public_id={missing}"


def test_a_steering_member_asking_for_a_case_file_is_audited(client, steering, youth):
    client.force_login(steering)
    assert client.get(f"/unge/{youth.public_id}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=steering).count() == 1


def test_partner_staff_asking_for_a_youth_they_do_not_host_is_audited(client, db, youth):
    from tests.factories import OrganisationFactory, UserFactory

    mentor = UserFactory(role="partner_staff", organisation=OrganisationFactory(kind="company"))
    client.force_login(mentor)
    assert client.get(f"/partnere/min-side/unge/{youth.public_id}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=mentor).exists()


def test_a_permitted_read_writes_no_denial(client, alice, youth):
    client.force_login(alice)
    assert client.get(f"/unge/{youth.public_id}/").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


@time_machine.travel(datetime.datetime(2026, 1, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_other_object_helpers_audit_denials_too(client, charlie, alice):
    from pathways import conferences

    conference = conferences.conference_schedule(by=alice, held_on=datetime.date(2026, 1, 5))
    client.force_login(charlie)
    assert client.get(f"/forloeb/sagsdroeftelser/{conference.public_id}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=charlie).exists()


def test_a_lookup_inside_a_visible_case_file_is_audited_by_its_url_id(client, alice, youth):
    """The youth is alice's, the network person (id 999999) is not in it: the
    plain lookup inside the case file refuses, and the row names that id."""
    client.force_login(alice)
    path = f"/unge/{youth.public_id}/netvaerk/999999/fjern/"
    assert client.post(path).status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert (event.actor, event.object_id, event.fields, event.path) == (
        alice,
        "person_id=999999",
        ["person_id", "youth_id"],
        path,
    )
    assert event.content_type is None


def test_the_trail_names_a_refused_url_id_by_the_kind_of_object(db):
    """The trail page shows "samarbejdsaftale", not the code name agreement_id."""
    event = AuditEvent(fields=["agreement_id", "governance_meeting_id", "youth_id", "zebra_id"])
    with translation.override("da"):
        assert event.field_labels == ["samarbejdsaftale", "møde", "ung", "zebra_id"]


# The sweep: every object URL of the project, asked for with another
# organisation's (or another team's) ids, leaves one denied row per refusal,
# whichever way the view refused (access helper, plain lookup, role check).
from tests.partners.world import SHARED_DIRECTORY  # noqa: E402
from tests.test_url_sweep import (  # noqa: E402  (the sweep's world and personas)
    PUBLIC,
    SHARED_WITH_THE_ORGANISATION,
    YOUTH_SCOPED,
    all_routes,
    build_path,
    colleague_other_team,  # noqa: F401
    world,  # noqa: F401
)


def _refusals_are_audited(client, world, user, *, routes):
    client.force_login(user)
    checked = 0
    for name, route, pattern in routes:
        refused = checked
        path = build_path(route, pattern, world)
        ids = {param for param in pattern.pattern.converters if param.endswith("_id")}
        for method in (client.get, client.post):
            before = AuditEvent.objects.filter(action=AuditAction.DENIED).count()
            status = method(path).status_code
            if status != 404:
                continue
            denied = AuditEvent.objects.filter(action=AuditAction.DENIED).order_by("-id")
            assert denied.count() == before + 1, f"{method.__name__.upper()} {name} {path}: no single denied row"
            event = denied.first()
            assert (event.actor, event.path) == (user, path), name
            # The id asked for (by the URL's parameter name, or the helper's lookup), never a value.
            key, _, value = event.object_id.partition("=")
            assert value and value in path and (key in ids or key.endswith(("public_id", "pk"))), event.object_id
            checked += 1
        assert checked > refused, f"{name} {path} was not refused"
    return checked


def test_every_object_url_of_another_organisation_is_audited_when_refused(client, world, charlie):
    routes = [
        entry
        for entry in all_routes()
        if entry[0] not in PUBLIC
        and entry[0] not in {*SHARED_DIRECTORY, "search_choices"}
        and any(param.endswith("_id") for param in entry[2].pattern.converters)
    ]
    assert _refusals_are_audited(client, world, charlie, routes=routes) >= len(routes) >= 60


def test_every_youth_url_refused_to_another_team_is_audited(client, world, colleague_other_team):
    routes = [
        entry
        for entry in all_routes()
        if entry[0] not in PUBLIC
        and entry[0] not in SHARED_WITH_THE_ORGANISATION
        and set(entry[2].pattern.converters) & YOUTH_SCOPED
    ]
    assert _refusals_are_audited(client, world, colleague_other_team, routes=routes) >= 40
    names = [event.actor_label for event in AuditEvent.objects.filter(action=AuditAction.DENIED)]
    youth = world["youth"]
    assert all(youth.first_name not in str(event) for event in names)
