"""Digests that don't nag: one e-mail when something changed, none when
nothing did, and nothing sensitive in them."""

from smtplib import SMTPException

import pytest

from kui.accounts.models import Role
from pathways import reminders, tasks
from pathways.models import Flag, FlagKind, ReminderLog
from tests.factories import UserFactory
from tests.youths.factories import youth_in_caseload
from youths.models import LogbookNote


def _flag(youth, kind=FlagKind.NO_CONTACT, cause="") -> Flag:
    return Flag.objects.create(youth=youth, kind=kind, cause=cause)


@pytest.fixture
def youth(alice):
    youth = youth_in_caseload(alice, first_name="Sofie", last_name="Østergaard", cpr_encrypted="0505051234")
    LogbookNote.objects.create(youth=youth, theme="substance_use", text="Ryger hash dagligt", written_by=alice)
    return youth


def test_the_first_run_sends_one_digest_and_the_second_none(alice, youth, mailoutbox):
    _flag(youth)
    assert reminders.send_daily_digests() == 1
    assert reminders.send_daily_digests() == 0
    assert [mail.to for mail in mailoutbox] == [[alice.email]]


def test_a_new_flag_sends_again(alice, youth, mailoutbox):
    _flag(youth)
    reminders.send_daily_digests()
    _flag(youth, FlagKind.NO_NEXT_STEP)
    assert reminders.send_daily_digests() == 1
    assert len(mailoutbox) == 2


def test_nobody_without_open_flags_gets_mail(alice, youth, mailoutbox):
    _flag(youth).delete()
    Flag.objects.create(youth=youth, kind=FlagKind.NO_CONTACT, resolved_at="2026-01-01T10:00Z")
    assert reminders.send_daily_digests() == 0
    assert mailoutbox == []


def test_flags_go_to_the_youths_own_contact_person(alice, bob, mailoutbox):
    _flag(youth_in_caseload(bob))
    reminders.send_daily_digests()
    assert [mail.to for mail in mailoutbox] == [[bob.email]]


def test_the_digest_names_the_youth_by_first_name_and_initial_only(alice, youth, mailoutbox, settings):
    settings.KUI_BASE_URL = "https://kui.example.dk"
    _flag(youth)
    reminders.send_daily_digests()
    body = mailoutbox[0].body
    assert "Sofie Ø." in body and "Østergaard" not in body
    assert f"https://kui.example.dk/unge/{youth.public_id}/" in body


def test_the_digest_carries_no_cpr_no_notes_and_no_themes(alice, youth, mailoutbox):
    _flag(youth)
    reminders.send_daily_digests()
    body = mailoutbox[0].body + mailoutbox[0].subject
    assert "0505051234" not in body and "050505" not in body
    assert "hash" not in body.lower() and "substance" not in body.lower()


def test_a_refused_mail_is_tried_again_at_the_next_run(alice, youth, mailoutbox, monkeypatch):
    _flag(youth)

    def refuse(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    assert reminders.send_daily_digests() == 0
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    assert reminders.send_daily_digests() == 1


def test_the_fingerprint_does_not_depend_on_order():
    assert reminders.fingerprint([3, 1, 2]) == reminders.fingerprint([1, 2, 3]) != reminders.fingerprint([1, 2])


def test_the_weekly_digest_gives_a_team_lead_counts_per_contact_person(lead, alice, bob, youth, mailoutbox):
    _flag(youth)
    _flag(youth, FlagKind.NO_NEXT_STEP)
    _flag(youth_in_caseload(bob, first_name="Mads"))
    assert reminders.send_weekly_digests() == 1
    body = mailoutbox[0].body
    assert mailoutbox[0].to == [lead.email]
    assert f"{alice}: 2" in body and f"{bob}: 1" in body
    assert "Sofie" not in body and "Mads" not in body


def test_the_weekly_digest_is_not_repeated_unchanged(lead, youth, mailoutbox):
    _flag(youth)
    reminders.send_weekly_digests()
    assert reminders.send_weekly_digests() == 0
    assert len(mailoutbox) == 1


def test_a_lead_of_another_organisation_gets_no_weekly_digest(charlie, youth, mailoutbox, org_b):
    UserFactory(role=Role.TEAM_LEAD, organisation=org_b)
    _flag(youth)
    assert reminders.send_weekly_digests() == 0


def test_the_celery_tasks_send_the_digests(lead, youth, mailoutbox):
    _flag(youth)
    assert tasks.send_daily_digests.apply().get() == 1
    assert tasks.send_weekly_digests.apply().get() == 1
    assert len(mailoutbox) == 2
