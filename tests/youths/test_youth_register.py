import datetime
import io
import logging
import re
import runpy

import pytest
from django.conf import settings

from kui.audit.models import AuditAction, AuditEvent
from tests import clock
from tests.factories import TeamFactory, UserFactory
from tests.youths.factories import youth_in_caseload
from youths.models import StatusChange, Youth
from youths.services import StaleEdit, contact_person_assign, youth_create, youth_update

VALID = {
    "first_name": "Oliver",
    "last_name": "Jørgensen",
    "preferred_name": "",
    "birth_date": "2000-03-14",
    "cpr": "140300-4234",
    "phone": "20 30 40 50",
    "email": "",
    "address": "",
    "education_background": "",
    "target_group": "dropped_out",
    "support_level": "close",
    "referral_source": "uu",
    "referral_date": (clock.TODAY - datetime.timedelta(days=22)).isoformat(),
    "priority": "2",
    "team": "",
}


def test_it_registers_a_youth_on_the_waiting_list(client, alice):
    client.force_login(alice)
    response = client.post("/unge/ny/", VALID)
    youth = Youth.objects.get()
    assert response.status_code == 302
    assert (youth.status, youth.organisation, youth.cpr_encrypted) == ("waiting", alice.organisation, "1403004234")
    assert StatusChange.objects.filter(youth=youth, to_status="waiting").count() == 1


def test_cpr_is_encrypted_at_rest_and_found_by_hash(alice):
    from django.db import connection

    youth_create(
        by=alice,
        first_name="A",
        last_name="B",
        birth_date=datetime.date(2000, 3, 14),
        target_group="other",
        cpr="1403004234",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT cpr_encrypted, cpr_hash FROM youths_youth")
        stored, hashed = cursor.fetchone()
    assert "1403004234" not in stored and "1403004234" not in hashed


@pytest.mark.parametrize(
    "field,value",
    [
        ("birth_date", "2099-01-01"),
        ("birth_date", "1950-01-01"),
        ("cpr", "123"),
        ("cpr", "3213001234"),
        ("cpr", "1503004234"),  # valid CPR, other birth date
        ("first_name", ""),
        ("first_name", "x" * 101),
        ("target_group", "nonsense"),
        ("priority", "9"),
        ("team", "999999"),
        ("referral_date", "2099-01-01"),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(client, alice, field, value):
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Youth.objects.exists()


def test_the_form_starts_with_the_registrars_team(client, alice):
    client.force_login(alice)
    assert client.get("/unge/ny/").context["form"]["team"].value() == alice.team_id


def test_a_team_of_another_organisation_is_refused(client, alice, charlie):
    from tests.factories import TeamFactory

    foreign = TeamFactory(organisation=charlie.organisation)
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, "team": foreign.pk})
    assert "team" in response.context["form"].errors


def test_same_cpr_is_reported_before_saving(client, alice):
    client.force_login(alice)
    client.post("/unge/ny/", VALID)
    response = client.post("/unge/ny/", {**VALID, "first_name": "Anden", "confirm_new": "1"})
    assert Youth.objects.count() == 1
    (match,) = response.context["duplicates"]
    assert match["visible"] and match["same_cpr"]


def test_a_duplicate_in_another_organisation_is_only_possibly_known_elsewhere(client, alice, charlie):
    existing = youth_create(
        by=charlie,
        first_name="Oliver",
        last_name="Jørgensen",
        birth_date=datetime.date(2000, 3, 14),
        target_group="other",
    )
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, "cpr": ""})
    html = response.content.decode()
    assert f"/unge/{existing.public_id}/" not in html
    assert str(charlie.organisation) not in html and "Oliver" not in html.split("<form")[0]
    assert "Muligvis kendt andetsteds – kontakt din KUI-koordinator." in html
    assert Youth.objects.count() == 1
    lookup = AuditEvent.objects.get(action=AuditAction.READ, purpose="duplicate check")
    assert lookup.actor == alice and lookup.subject_id == existing.public_id


