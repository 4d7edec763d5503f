"""Referral deadlines: the partner answers within a number of working days
(5 by default); past it the referral shows as overdue on the partner's and
the case file's pages and the contact person is told once (a task and an
e-mail without the youth's name)."""

import datetime

import pytest
from django.core import mail

from kui.celery_app import app
from partners import deadlines, services
from partners.models import Referral
from pathways.models import Task
from tests.partners.factories import DAY, TODAY, consent_for, offer_at
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload
from youths.models import EffortLimits


@pytest.fixture
def youth(alice, warehouse):
    youth = youth_in_caseload(alice, first_name="Oliver", last_name="Jørgensen")
    pathway_for(youth)
    consent_for(youth, warehouse, by=alice)
    return youth


@pytest.fixture
def referral(alice, youth, warehouse):
    return services.referral_create(youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY + 7 * DAY)


def test_the_partner_has_five_working_days(referral):
    assert referral.answer_by == datetime.date(2026, 11, 30)  # Monday 23 November + 5 working days
    assert not referral.is_overdue


def test_the_working_days_are_configurable(alice, youth, warehouse):
    EffortLimits.objects.create(pk=1, referral_answer_working_days=2)
    referral = services.referral_create(youth=youth, offer=offer_at(warehouse), by=alice, wished_start=TODAY + 7 * DAY)
    assert referral.answer_by == datetime.date(2026, 11, 25)


def test_past_the_deadline_the_referral_is_overdue_and_the_referrer_is_told_once(referral, alice):
    day_after = datetime.date(2026, 12, 1)
    assert deadlines.overdue_referrals_tell(datetime.date(2026, 11, 30)) == 0  # the last day: not yet
    assert deadlines.overdue_referrals_tell(day_after) == 1
    assert deadlines.overdue_referrals_tell(day_after) == 0
    assert list(Referral.objects.overdue(day_after)) == [referral]
    task = Task.objects.get(youth=referral.youth)
    assert task.owner == alice and task.due_on == day_after
    assert (
        task.title
        == "Lagerhuset Nord har ikke svaret på henvisningen til Praktik på lager – pluk og pak (svarfrist 30.11.2026)"
    )


def test_the_email_names_no_youth(referral, alice, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deadlines.overdue_referrals_tell(datetime.date(2026, 12, 1))
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert "har ikke svaret" in message.subject and "30.11.2026" in message.body
    assert "Oliver" not in message.body + message.subject and "Jørgensen" not in message.body


def test_an_answered_referral_is_never_overdue(referral, mentor):
    services.referral_decline(referral=referral, by=mentor, reason="Ingen mentor ledig")
    assert deadlines.overdue_referrals_tell(TODAY + 30 * DAY) == 0
    assert not Referral.objects.overdue(TODAY + 30 * DAY).exists()


def test_the_pages_show_the_deadline_and_the_overdue_referral(client, alice, mentor, referral, time_machine):
    client.force_login(alice)
    profile = client.get(f"/unge/{referral.youth.public_id}/").content.decode()
    assert "svar senest 30.11.2026" in profile
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    client.force_login(alice)  # a new day, a new session
    profile = client.get(f"/unge/{referral.youth.public_id}/").content.decode()
    assert "Overskredet: svarfristen var 30.11.2026" in profile
    client.force_login(mentor)
    portal = client.get("/partnere/min-side/").content.decode()
    answer = client.get(f"/partnere/henvisninger/{referral.public_id}/").content.decode()
    assert "Overskredet: svarfristen var 30.11.2026" in portal and "Overskredet" in answer


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tells_of_the_overdue_referrals(referral, redis_url, settings, time_machine):
    from celery.contrib.testing.worker import start_worker

    import partners.tasks  # noqa: F401  (registered before the worker starts)

    Referral.objects.filter(pk=referral.pk).update(answer_by=TODAY - DAY)
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    app.close()
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            first = app.send_task("partners.tell_overdue_referrals").get(timeout=30)
            again = app.send_task("partners.tell_overdue_referrals").get(timeout=30)
    finally:
        app.close()
        app.conf.update(
            task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
            broker_url=settings.CELERY_BROKER_URL,
            result_backend=settings.CELERY_RESULT_BACKEND,
        )
    assert (first, again) == (1, 0)
    assert Task.objects.filter(youth=referral.youth, title__contains="har ikke svaret").count() == 1
