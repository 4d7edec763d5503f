"""Reminders to the youth: opt-in on /mig/, SMS through the gateway (a fake
HTTP server the tests start), e-mail, the calendar feed, STOP by SMS, and a
job that sends each reminder once and never anything sensitive."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kui.accounts.models import OrganisationKind
from kui.audit.models import AuditAction, AuditEvent
from kui.lib import sms
from pathways.models import StepType
from portfolio import reminders
from portfolio.models import ReminderSent, ReminderSettings
from tests.clock import TODAY
from tests.factories import OrganisationFactory
from tests.pathways.factories import pathway_for, step_in
from tests.portfolio.sms_gateway import FakeGateway
from youths.models import LogbookNote

TOMORROW = TODAY + datetime.timedelta(days=1)
CPR = "0505054234"
SENSITIVE = ["Misbrugsbehandling", "Rusmiddelcentret", "psykolog", "hash", "Praktik", CPR, "050505-4234"]


@pytest.fixture
def gateway(settings):
    settings.KUI_SMS_BACKEND = "kui.lib.sms.HttpBackend"
    settings.KUI_SMS_API_TOKEN = "test-token"
    settings.KUI_SMS_SENDER = "Ungeindsats"
    with FakeGateway() as server:
        settings.KUI_SMS_API_URL = server.url
        yield server


@pytest.fixture
def plan(oliver, alice):
    """Oliver's plan, with sensitive words wherever a careless message could pick them up."""
    oliver.cpr_encrypted, oliver.email = CPR, "oliver@example.dk"
    oliver.save()
    centre = OrganisationFactory(name="Rusmiddelcentret", kind=OrganisationKind.COMPANY)
    pathway = pathway_for(oliver)
    treatment = step_in(
        pathway, TOMORROW, step_type=StepType.TREATMENT, title="Misbrugsbehandling (hash)", partner=centre
    )
    talk = step_in(
        pathway, TODAY + datetime.timedelta(days=3), step_type=StepType.CONVERSATION, title="Samtale om psykolog"
    )
    later = step_in(pathway, TODAY + datetime.timedelta(days=10), title="Praktik på lager")
    LogbookNote.objects.create(youth=oliver, theme="substance_use", text="Ryger hash dagligt", written_by=alice)
    return {"treatment": treatment, "talk": talk, "later": later}


def opt_in(youth, **choices):
    fields = {"by_sms": True, "sms_number": "+45 22 34 56 78", "by_email": False, "days_before": 1, **choices}
    return reminders.reminder_settings_update(youth=youth, by=youth.user, **fields)


def assert_clean(text):
    for word in SENSITIVE:
        assert word.lower() not in text.lower(), word


# --- The gateway -----------------------------------------------------------------


def test_the_http_backend_posts_to_the_gateway(gateway):
    gateway_id = sms.send_sms(to="22 34 56 78", text="Hej", reference="r1")
    (request,) = gateway.requests
    assert request["path"] == "/rest/mtsms" and request["headers"]["Authorization"] == "Token test-token"
    assert request["json"] == {
        "sender": "Ungeindsats",
        "message": "Hej",
        "recipients": [{"msisdn": 4522345678}],
        "userref": "r1",
    }
    assert gateway_id == "1001"


def test_a_refusing_gateway_raises(gateway):
    gateway.status = 500
    with pytest.raises(sms.SmsError):
        sms.send_sms(to="22345678", text="Hej")


@pytest.mark.parametrize(
    "raw,number",
    [
        ("+45 22 34 56 78", "+4522345678"),
        ("0045-22345678", "+4522345678"),
        ("1234567", None),
        ("00000000", None),
        ("+46 22345678", None),
    ],
)
def test_danish_numbers_are_normalised(raw, number):
    assert sms.normalise_number(raw) == number


# --- The job ---------------------------------------------------------------------


def test_the_day_before_the_youth_gets_an_sms_without_anything_sensitive(gateway, oliver, plan):
    opt_in(oliver)
    assert reminders.reminders_send(today=TODAY) == {"sent": 1, "failed": 0}
    (text,) = gateway.messages
    assert text.startswith("Hej Oliver. En påmindelse: i morgen, tirsdag 24. november har du: Næste skridt.")
    assert_clean(text)
    assert gateway.requests[0]["json"]["recipients"] == [{"msisdn": 4522345678}]
    sent = ReminderSent.objects.get()
    assert (sent.step, sent.channel, sent.gateway_id) == (plan["treatment"], "sms", "1001")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, purpose="reminder sms")
    assert event.subject_id == oliver.public_id


def test_a_reminder_is_sent_once(gateway, oliver, plan):
    opt_in(oliver, by_email=True)
    reminders.reminders_send(today=TODAY)
    assert reminders.reminders_send(today=TODAY) == {"sent": 0, "failed": 0}
    assert len(gateway.requests) == 1 and len(mail.outbox) == 1


