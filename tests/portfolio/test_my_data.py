"""My data (GDPR art. 15): everything held about the youth, and the lookups
in their file with dates and purposes, without staff names."""

import json

import pytest
from django.utils import timezone

from kui.audit.models import AuditAction, AuditEvent
from youths import services as youth_services


@pytest.fixture
def case_file(client, alice, oliver, certificate):
    """A logbook note, a contact and a lookup by alice on the profile."""
    youth_services.note_write(
        youth=oliver, by=alice, theme="health", text="Sover dårligt", written_on=timezone.localdate()
    )
    youth_services.contact_log(
        youth=oliver,
        by=alice,
        happened_at=timezone.now(),
        medium="phone",
        duration_minutes=10,
        reached=True,
        note="Ringede om praktikken",
    )
    youth_services.youth_read(youth=oliver, by=alice, purpose="forberedelse af sagsdrøftelse")
    return oliver


def export(client, youth) -> dict:
    client.force_login(youth.user)
    response = client.get("/mig/mine-data/hent/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_it_holds_everything_about_the_youth(client, case_file, certificate):
    text = json.dumps(export(client, case_file), ensure_ascii=False)
    # Staff-written free text only after an access request's review (tests/portfolio/test_access_requests.py).
    assert "Sover dårligt" not in text and "Ringede om praktikken" not in text
    for fact in (
        "Jørgensen",
        "Telefon",
        "Pallehåndtering og ordreplukning",
        certificate.verification_code,
        "Praktik på lager – pluk og pak",
        "EGU i lager og logistik",
    ):
        assert fact in text, fact


def test_it_lists_the_lookups_with_date_and_purpose(client, case_file):
    lookups = export(client, case_file)["opslag"]
    (lookup,) = [row for row in lookups if row["formål"] == "forberedelse af sagsdrøftelse"]
    assert lookup["hvornår"].startswith(timezone.localdate().isoformat()) and lookup["handling"]


def test_it_names_no_staff_member(client, alice, case_file):
    alice.last_name = "Særlignavn"
    alice.save()
    text = json.dumps(export(client, case_file), ensure_ascii=False)
    assert "Særlignavn" not in text and alice.username not in text and "127.0.0.1" not in text


def test_it_leaves_out_the_cpr_number_and_internal_fields(client, alice, oliver):
    youth_services.youth_update(
        youth=oliver, by=alice, version=oliver.version, cpr="0505054234"
    )  # his birth date, 5 May 2005
    text = json.dumps(export(client, oliver), ensure_ascii=False)
    assert "0505054234" not in text and "cpr_hash" not in text and "fingerprint" not in text


def test_the_download_is_audited(client, oliver):
    export(client, oliver)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, subject_id=oliver.public_id)
    assert event.actor == oliver.user and "GDPR" in event.purpose


def test_it_holds_nothing_about_another_youth(client, oliver, other_youth):
    text = json.dumps(export(client, oliver), ensure_ascii=False)
    assert "Emma" not in text and "Emmas hemmelige mål" not in text and "Bagte brød" not in text


def test_the_page_shows_the_lookups_without_names(client, alice, case_file):
    client.force_login(case_file.user)
    html = client.get("/mig/mine-data/").content.decode()
    assert 'id="lookups"' in html and "forberedelse af sagsdrøftelse" in html and alice.last_name not in html


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "administrator", "youth_user"])
def test_nobody_else_gets_the_export(client, request, oliver, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/mig/mine-data/hent/").status_code == 404


ENGLISH_KEYS = {"recorded at", "recorded by", "logged by", "assigned by", "written by", "youth", "created at"}
ENGLISH_KEYS |= {"section", "rows", "held_back", "lookups", "made_at", "about", "keys", "data", "when", "purpose"}


def _keys(value) -> set:
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_every_key_of_the_download_is_danish(client, alice, case_file):
    data = export(client, case_file)
    keys = _keys(data)
    assert not keys & ENGLISH_KEYS, keys & ENGLISH_KEYS
    assert {"afsnit", "rækker", "opslag", "registreret af", "ung"} <= keys
    assert "opslag.hvornår" in data["nøgler"]


def test_the_lookups_read_in_danish_time_and_plain_words(client, alice, case_file):
    youth_services.youth_read(youth=case_file, by=alice, purpose="page")
    client.force_login(case_file.user)
    html = client.get("/mig/mine-data/").content.decode()
    today = timezone.localdate()
    assert today.strftime("%d.%m.%Y") in html and f"{today.isoformat()}T" not in html
    assert "en side i din sag" in html and ">side<" not in html