def test_a_duplicate_in_another_team_names_the_team_and_offers_break_the_glass(client, alice, org_a):
    colleague = UserFactory(role="contact_person", organisation=org_a, team=TeamFactory(organisation=org_a, name="Syd"))
    existing = youth_create(
        by=colleague,
        first_name="Oliver",
        last_name="Jørgensen",
        birth_date=datetime.date(2000, 3, 14),
        target_group="other",
    )
    contact_person_assign(youth=existing, by=colleague, contact_person=colleague, started_on=existing.referral_date)
    client.force_login(alice)
    html = client.post("/unge/ny/", {**VALID, "cpr": ""}).content.decode()
    assert "Ungeindsatsen A" in html
    assert f"/unge/{existing.public_id}/adgang/" in html and f'href="/unge/{existing.public_id}/"' not in html


def test_the_duplicate_check_is_throttled(client, alice, settings):
    settings.KUI_DUPLICATE_CHECK_RATE_PER_HOUR = 2
    client.force_login(alice)
    for _ in range(2):
        assert client.post("/unge/ny/", {**VALID, "cpr": "", "first_name": "Ny"}).status_code in (200, 302)
    response = client.post("/unge/ny/", {**VALID, "cpr": "", "first_name": "Endnu"})
    assert response.status_code == 429
    assert "For mange registreringer" in response.content.decode()
    assert not Youth.objects.filter(first_name="Endnu").exists()


def test_same_name_and_birth_date_can_be_confirmed_as_another_person(client, alice):
    client.force_login(alice)
    client.post("/unge/ny/", {**VALID, "cpr": ""})
    client.post("/unge/ny/", {**VALID, "cpr": "", "confirm_new": "1"})
    assert Youth.objects.count() == 2


def test_edit_refuses_a_stale_version(client, alice):
    youth = youth_create(
        by=alice, first_name="A", last_name="B", birth_date=datetime.date(2000, 3, 14), target_group="other"
    )
    youth_update(youth=youth, by=alice, version=1, phone="11111111")
    client.force_login(alice)
    response = client.post(
        f"/unge/{youth.public_id}/rediger/", {**VALID, "cpr": "", "version": "1", "phone": "22 22 22 22"}
    )
    assert response.status_code == 200
    youth.refresh_from_db()
    assert youth.phone == "11111111"


def test_two_concurrent_updates_cannot_both_win(alice):
    youth = youth_create(
        by=alice, first_name="A", last_name="B", birth_date=datetime.date(2000, 3, 14), target_group="other"
    )
    first, second = Youth.objects.get(pk=youth.pk), Youth.objects.get(pk=youth.pk)
    youth_update(youth=first, by=alice, version=1, phone="1")
    with pytest.raises(StaleEdit):
        youth_update(youth=second, by=alice, version=1, phone="2")


def test_edit_keeps_the_stored_cpr_when_left_blank(client, alice):
    youth = youth_create(
        by=alice,
        first_name="Oliver",
        last_name="B",
        birth_date=datetime.date(2000, 3, 14),
        target_group="other",
        cpr="1403004234",
    )
    client.force_login(alice)
    page = client.get(f"/unge/{youth.public_id}/rediger/").content.decode()
    assert "1403004234" not in page and "140300-xxxx" in page
    client.post(f"/unge/{youth.public_id}/rediger/", {**VALID, "cpr": "", "version": "1", "phone": "99 99 99 99"})
    youth.refresh_from_db()
    assert (youth.cpr_encrypted, youth.phone, youth.version) == ("1403004234", "99 99 99 99", 2)


