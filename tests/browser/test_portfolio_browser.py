"""The youth's own pages in the browser: Oliver logs in, sees his contact
person and next step, downloads his portfolio PDF, writes a reflection and
downloads his data; he cannot reach another youth's certificate. Staff issue
a certificate; anyone can check it on the public page. Every page passes axe."""

import datetime
import json
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kui.celery_app import app
from pathways.models import StepStatus
from tests.browser.axe import assert_accessible
from tests.pathways.factories import step_in
from tests.portfolio.factories import certificate_for, competence, completed_step, youth_with_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def embedded_jobs():
    """PDFs are made in the request (embedded mode), also when CI has Redis."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def oliver(alice):
    youth = youth_with_login(alice)
    step = completed_step(youth)
    for name in ("Pallehåndtering og ordreplukning", "Mødestabilitet"):
        certificate_for(youth, alice, names=(name,), step=step)
    step_in(
        step.pathway,
        timezone.localdate() + datetime.timedelta(days=4),
        status=StepStatus.PLANNED,
        title="Brobygning i logistik",
    )
    return youth


@pytest.fixture
def emma(bob):
    youth = youth_with_login(bob, username="emma", first_name="Emma", last_name="Ærø")
    return certificate_for(youth, bob, names=("Hygiejne i fødevarevirksomhed",))


def test_oliver_downloads_his_own_portfolio_pdf(page, log_in, oliver, emma, tmp_path):
    log_in(page, oliver.user)
    assert page.url.endswith("/mig/")
    expect(page.locator("#next-step")).to_contain_text("Brobygning i logistik")
    assert_accessible(page)

    page.locator('a[href="/mig/portfolio/"]').first.click()
    expect(page.locator("[data-certificate]")).to_have_count(2)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("#portfolio-pdf-download").click()
    pdf = tmp_path / "portfolio.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "Oliver Jørgensen" in text and "Pallehåndtering og ordreplukning" in text and "Mødestabilitet" in text

    response = page.goto(f"/mig/beviser/{emma.public_id}/pdf/")
    assert response.status == 404


def test_oliver_writes_a_reflection_and_it_stays_text(page, log_in, oliver):
    log_in(page, oliver.user)
    page.goto("/mig/refleksioner/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("goal")
    page.locator("#id_text").fill('<script>alert("x")</script> Jeg vil på EGU')
    page.locator("#reflection-form button[type=submit]").click()
    expect(page.locator(".reflection-text").first).to_have_text('<script>alert("x")</script> Jeg vil på EGU')
    assert_accessible(page)
    page.goto("/mig/plan/")
    expect(page.get_by_text("Brobygning i logistik")).to_be_visible()
    assert_accessible(page)


def test_oliver_downloads_his_data(page, log_in, oliver, tmp_path):
    log_in(page, oliver.user)
    page.goto("/mig/mine-data/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("#my-data-download").click()
    path = tmp_path / "data.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["om"] == "Oliver Jørgensen" and data["opslag"]


def test_oliver_pages_work_on_a_phone(phone_page, log_in, oliver):
    log_in(phone_page, oliver.user)
    assert_accessible(phone_page)
    phone_page.goto("/mig/portfolio/")
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    assert_accessible(phone_page)


def test_staff_issue_a_certificate_that_anyone_can_check(page, log_in, alice, oliver, new_context):
    running = step_in(
        oliver.pathways.get().steps.first().pathway,
        timezone.localdate() - datetime.timedelta(days=10),
        status=StepStatus.ACTIVE,
        title="Praktik i Byens Bageri",
    )
    competence("Hygiejne i fødevarevirksomhed")
    log_in(page, alice)
    page.goto(f"/unge/{oliver.public_id}/portfolio/")
    assert_accessible(page)
    page.locator(f'a[href="/unge/{oliver.public_id}/portfolio/bevis/nyt/"]').first.click()
    assert_accessible(page)
    page.locator("#id_step").select_option(str(running.public_id))
    page.locator("#id_complete_step").check()
    page.locator("#id_outcome").fill("Mødte hver dag og lærte hygiejnereglerne.")
    page.get_by_label("Hygiejne i fødevarevirksomhed").check()
    page.locator("#id_evidence").fill("Bagte og pakkede brød efter hygiejnereglerne i tre uger.")
    page.locator("#certificate-form button[type=submit]").click()
    card = page.locator("[data-certificate]").filter(has_text="Hygiejne i fødevarevirksomhed")
    expect(card).to_have_count(1)
    code_link = card.locator('a[href^="/bevis/"]')
    href = code_link.get_attribute("href")

    anonymous = new_context().new_page()  # a stranger with the QR code; closed after the test
    anonymous.goto(href)
    expect(anonymous.locator("#verify-result")).to_have_attribute("data-result", "valid")
    expect(anonymous.locator("#verify-result")).to_contain_text("O. J.")
    assert_accessible(anonymous)
    anonymous.goto("/bevis/ABCDE12345/")
    expect(anonymous.locator("#verify-result")).to_have_attribute("data-result", "not-found")
    assert_accessible(anonymous)


def test_the_progress_page_updates_itself_when_the_worker_is_done(page, log_in, oliver):
    """With a broker, the PDF waits for a worker: the page polls (HTMX) and
    shows the download link by itself once the PDF is made."""
    from unittest import mock

    from portfolio import tasks

    log_in(page, oliver.user)
    app.conf.task_always_eager = False
    with mock.patch.object(tasks.render_portfolio_pdf, "delay"):
        page.goto("/mig/portfolio/pdf/")
        expect(page.locator("#pdf-status")).to_have_attribute("data-status", "pending")
        assert_accessible(page)
        tasks.render_portfolio_pdf.apply(args=[oliver.pk, "da"])  # the worker's turn
        expect(page.locator("#pdf-status")).to_have_attribute("data-status", "ready")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator("#pdf-download").click()
    assert download_info.value.suggested_filename.endswith(".pdf")