def test_the_e_mail_is_as_neutral(oliver, plan):
    opt_in(oliver, by_sms=False, by_email=True)
    reminders.reminders_send(today=TODAY)
    (message,) = mail.outbox
    assert message.to == ["oliver@example.dk"] and message.subject == "Påmindelse: Næste skridt"
    assert_clean(message.subject + message.body)


def test_days_before_is_the_youths_choice_and_a_conversation_is_an_appointment(gateway, oliver, plan):
    opt_in(oliver, days_before=3)
    reminders.reminders_send(today=TODAY)
    (text,) = gateway.messages
    assert "torsdag 26. november har du: Aftale med din kontaktperson." in text
    assert_clean(text)


def test_a_failed_sms_is_tried_again_at_the_next_run(gateway, oliver, plan):
    opt_in(oliver)
    gateway.status = 500
    assert reminders.reminders_send(today=TODAY) == {"sent": 0, "failed": 1}
    assert not ReminderSent.objects.exists()
    gateway.status = 200
    assert reminders.reminders_send(today=TODAY) == {"sent": 1, "failed": 0}


def test_nobody_who_has_not_opted_in_gets_anything(gateway, oliver, plan):
    reminders.reminders_send(today=TODAY)
    assert gateway.requests == [] and mail.outbox == []


def test_a_moved_step_is_reminded_again_for_its_new_date(gateway, oliver, plan):
    opt_in(oliver)
    reminders.reminders_send(today=TODAY)
    plan["treatment"].starts_on = TOMORROW + datetime.timedelta(days=1)
    plan["treatment"].save()
    reminders.reminders_send(today=TOMORROW)
    assert len(gateway.requests) == 2


# --- Opting in and out on /mig/ --------------------------------------------------


def test_the_youth_opts_in_on_mig(client, oliver):
    client.force_login(oliver.user)
    assert "Vælg påmindelser" in client.get("/mig/").content.decode()
    response = client.post(
        reverse("portfolio:my_reminders"), {"by_sms": "on", "sms_number": "22 34 56 78", "days_before": "2"}
    )
    assert response.status_code == 302
    choice = ReminderSettings.objects.get(youth=oliver)
    assert (choice.by_sms, choice.sms_number, choice.days_before) == (True, "+4522345678", 2)
    client.post(reverse("portfolio:my_reminders"), {"sms_number": "22 34 56 78", "days_before": "2"})
    choice.refresh_from_db()
    assert choice.by_sms is False