def test_cpr_never_appears_in_logs_or_urls(client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(alice)
    response = client.post("/unge/ny/", VALID, follow=True)
    youth = Youth.objects.get()
    lookup = client.post("/unge/cpr-opslag/", {"cpr": "1403004234"})
    assert lookup["Location"] == f"/unge/{youth.public_id}/"
    urls = [url for url, _ in response.redirect_chain] + [lookup["Location"]]
    assert not any("1403004234" in url or "140300" in url for url in urls)
    assert "1403004234" not in caplog.text and "140300-4234" not in caplog.text


def test_a_cpr_number_in_the_board_name_search_is_refused_with_a_pointer_to_the_lookup(client, alice):
    youth_in_caseload(alice, first_name="Oliver", birth_date=datetime.date(2000, 3, 14))
    client.force_login(alice)
    response = client.get("/unge/", {"q": "Oliver 140300-4234"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Slå et CPR-nummer op i “Find via CPR-nummer”" in html


@pytest.mark.parametrize("phone", ["abc", "2222", "20 30 40 50 60 70 80 90", "20304050; DROP"])
def test_a_phone_number_nobody_can_ring_is_refused_and_nothing_is_saved(client, alice, phone):
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, "phone": phone})
    assert response.status_code == 200
    assert "Skriv et telefonnummer med 8 cifre" in response.content.decode()
    assert not Youth.objects.exists()


def test_the_development_server_log_masks_cpr_numbers(settings):
    """A GET that carried one anyway (no JavaScript) is masked in the request line."""
    handler = logging.getLogger("django.server").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("django.server").info('"%s" %s %s', "GET /unge/?q=140300-4234 HTTP/1.1", 200, 512)
    finally:
        handler.setStream(previous)
    assert "140300-4234" not in stream.getvalue() and "/unge/?q=[CPR]" in stream.getvalue()


def test_the_gunicorn_access_log_leaves_out_query_strings_and_referrers():
    """%(r)s is the request line with its query, %(q)s the query, %(f)s the referrer."""
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert "%(U)s" in config["access_log_format"]
    assert not {"%(r)s", "%(q)s", "%(f)s"} & set(re.findall(r"%\(\w+\)s", config["access_log_format"]))


@pytest.mark.parametrize("status", ["waiting", "active"])
def test_cpr_never_shows_on_the_pages_that_show_the_youth(client, alice, status):
    youth = youth_in_caseload(alice, status=status, first_name="Oliver", birth_date=datetime.date(2000, 3, 14))
    youth = youth_update(youth=youth, by=alice, version=youth.version, cpr="1403004234")
    client.force_login(alice)
    pages = {
        "profile": f"/unge/{youth.public_id}/",
        "edit form": f"/unge/{youth.public_id}/rediger/",
        "board": "/unge/",
        "waiting list": "/unge/venteliste/",
    }
    for name, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "1403004234" not in html and "140300-4234" not in html, f"the CPR number shows on the {name}"
    profile = client.get(pages["profile"]).content.decode()
    assert "140300-xxxx" in profile  # the masked form is what the profile shows
    board = client.get(pages["board"] if status == "active" else pages["waiting list"]).content.decode()
    assert str(youth.public_id) in board  # the youth is listed there, so the check above read a real row


def test_cpr_lookup_of_an_unknown_or_foreign_youth_finds_nothing(client, alice, charlie):
    youth_create(
        by=charlie,
        first_name="A",
        last_name="B",
        birth_date=datetime.date(2000, 3, 14),
        target_group="other",
        cpr="1403004234",
    )
    client.force_login(alice)
    assert client.post("/unge/cpr-opslag/", {"cpr": "1403004234"})["Location"] == "/unge/"
    assert client.post("/unge/cpr-opslag/", {"cpr": "garbage"})["Location"] == "/unge/"


def test_a_typed_cpr_is_not_sent_back_when_the_form_is_shown_again(client, alice):
    client.force_login(alice)
    response = client.post("/unge/ny/", {**VALID, "first_name": ""})
    html = response.content.decode()
    assert response.context["form"].errors
    assert "1403004234" not in html and "140300-4234" not in html


def test_a_huge_timeline_page_number_is_no_error(client, alice):
    youth = youth_create(
        by=alice, first_name="A", last_name="B", birth_date=datetime.date(2000, 3, 14), target_group="other"
    )
    client.force_login(alice)
    assert client.get(f"/unge/{youth.public_id}/", {"page": "9" * 25}).status_code == 200
