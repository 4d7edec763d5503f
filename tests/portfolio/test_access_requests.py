"""What a youth may see and download (GDPR art. 15): the download and the
youth's pages release the youth's own facts, plan, contacts (when, how, who)
and certificates at once; staff-written free text only after a review of an
access request (indsigt); entries about another person never."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kui.audit.models import AuditAction, AuditEvent
from pathways.models import Task
from portfolio import services
from portfolio.export import relation_paths
from portfolio.models import AccessRequest, AccessRequestItem, AccessRequestStatus
from tests import clock
from tests.portfolio.test_youth_pages import YOUTH_PAGES
from youths import services as youth_services

NOTE = "Virker træt og trist"
CONTACT_NOTE = "Ringede om praktikken, aftalte møde med Per"
ABOUT_MOTHER = "Mor har drukket igen"
ABOUT_MOTHER_CONTACT = "Talte med mor om hjemmet"


@pytest.fixture
def case_file(alice, oliver, certificate):
    mother = youth_services.network_person_add(
        youth=oliver, by=alice, name="Hanne", relation="mor", ring=1, supportive=False
    )
    youth_services.note_write(youth=oliver, by=alice, theme="education", text=NOTE, written_on=clock.TODAY)
    youth_services.note_write(
        youth=oliver, by=alice, theme="family", text=ABOUT_MOTHER, written_on=clock.TODAY, concerns=mother
    )
    youth_services.contact_log(
        youth=oliver, by=alice, happened_at=timezone.now(), medium="home_visit", duration_minutes=45, note=CONTACT_NOTE
    )
    youth_services.contact_log(
        youth=oliver,
        by=alice,
        happened_at=timezone.now(),
        medium="phone",
        duration_minutes=10,
        note=ABOUT_MOTHER_CONTACT,
        concerns=mother,
    )
    return oliver


def download(client, youth) -> str:
    client.force_login(youth.user)
    response = client.get("/mig/mine-data/hent/")
    assert response.status_code == 200
    return json.dumps(json.loads(response.content), ensure_ascii=False)


def _ask(client, youth) -> AccessRequest:
    client.force_login(youth.user)
    assert client.post("/mig/mine-data/indsigt/").status_code == 302
    return AccessRequest.objects.get(youth=youth)


def _review_url(youth, access_request) -> str:
    return f"/unge/{youth.public_id}/portfolio/indsigt/{access_request.public_id}/"


def _decisions_for(client, reviewer, youth, access_request, **by_text) -> dict:
    """POST data for the review form: by_text maps the start of a text to (decision, text, reason)."""
    client.force_login(reviewer)
    form = client.get(_review_url(youth, access_request)).context["form"]
    data = {}
    for entry, _fields in form.rows():
        prefix = form.prefix_of[entry.key]
        decision, text, reason = next(
            (value for start, value in by_text.items() if entry.text.startswith(start)), ("release", "", "")
        )
        data |= {f"{prefix}-decision": decision, f"{prefix}-text": text or entry.text, f"{prefix}-reason": reason}
    return data


def test_the_download_releases_facts_plan_contacts_and_certificates_but_no_free_text(client, case_file, certificate):
    text = download(client, case_file)
    for fact in ("Jørgensen", "Hjemmebesøg", "45", certificate.verification_code, "Praktik på lager – pluk og pak"):
        assert fact in text, fact
    for secret in (NOTE, CONTACT_NOTE, ABOUT_MOTHER, ABOUT_MOTHER_CONTACT):
        assert secret not in text, secret
    assert "vises efter gennemgang" in text
    assert json.loads(text)["tilbageholdt"]["antal"] == 2


def test_the_youths_pages_show_no_free_text_and_nothing_about_another_person(client, case_file):
    client.force_login(case_file.user)
    for url in YOUTH_PAGES:
        html = client.get(url).content.decode()
        for secret in (NOTE, CONTACT_NOTE, ABOUT_MOTHER, ABOUT_MOTHER_CONTACT):
            assert secret not in html, (url, secret)


def test_asking_sets_a_one_month_deadline_and_is_audited(client, case_file):
    access_request = _ask(client, case_file)
    assert access_request.due_on == datetime.date(2026, 12, 23) and access_request.status == AccessRequestStatus.OPEN
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, subject_id=case_file.public_id, purpose__contains="GDPR"
    ).exists()
    page = client.get("/mig/mine-data/").content.decode()
    assert "23. december 2026" in page


def test_asking_twice_while_open_is_refused_in_danish(client, case_file):
    _ask(client, case_file)
    response = client.post("/mig/mine-data/indsigt/", follow=True)
    assert "allerede spurgt" in response.content.decode()
    assert AccessRequest.objects.count() == 1


def test_the_review_lists_third_party_entries_apart(client, alice, case_file):
    access_request = _ask(client, case_file)
    client.force_login(alice)
    response = client.get(_review_url(case_file, access_request))
    own = [entry.text for entry, _fields in response.context["form"].rows()]
    assert NOTE in own and CONTACT_NOTE in own and ABOUT_MOTHER not in own
    assert sorted(entry.text for entry in response.context["others"]) == sorted([ABOUT_MOTHER, ABOUT_MOTHER_CONTACT])
    assert AuditEvent.objects.filter(actor=alice, purpose="access request review").exists()


def test_released_and_redacted_texts_reach_the_download_and_others_never(client, alice, case_file):
    access_request = _ask(client, case_file)
    data = _decisions_for(
        client,
        alice,
        case_file,
        access_request,
        **{CONTACT_NOTE: ("redact", "Ringede om praktikken", "Navnet på en anden person er udeladt")},
    )
    response = client.post(_review_url(case_file, access_request), data)
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.RELEASED and access_request.released_by == alice
    text = download(client, case_file)
    assert NOTE in text and "Ringede om praktikken" in text and "Navnet på en anden person er udeladt" in text
    assert "møde med Per" not in text
    assert ABOUT_MOTHER not in text and ABOUT_MOTHER_CONTACT not in text
    assert AuditEvent.objects.filter(
        actor=alice, action=AuditAction.UPDATE, subject_id=case_file.public_id, purpose__contains="GDPR"
    ).exists()


def test_a_withheld_text_shows_the_reason_not_the_words(client, alice, case_file):
    access_request = _ask(client, case_file)
    data = _decisions_for(
        client, alice, case_file, access_request, **{NOTE: ("withhold", "", "Vurdering under udarbejdelse")}
    )
    assert client.post(_review_url(case_file, access_request), data).status_code == 302
    text = download(client, case_file)
    assert NOTE not in text and "Tilbageholdt: Vurdering under udarbejdelse" in text


@pytest.mark.parametrize(
    "decision",
    [
        ("redact", "Virker træt", ""),  # no reason
        ("withhold", "", ""),  # no reason
        ("redact", NOTE, "Udeladt"),  # nothing left out
        ("redact", "", "Udeladt"),  # nothing left
        ("", "", ""),  # no decision
        ("publish", "", ""),  # not a choice
    ],
)
def test_a_bad_review_gets_a_danish_error_and_releases_nothing(client, alice, case_file, decision):
    access_request = _ask(client, case_file)
    data = _decisions_for(client, alice, case_file, access_request, **{NOTE: decision})
    response = client.post(_review_url(case_file, access_request), data)
    assert response.status_code == 200
    errors = " ".join(str(message) for messages in response.context["form"].errors.values() for message in messages)
    assert any(word in errors for word in ("Sig hvorfor", "Intet blev udeladt", "Skriv teksten", "Vælg", "gyldig"))
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.OPEN and not AccessRequestItem.objects.exists()
    assert NOTE not in download(client, case_file)


@pytest.mark.parametrize("persona", ["bob", "charlie", "steering", "youth_user"])
def test_only_the_youths_own_contact_person_or_team_lead_reviews(client, alice, case_file, request, persona):
    access_request = _ask(client, case_file)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_review_url(case_file, access_request)).status_code == 404
    assert client.post(_review_url(case_file, access_request), {}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.access_request_release(request=access_request, by=request.getfixturevalue(persona), decisions={})


def test_the_team_lead_may_review(client, lead, case_file):
    access_request = _ask(client, case_file)
    client.force_login(lead)
    assert client.get(_review_url(case_file, access_request)).status_code == 200


def test_staff_cannot_ask_on_the_youths_behalf(alice, case_file):
    with pytest.raises(PermissionDenied):
        services.access_request_create(youth=case_file, by=alice)


def test_the_profile_shows_the_deadline_and_when_it_has_passed(client, alice, case_file):
    access_request = _ask(client, case_file)
    client.force_login(alice)
    html = client.get(f"/unge/{case_file.public_id}/").content.decode()
    assert "Frist: 23.12.2026" in html and "Fristen er overskredet" not in html
    AccessRequest.objects.filter(pk=access_request.pk).update(due_on=clock.TODAY - datetime.timedelta(days=1))
    html = client.get(f"/unge/{case_file.public_id}/").content.decode()
    assert "Fristen er overskredet" in html
    assert AccessRequest.objects.overdue(clock.TODAY).count() == 1


def test_a_released_request_cannot_be_released_again(client, alice, case_file):
    access_request = _ask(client, case_file)
    data = _decisions_for(client, alice, case_file, access_request)
    client.post(_review_url(case_file, access_request), data)
    access_request.refresh_from_db()
    with pytest.raises(ValidationError):
        services.access_request_release(request=access_request, by=alice, decisions={})


def test_the_invitation_page_says_truthfully_what_the_youth_will_see(client, alice, oliver):
    oliver.email = "oliver@example.dk"
    oliver.save()
    client.force_login(alice)
    html = client.get(f"/unge/{oliver.public_id}/portfolio/invitation/").content.decode()
    assert "hent" in html.lower() and "ikke hvad der blev skrevet" in html
    assert "aldrig" in html and "inden for en måned" in html


def test_the_review_page_reads_a_bounded_number_of_queries(client, alice, case_file, django_assert_max_num_queries):
    access_request = _ask(client, case_file)
    client.force_login(alice)
    # One query per kind of row about the youth (a new model adds one), plus a fixed overhead.
    kinds = len({model for model, _lookup in relation_paths()})
    with django_assert_max_num_queries(kinds + 13):
        assert client.get(_review_url(case_file, access_request)).status_code == 200


def _post_review(client, reviewer, youth, access_request, **by_text):
    data = _decisions_for(client, reviewer, youth, access_request, **by_text)
    return client.post(_review_url(youth, access_request), data)


@pytest.mark.parametrize(
    "released",
    [
        "Helt ny tekst som ikke stod der før",  # all new words
        "Ringede om praktikken, aftalte møde med Hans",  # one word changed
        "Ringede om praktikken og aftalte møde",  # one word added
        "Ringede om aftalte praktikken",  # words moved
        "Ringede om praktik",  # letters cut out of a word
    ],
)
def test_a_redaction_may_only_leave_out_never_add_or_change(client, alice, case_file, released):
    access_request = _ask(client, case_file)
    response = _post_review(client, alice, case_file, access_request, **{CONTACT_NOTE: ("redact", released, "Udeladt")})
    assert response.status_code == 200
    form = response.context["form"]
    field = f"{form.prefix_of[next(e.key for e in form.entries if e.text == CONTACT_NOTE)]}-text"
    assert "må kun udelade dele" in " ".join(form.errors[field])
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.OPEN and not AccessRequestItem.objects.exists()
    assert released not in download(client, case_file)


def test_a_redaction_may_cut_anywhere_whatever_the_whitespace(client, alice, case_file):
    access_request = _ask(client, case_file)
    released = "Ringede om  praktikken,\n  møde med"  # "aftalte" and "Per" cut, spaces left over
    response = _post_review(client, alice, case_file, access_request, **{CONTACT_NOTE: ("redact", released, "Udeladt")})
    assert response.status_code == 302


def test_the_service_itself_refuses_added_words(alice, case_file):
    access_request = services.access_request_create(youth=case_file, by=case_file.user)
    own, _others = services.free_texts(case_file)
    decisions = {entry.key: {"decision": "release"} for entry in own}
    key = next(entry.key for entry in own if entry.text == CONTACT_NOTE)
    decisions[key] = {"decision": "redact", "text": "Ringede om praktikken i går", "reason": "Udeladt"}
    with pytest.raises(ValidationError) as error:
        services.access_request_release(request=access_request, by=alice, decisions=decisions)
    assert f"{key}|text" in error.value.message_dict
    assert not AccessRequestItem.objects.exists()


def test_releasing_everything_as_written_is_one_click(client, alice, case_file):
    access_request = _ask(client, case_file)
    client.force_login(alice)
    page = client.get(_review_url(case_file, access_request)).content.decode()
    assert "Udlever alt som skrevet" in page
    response = client.post(_review_url(case_file, access_request), {"release_all": "1"})
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.RELEASED
    assert set(AccessRequestItem.objects.values_list("decision", flat=True)) == {"release"}
    text = download(client, case_file)
    assert NOTE in text and CONTACT_NOTE in text and ABOUT_MOTHER not in text


def test_the_review_shows_when_and_by_whom_each_text_was_written(client, alice, case_file):
    alice.first_name, alice.last_name = "Alice", "Andersen"
    alice.save()
    access_request = _ask(client, case_file)
    client.force_login(alice)
    response = client.get(_review_url(case_file, access_request))
    rows = {entry.text: entry for entry, _fields in response.context["form"].rows()}
    assert rows[NOTE].written_at == clock.TODAY and rows[NOTE].written_by == alice
    assert rows[CONTACT_NOTE].written_by == alice
    html = response.content.decode()
    assert "Alice Andersen" in html and clock.TODAY.strftime("%d.%m.%Y") in html


def test_asking_gives_the_contact_person_a_task_due_on_the_deadline(client, alice, case_file, mailoutbox):
    access_request = _ask(client, case_file)
    (task,) = Task.objects.filter(youth=case_file)
    assert task.owner == alice and task.due_on == access_request.due_on and task.done_at is None
    assert "indsigt" in task.title and case_file.first_name not in task.title
    client.force_login(alice)
    assert "Besvar anmodningen om indsigt" in client.get("/forloeb/opgaver/").content.decode()
    assert all(NOTE not in mail.body and "indsigt" not in mail.subject for mail in mailoutbox)
    client.post(_review_url(case_file, access_request), {"release_all": "1"})
    task.refresh_from_db()
    assert task.done_at is not None


def test_a_get_on_the_ask_address_goes_back_to_my_data_and_asks_nothing(client, case_file):
    client.force_login(case_file.user)
    response = client.get("/mig/mine-data/indsigt/")
    assert response.status_code == 302 and response["Location"] == "/mig/mine-data/"
    assert not AccessRequest.objects.exists()
