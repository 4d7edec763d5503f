"""The review reminder: one e-mail to the owner per agreement and review
date, some weeks before the date; no nagging."""

from smtplib import SMTPException

import pytest
from django.conf import settings
from django.core import mail

from partners import reminders, services, tasks
from partners.models import PartnershipAgreement
from tests.partners.factories import DAY, TODAY


@pytest.fixture
def agreement(lead, org_a, warehouse):
    lead.email = "lars@kommune.dk"
    lead.save()
    return services.agreement_create(
        by=lead,
        parties=[org_a, warehouse],
        title="Praktikaftale",
        purpose="x",
        owner=lead,
        status="active",
        signed_on=TODAY - 300 * DAY,
        review_on=TODAY + 20 * DAY,
    )


def test_the_owner_is_reminded_before_the_review_date(agreement):
    assert reminders.send_agreement_review_reminders() == 1
    (message,) = mail.outbox
    assert message.to == ["lars@kommune.dk"] and "Praktikaftale" in message.subject
    assert f"/partnere/aftaler/{agreement.public_id}/" in message.body


def test_the_reminder_is_sent_once_per_review_date(agreement):
    reminders.send_agreement_review_reminders()
    assert reminders.send_agreement_review_reminders(TODAY + DAY) == 0
    assert len(mail.outbox) == 1


def test_a_new_review_date_gets_a_new_reminder(agreement):
    reminders.send_agreement_review_reminders()
    PartnershipAgreement.objects.filter(pk=agreement.pk).update(review_on=TODAY + 25 * DAY)
    assert reminders.send_agreement_review_reminders() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"review_on": TODAY + 60 * DAY},
        {"review_on": TODAY - DAY},
        {"status": "ended"},
        {"status": "draft"},
    ],
)
def test_no_reminder_when_not_due(agreement, changes):
    PartnershipAgreement.objects.filter(pk=agreement.pk).update(**changes)
    assert reminders.send_agreement_review_reminders() == 0
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_next_time(agreement, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMTPException("down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    assert reminders.send_agreement_review_reminders() == 0
    monkeypatch.undo()
    assert reminders.send_agreement_review_reminders() == 1


def test_the_task_sends_and_the_beat_runs_it_daily(agreement):
    assert tasks.send_agreement_review_reminders.apply().get() == 1
    entry = settings.CELERY_BEAT_SCHEDULE["partners-agreement-review-reminders"]
    assert entry["task"] == "partners.send_agreement_review_reminders"
