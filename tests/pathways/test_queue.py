"""The scan on a real Celery worker (Redis in CI), and the app keeping going
when Redis is down."""

import datetime
import logging

import pytest
from django.utils import timezone

from kui.celery_app import app
from pathways import services
from pathways.models import Flag, FlagKind, Step
from tests.pathways.factories import pathway_for
from tests.youths.factories import youth_in_caseload
from youths.models import Contact


@pytest.fixture
def queued(settings):
    """Tasks go to a broker instead of running eagerly, as in production."""
    app.conf.update(task_always_eager=False)
    yield app
    use_broker(app, settings.CELERY_BROKER_URL, settings.CELERY_RESULT_BACKEND)
    app.conf.update(task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER)


def use_broker(celery_app, broker_url, backend_url=None):
    """Point the app at another broker; its connection pool is rebuilt."""
    celery_app.close()
    celery_app.conf.update(broker_url=broker_url, result_backend=backend_url)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_scan(alice, redis_url, queued):
    from celery.contrib.testing.worker import start_worker

    youth = youth_in_caseload(alice, days_since_contact=1)
    pathway = pathway_for(youth)
    use_broker(queued, redis_url, redis_url)
    with start_worker(queued, perform_ping_check=False, pool="solo"):
        first = queued.send_task("pathways.scan").get(timeout=30)
        again = queued.send_task("pathways.scan").get(timeout=30)
        assert set(Flag.objects.open().values_list("kind", flat=True)) == {FlagKind.NO_NEXT_STEP}
        services.step_add(
            pathway=pathway,
            by=alice,
            step_type="bridging",
            title="Brobygning i logistik",
            starts_on=timezone.localdate() + datetime.timedelta(days=3),
        )
        queued.send_task("pathways.scan").get(timeout=30)
    assert first["raised"][FlagKind.NO_NEXT_STEP] == 1
    assert not any(again["raised"].values()) and not any(again["resolved"].values())
    assert not Flag.objects.open().exists()


def test_with_redis_down_contacts_and_steps_are_still_saved(
    client, alice, queued, caplog, django_capture_on_commit_callbacks
):
    use_broker(queued, "redis://127.0.0.1:1/0")  # nothing listens there: Redis is "stopped"
    youth = youth_in_caseload(alice, days_since_contact=None)
    pathway = pathway_for(youth)
    client.force_login(alice)
    caplog.set_level(logging.WARNING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/unge/{youth.public_id}/kontakt/",
            {
                "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "medium": "phone",
                "duration_minutes": 15,
                "reached": "on",
            },
        )
        services.step_add(
            pathway=pathway,
            by=alice,
            step_type="internship",
            title="Praktik",
            starts_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert response.status_code == 302
    assert Contact.objects.filter(youth=youth).count() == 1 and Step.objects.filter(pathway=pathway).count() == 1
    assert not Flag.objects.open().filter(youth=youth).exists()


def test_the_periodic_scan_catches_up_afterwards(alice):
    youth = youth_in_caseload(alice, days_since_contact=1)
    pathway_for(youth)
    from pathways.tasks import scan_pathways

    assert scan_pathways.apply().get()["raised"][FlagKind.NO_NEXT_STEP] == 1
