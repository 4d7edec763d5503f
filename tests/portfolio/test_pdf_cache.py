"""The portfolio PDF is made once per state of the data: served from the
cache while nothing changes, made again when something does. With a broker
(and no worker answering yet) the page shows progress and polls."""

from unittest import mock

import pytest

from kui.audit.models import AuditAction, AuditEvent
from kui.celery_app import app
from kui.jobs.models import PendingJob
from portfolio import (
    pdfs,
    services,
    tasks,  # the module, not the task proxy: pytest would evaluate a proxy at collection
)
from portfolio.models import PdfStatus, PortfolioPdf
from tests.portfolio.factories import certificate_for


def download(client):
    return client.get("/mig/portfolio/pdf/hent/")


def test_an_unchanged_portfolio_is_served_from_the_cache(client, oliver, certificate):
    client.force_login(oliver.user)
    first = download(client)
    with mock.patch("portfolio.pdfs.portfolio_pdf", side_effect=AssertionError("rendered again")):
        second = download(client)
    assert first.content == second.content and PortfolioPdf.objects.count() == 1


@pytest.mark.parametrize("change", ["reflection", "certificate", "revoke", "contact person phone"])
def test_a_change_in_the_data_makes_a_new_pdf(client, alice, oliver, certificate, change):
    client.force_login(oliver.user)
    download(client)
    before = PortfolioPdf.objects.get().fingerprint
    if change == "reflection":
        services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Nyt mål")
    elif change == "certificate":
        certificate_for(oliver, alice, names=("Mødestabilitet",))
    elif change == "revoke":
        services.certificate_revoke(certificate=certificate, by=alice, reason="Fejl")
    else:
        alice.phone = "99887766"
        alice.save()
    download(client)
    assert PortfolioPdf.objects.get().fingerprint != before  # and the old copy is gone


def test_the_download_is_audited_as_an_export(client, oliver):
    client.force_login(oliver.user)
    download(client)
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.EXPORT, purpose="portfolio PDF", subject_id=oliver.public_id
        ).count()
        == 1
    )


@pytest.fixture
def queued():
    """A broker is configured but no worker has answered yet."""
    app.conf.task_always_eager = False
    with mock.patch.object(tasks.render_portfolio_pdf, "delay") as delay:
        yield delay


def test_with_a_worker_the_download_waits_on_the_progress_page(
    client, oliver, certificate, queued, django_capture_on_commit_callbacks
):
    client.force_login(oliver.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = download(client)
    assert response.status_code == 302 and response["Location"] == "/mig/portfolio/pdf/"
    queued.assert_called_once_with(oliver.pk, "da")
    assert PortfolioPdf.objects.get().status == PdfStatus.PENDING


def test_the_progress_page_polls_until_the_pdf_is_ready(client, oliver, certificate, queued):
    client.force_login(oliver.user)
    pending = client.get("/mig/portfolio/pdf/").content.decode()
    assert 'data-status="pending"' in pending and 'hx-trigger="every 1s"' in pending
    tasks.render_portfolio_pdf.apply(args=[oliver.pk, "da"])  # the worker's turn
    ready = client.get("/mig/portfolio/pdf/status/").content.decode()
    assert 'data-status="ready"' in ready and "hx-trigger" not in ready
    assert download(client).content.startswith(b"%PDF")


def test_polling_does_not_queue_the_pdf_twice(client, oliver, queued, django_capture_on_commit_callbacks):
    client.force_login(oliver.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/mig/portfolio/pdf/")
        for _ in range(3):
            client.get("/mig/portfolio/pdf/status/")
    assert queued.call_count == 1


def test_a_failed_render_says_so_and_can_be_retried(client, oliver, queued, django_capture_on_commit_callbacks):
    client.force_login(oliver.user)
    client.get("/mig/portfolio/pdf/")
    with (
        mock.patch("portfolio.pdfs.portfolio_pdf", side_effect=RuntimeError("font missing")),
        pytest.raises(RuntimeError),
    ):
        tasks.render_portfolio_pdf.apply(args=[oliver.pk, "da"], throw=True)
    status = client.get("/mig/portfolio/pdf/status/").content.decode()
    assert 'data-status="failed"' in status and queued.call_count == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/mig/portfolio/pdf/")  # "try again"
    assert queued.call_count == 1


def test_a_broker_that_is_down_keeps_the_job_for_later(client, oliver, queued, django_capture_on_commit_callbacks):
    queued.side_effect = ConnectionError("redis down")
    client.force_login(oliver.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/mig/portfolio/pdf/")
    assert PortfolioPdf.objects.get().status == PdfStatus.PENDING
    job = PendingJob.objects.get()
    assert (job.task, job.args, job.attempts) == ("portfolio.render_portfolio_pdf", [oliver.pk, "da"], 1)


def test_the_fingerprint_follows_the_language(oliver):
    from portfolio.selectors import portfolio_for

    portfolio = portfolio_for(oliver)
    assert pdfs.fingerprint(portfolio, "da") != pdfs.fingerprint(portfolio, "en")
