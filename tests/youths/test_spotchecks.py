"""Spot checks for the data-protection coordinator: the four kinds of
finding, filters, the monthly sample and its audited sign-off, CSV and PDF."""

import datetime
import subprocess

import pytest
import time_machine
from django.contrib.auth.models import Permission

from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_record
from tests.factories import TeamFactory, UserFactory
from youths import services as youth_services
from youths.models import SpotCheckSample

URL = "/unge/stikproever/"
# A Tuesday in working hours, and the same day at night (Copenhagen is UTC+1 in winter).
DAY = datetime.datetime(2026, 11, 10, 10, 0, tzinfo=datetime.UTC)
NIGHT = datetime.datetime(2026, 11, 10, 22, 30, tzinfo=datetime.UTC)


@pytest.fixture
def coordinator(org_a):
    user = UserFactory(username="dpo", first_name="Dorte", role="team_lead", organisation=org_a)
    user.user_permissions.add(Permission.objects.get(codename="review_spot_checks"))
    return user


@pytest.fixture
def youth(alice):
    youth = youth_services.youth_create(
        by=alice, first_name="Åse", last_name="Ærø", birth_date=datetime.date(2004, 6, 1), target_group="other"
    )
    youth_services.contact_person_assign(youth=youth, by=alice, contact_person=alice, started_on=youth.referral_date)
    return youth


@pytest.fixture
def outsider(org_a):
    return UserFactory(
        username="olaf", role="contact_person", organisation=org_a, team=TeamFactory(organisation=org_a, name="Syd")
    )


def _read(user, youth, at):
    with time_machine.travel(at, tick=False):
        return audit_record(actor=user, action=AuditAction.READ, obj=youth, subject_id=youth.public_id)


def _kinds(client, coordinator, **params):
    client.force_login(coordinator)
    response = client.get(URL, {"since": "2026-11-01", "until": "2026-11-30", **params})
    assert response.status_code == 200
    return [(row.kind, row.event.actor_label) for row in response.context["rows"]]


def test_a_lookup_outside_caseload_and_team_is_found(client, coordinator, alice, outsider, youth):
    _read(alice, youth, DAY)  # her own caseload: fine
    _read(outsider, youth, DAY)
    assert _kinds(client, coordinator) == [("outside_caseload", str(outsider))]


def test_a_lookup_outside_working_hours_is_found(client, coordinator, alice, youth):
    _read(alice, youth, NIGHT)
    assert _kinds(client, coordinator) == [("out_of_hours", str(alice))]


def test_a_lookup_on_a_public_holiday_is_out_of_hours(client, coordinator, alice, youth):
    _read(alice, youth, datetime.datetime(2026, 12, 25, 10, tzinfo=datetime.UTC))
    assert _kinds(client, coordinator, until="2026-12-31") == [("out_of_hours", str(alice))]


def test_many_youths_within_an_hour_are_found(client, coordinator, alice, settings):
    settings.KUI_SPOT_CHECK_YOUTHS_PER_HOUR = 3
    for n in range(5):
        youth = youth_services.youth_create(
            by=alice, first_name=f"U{n}", last_name="H", birth_date=datetime.date(2004, 1, n + 1), target_group="other"
        )
        youth_services.contact_person_assign(
            youth=youth, by=alice, contact_person=alice, started_on=youth.referral_date
        )
        _read(alice, youth, DAY + datetime.timedelta(minutes=5 * n))
    assert _kinds(client, coordinator) == [("many_youths", str(alice))]


def test_break_the_glass_is_found_with_its_reason(client, coordinator, alice, youth):
    with time_machine.travel(DAY, tick=False):
        # The action name is the sign-in helper's (issue 13); recorded like any other event.
        audit_record(actor=alice, action="break_glass", obj=youth, subject_id=youth.public_id, purpose="akut opkald")
    client.force_login(coordinator)
    rows = client.get(URL, {"since": "2026-11-01", "until": "2026-11-30"}).context["rows"]
    assert [(row.kind, row.detail) for row in rows] == [("break_glass", "akut opkald")]


def test_the_user_filter_narrows_the_findings(client, coordinator, alice, outsider, youth):
    _read(alice, youth, NIGHT)
    _read(outsider, youth, DAY)
    assert _kinds(client, coordinator, actor=outsider.pk) == [("outside_caseload", str(outsider))]


def test_a_reversed_period_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"since": "2026-11-30", "until": "2026-11-01"})
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "charlie"])
def test_only_coordinators_see_the_spot_checks(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.get("/unge/stikproever/maanedens-stikproeve/").status_code == 404


def test_csv_and_pdf_carry_the_findings(client, coordinator, alice, youth, tmp_path):
    _read(alice, youth, NIGHT)
    client.force_login(coordinator)
    params = {"since": "2026-11-01", "until": "2026-11-30"}
    csv_text = client.get("/unge/stikproever.csv", params).content.decode("utf-8-sig")
    assert str(youth.public_id) in csv_text and "Uden for arbejdstid" in csv_text
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(client.get("/unge/stikproever.pdf", params).content)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Uden for arbejdstid" in text and "Ærø" not in text


def test_the_monthly_sample_is_drawn_once_and_signed_off_audited(client, coordinator, alice, youth):
    for hour in range(12):
        _read(alice, youth, DAY + datetime.timedelta(minutes=hour))
    client.force_login(coordinator)
    url = "/unge/stikproever/maanedens-stikproeve/?month=2026-11"
    first = client.get(url).context["events"]
    assert len(first) == 10 and client.get(url).context["events"] == first
    client.post("/unge/stikproever/maanedens-stikproeve/", {"month": "2026-11", "conclusion": "in_order"})
    sample = SpotCheckSample.objects.get()
    assert (sample.signed_off_by, sample.conclusion) == (coordinator, "in_order")
    assert AuditEvent.objects.filter(
        actor=coordinator, action=AuditAction.UPDATE, fields=["conclusion", "signed_off_at"]
    ).exists()
    client.post("/unge/stikproever/maanedens-stikproeve/", {"month": "2026-11", "conclusion": "follow_up"})
    assert SpotCheckSample.objects.get().conclusion == "in_order"  # signed off once
