"""The portfolio PDF rendered by a real Celery worker over Redis (CI),
while the page polls for progress — the production path."""

import time

import pytest

from kui.celery_app import app
from portfolio.models import PdfStatus, PortfolioPdf
from tests.portfolio.factories import certificate_for, completed_step


@pytest.fixture
def worker_app(settings, redis_url):
    """Tasks go to Redis instead of running in the request."""
    app.conf.update(task_always_eager=False)
    app.close()
    app.conf.update(broker_url=redis_url, result_backend=redis_url)
    yield app
    app.close()
    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL, result_backend=settings.CELERY_RESULT_BACKEND, task_always_eager=True
    )


def poll_until_ready(client, seconds=60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = client.get("/mig/portfolio/pdf/status/").content.decode()
        if 'data-status="pending"' not in status:
            return status
        time.sleep(0.5)
    raise AssertionError("the worker did not finish the PDF in time")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_portfolio_while_the_page_polls(client, alice, oliver, worker_app):
    from celery.contrib.testing.worker import start_worker

    step = completed_step(oliver)
    for name in ("Pallehåndtering og ordreplukning", "Mødestabilitet", "Samarbejde i team"):
        certificate_for(oliver, alice, names=(name,), step=step)
    client.force_login(oliver.user)
    with start_worker(worker_app, perform_ping_check=False, pool="solo"):
        first = client.get("/mig/portfolio/pdf/hent/")
        assert first.status_code == 302 and first["Location"] == "/mig/portfolio/pdf/"
        assert 'data-status="ready"' in poll_until_ready(client)
    pdf = PortfolioPdf.objects.get(youth=oliver)
    assert pdf.status == PdfStatus.READY and pdf.render_seconds > 0
    download = client.get("/mig/portfolio/pdf/hent/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