@pytest.mark.parametrize(
    "data,field,message",
    [
        (
            {"by_sms": "on", "sms_number": "1234", "days_before": "1"},
            "sms_number",
            "Skriv et dansk mobilnummer med otte cifre.",
        ),
        ({"by_sms": "on", "sms_number": "", "days_before": "1"}, "sms_number", "Skriv dit mobilnummer."),
        (
            {"by_email": "on", "days_before": "1"},
            "by_email",
            "Vi har ingen e-mailadresse på dig. Bed din kontaktperson om at tilføje den.",
        ),
        (
            {"by_sms": "on", "sms_number": "22345678", "days_before": "30"},
            "days_before",
            "Marker en gyldig valgmulighed.",
        ),
    ],
)
def test_bad_input_gets_a_danish_error_and_saves_nothing(client, oliver, data, field, message):
    client.force_login(oliver.user)
    response = client.post(reverse("portfolio:my_reminders"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(error.startswith(message) for error in errors), errors
    assert not ReminderSettings.objects.exists()


def test_staff_cannot_open_the_youths_reminders(client, alice, oliver):
    client.force_login(alice)
    assert client.get(reverse("portfolio:my_reminders")).status_code == 404
    with pytest.raises(PermissionDenied):  # only the youth chooses
        reminders.reminder_settings_update(
            youth=oliver, by=alice, by_sms=True, sms_number="22345678", by_email=False, days_before=1
        )
    assert not ReminderSettings.objects.exists()


# --- STOP by SMS -----------------------------------------------------------------


def post_answer(client, settings, body, secret="delt-hemmelighed"):
    settings.KUI_SMS_INBOUND_SECRET = "delt-hemmelighed"
    return client.post(
        reverse("portfolio:sms_answer"), body, content_type="application/json", headers={"X-Kui-Sms-Secret": secret}
    )


def test_answering_stop_turns_sms_off(client, settings, gateway, oliver, plan):
    opt_in(oliver)
    assert post_answer(client, settings, {"msisdn": 4522345678, "message": "Stop"}).status_code == 204
    choice = ReminderSettings.objects.get()
    assert choice.by_sms is False and choice.sms_stopped_at is not None
    assert AuditEvent.objects.filter(purpose="SMS STOP", subject_id=oliver.public_id).exists()
    reminders.reminders_send(today=TODAY)
    assert gateway.requests == []


def test_a_wrong_secret_is_refused_and_changes_nothing(client, settings, oliver):
    opt_in(oliver)
    assert post_answer(client, settings, {"msisdn": 4522345678, "message": "STOP"}, secret="gæt").status_code == 403
    settings.KUI_SMS_INBOUND_SECRET = ""  # not configured: nothing is accepted
    response = client.post(
        reverse("portfolio:sms_answer"),
        {"msisdn": 4522345678, "message": "STOP"},
        content_type="application/json",
        headers={"X-Kui-Sms-Secret": ""},
    )
    assert response.status_code == 403
    assert ReminderSettings.objects.get().by_sms is True


def test_another_answer_is_ignored(client, settings, oliver):
    opt_in(oliver)
    assert post_answer(client, settings, {"msisdn": 4522345678, "message": "Tak for påmindelsen"}).status_code == 204
    assert post_answer(client, settings, "ikke json").status_code == 204
    assert ReminderSettings.objects.get().by_sms is True


# --- The calendar feed -----------------------------------------------------------


def feed(client, youth):
    token = ReminderSettings.objects.get(youth=youth).calendar_token
    return client.get(reverse("portfolio:calendar_feed", args=[token])), token


def test_the_calendar_feed_has_neutral_titles_only(client, oliver, plan):
    client.force_login(oliver.user)
    client.post(reverse("portfolio:my_calendar"), {"action": "renew"})
    client.logout()
    response, token = feed(client, oliver)
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 3 and "SUMMARY:Aftale med din kontaktperson" in body
    assert f"DTSTART;VALUE=DATE:{TOMORROW:%Y%m%d}" in body and "\r\n" in body
    assert_clean(body)
    assert len(token) >= 40
    assert AuditEvent.objects.filter(purpose="calendar feed", subject_id=oliver.public_id).exists()


def test_a_new_address_revokes_the_old_and_stop_revokes_all(client, oliver, plan):
    client.force_login(oliver.user)
    client.post(reverse("portfolio:my_calendar"), {"action": "renew"})
    _response, old = feed(client, oliver)
    client.post(reverse("portfolio:my_calendar"), {"action": "renew"})
    assert client.get(reverse("portfolio:calendar_feed", args=[old])).status_code == 404
    response, new = feed(client, oliver)
    assert response.status_code == 200 and new != old
    client.post(reverse("portfolio:my_calendar"), {"action": "stop"})
    assert client.get(reverse("portfolio:calendar_feed", args=[new])).status_code == 404


def test_an_unknown_address_is_404(client, db):
    assert client.get(reverse("portfolio:calendar_feed", args=["gættet"])).status_code == 404


def test_the_job_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["portfolio-youth-reminders"]
    assert entry["task"] == "portfolio.send_youth_reminders" and entry["schedule"].hour == {16}


def test_retention_removes_the_reminder_choices_with_the_contact_details(gateway, oliver, plan):
    from youths import retention

    opt_in(oliver)
    reminders.calendar_feed_renew(youth=oliver, by=oliver.user)
    reminders.reminders_send(today=TODAY)
    retention._trim([oliver], TODAY)
    assert not ReminderSettings.objects.exists() and not ReminderSent.objects.exists()


def test_without_a_gateway_token_sms_cannot_be_chosen(client, settings, oliver):
    settings.KUI_SMS_BACKEND, settings.KUI_SMS_API_TOKEN = "kui.lib.sms.HttpBackend", ""
    client.force_login(oliver.user)
    response = client.post(
        reverse("portfolio:my_reminders"), {"by_sms": "on", "sms_number": "22345678", "days_before": "1"}
    )
    assert response.context["form"].errors["by_sms"] == [
        "Påmindelser på SMS er ikke mulige endnu. Vælg e-mail eller kalenderen."
    ]
    assert not ReminderSettings.objects.exists()


def test_the_reminders_page_reads_a_fixed_number_of_queries(client, oliver, plan, django_assert_max_num_queries):
    opt_in(oliver)
    reminders.calendar_feed_renew(youth=oliver, by=oliver.user)
    client.force_login(oliver.user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portfolio:my_reminders")).status_code == 200
    token = ReminderSettings.objects.get().calendar_token
    client.logout()  # a calendar app has no session
    with django_assert_max_num_queries(8):  # the token, the steps and the audit event (its chain lock and head)
        assert client.get(reverse("portfolio:calendar_feed", args=[token])).status_code == 200


def test_long_calendar_lines_are_folded(settings, oliver, plan):
    settings.KUI_BASE_URL = "https://ungeindsatsen.meget-lang-kommune-med-et-langt-navn.dk"
    body = reminders.calendar_ics(youth=oliver, today=TODAY)
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert (
        "DESCRIPTION:Se din plan på https://ungeindsatsen.meget-lang-kommune-med-et-langt-navn.dk/mig/plan/" in unfolded
    )
