"""The reminder job on a real Celery worker over Redis, sending through the
fake SMS gateway: the beat's task name, sent once however often it runs."""

import pytest

from portfolio.models import ReminderSent
from tests.pathways.factories import pathway_for, step_in
from tests.portfolio.test_pdf_worker import worker_app  # noqa: F401  (fixture)
from tests.portfolio.test_reminders import TOMORROW, assert_clean, gateway, opt_in  # noqa: F401  (fixtures)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_each_reminder_once(oliver, gateway, worker_app, settings):
    from celery.contrib.testing.worker import start_worker

    step_in(pathway_for(oliver), TOMORROW, title="Misbrugsbehandling")
    opt_in(oliver)
    task = settings.CELERY_BEAT_SCHEDULE["portfolio-youth-reminders"]["task"]
    with start_worker(worker_app, perform_ping_check=False, pool="solo"):
        first = worker_app.send_task(task).get(timeout=30)
        again = worker_app.send_task(task).get(timeout=30)
    assert first == {"sent": 1, "failed": 0} and again == {"sent": 0, "failed": 0}
    (text,) = gateway.messages
    assert "Næste skridt" in text
    assert_clean(text)
    assert ReminderSent.objects.get().gateway_id == "1001"
