"""Importing a caseload in the browser: alice uploads a spreadsheet, checks
the preview, confirms, and the progress page tells her when it is done —
on a phone-sized screen too. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from kui.celery_app import app
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PHONE_VIEWPORT
from youths.models import Youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADER = "fornavn;efternavn;fødselsdato;målgruppe;støtteniveau;status;kontaktperson;seneste kontakt"


@pytest.fixture(autouse=True)
def embedded_jobs():
    """The import job runs after the request's commit, in the request (embedded mode), also when CI has Redis."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.mark.parametrize("viewport", [None, PHONE_VIEWPORT])
def test_alice_imports_a_spreadsheet_and_sees_it_done(page, log_in, alice, tmp_path, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    lines = [f"Ung{n};Hansen;2004-11-{n + 1:02d};Frafald;Tæt;aktiv;{alice.username};01.02.2026" for n in range(3)]
    spreadsheet = tmp_path / "unge.csv"
    spreadsheet.write_text("\n".join([HEADER, *lines]), encoding="utf-8")
    log_in(page, alice)
    page.goto("/unge/import/")
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(str(spreadsheet))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("3")
    assert_accessible(page)
    page.locator("form[action='/unge/import/bekraeft/'] button[type=submit]").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done")
    expect(page.locator("#import-progress")).to_contain_text("3 unge blev importeret.")
    assert_accessible(page)
    assert Youth.objects.filter(last_name="Hansen").count() == 3
