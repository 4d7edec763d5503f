"""Every refused object access (the 404 of visible_to and the access helpers)
writes a "denied" audit event: who asked for which id, never any value."""

import datetime
import uuid

import pytest
import time_machine

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
