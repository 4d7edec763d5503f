import datetime

import pytest

from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_record
from youths import services as youth_services


@pytest.fixture
def youth(alice):
    return youth_services.youth_create(
        by=alice,
        first_name="Åse",
        last_name="Ærø",
        birth_date=datetime.date(2004, 6, 1),
        target_group="other",
        cpr="0106044234",
    )


def test_reading_a_case_file_is_audited(client, alice, youth):
    client.force_login(alice)
    client.get(f"/unge/{youth.public_id}/", REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action=AuditAction.READ)
    assert (event.actor, event.subject_id, event.ip_address) == (alice, youth.public_id, "10.1.2.3")
    assert event.path == f"/unge/{youth.public_id}/"


def test_a_change_records_field_names_not_values(alice, youth):
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, phone="12345678")
    event = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert event.fields == ["phone"]
    assert "12345678" not in str(event.__dict__)


def test_cpr_never_enters_the_trail(alice, youth):
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, cpr="0106049999")
    for event in AuditEvent.objects.all():
        text = str(event.__dict__)
        assert "0106044234" not in text and "0106049999" not in text and "010604-" not in text


def test_administrators_can_browse_and_filter(client, administrator, alice, youth):
    audit_record(actor=alice, action=AuditAction.READ, obj=youth, subject_id=youth.public_id)
    client.force_login(administrator)
    response = client.get("/revision/", {"action": "read", "actor": "alice"})
    assert response.status_code == 200
    assert list(response.context["page"]) == list(
        AuditEvent.objects.filter(action="read", actor_label__icontains="alice")
    )
    assert len(response.context["page"]) == 1


def test_a_bad_filter_is_a_form_error_not_a_500(client, administrator):
    client.force_login(administrator)
    response = client.get("/revision/", {"since": "not-a-date", "action": "nonsense"})
    assert response.status_code == 200
    assert response.context["filter"].errors


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "youth_user"])
def test_others_cannot_see_the_trail(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/revision/").status_code == 404


def test_a_cpr_typed_as_username_is_masked_in_the_trail(client, db):
    client.post("/konto/login/", {"username": "010203-4321", "password": "x"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert "4321" not in event.actor_label and event.actor_label == "xxxxxx-xxxx"


def test_a_forged_forwarded_for_header_is_not_believed(client, alice, youth):
    client.force_login(alice)
    client.get(f"/unge/{youth.public_id}/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AuditEvent.objects.get(action=AuditAction.READ).ip_address == "10.1.2.3"


def test_behind_one_trusted_proxy_the_proxys_hop_is_the_client(client, alice, youth, settings):
    settings.KUI_TRUSTED_PROXIES = 1
    client.force_login(alice)
    client.get(f"/unge/{youth.public_id}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert AuditEvent.objects.get(action=AuditAction.READ).ip_address == "192.0.2.7"


def test_opening_the_edit_form_is_audited_as_a_read(client, alice, youth):
    client.force_login(alice)
    client.get(f"/unge/{youth.public_id}/rediger/")
    assert AuditEvent.objects.filter(action=AuditAction.READ, subject_id=youth.public_id).count() == 1
