"""The steering group's dashboard in a real browser: `styregruppe` logs in,
lands on the statistics, switches the period and sees the charts redrawn
with the new period's figures — with no inline script allowed (CSP) and no
axe violations."""

import datetime

import pytest
from playwright.sync_api import expect

from kui.accounts.models import Role
from kui.dashboards import snapshots
from kui.dashboards.periods import MONTH, Period
from tests.browser.axe import assert_accessible
from tests.dashboards.conftest import TODAY, _fresh_cache, partners, pinned_today, q1, team_b  # noqa: F401
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def styregruppe(org_a):
    return UserFactory(
        username="styregruppe", first_name="Søren", last_name="Styr", role=Role.STEERING, organisation=org_a
    )


@pytest.fixture
def trend(q1, pinned_today):
    for month in (1, 2, 3, 4):
        snapshots.snapshot_month(month=Period(MONTH, datetime.date(2026, month, 1)), today=TODAY)


def test_the_steering_group_switches_the_period_and_the_charts_follow(logged_in_page, styregruppe, q1, trend):
    page = logged_in_page(styregruppe)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    expect(page).to_have_url("/statistik/")  # the steering group's landing page
    chart = page.locator("#chart-youths")
    expect(chart).to_have_attribute("data-rendered", "true")
    expect(chart).to_have_attribute("data-period", "2026-Q2")
    before = chart.get_attribute("data-values")
    assert_accessible(page)

    page.locator("#dashboard-period").select_option("2026-Q1")  # the form submits itself
    expect(page.locator("#dashboard-meta")).to_have_attribute("data-period", "2026-Q1")
    chart = page.locator("#chart-youths")
    expect(chart).to_have_attribute("data-rendered", "true")
    expect(chart).to_have_attribute("data-period", "2026-Q1")
    assert chart.get_attribute("data-values") != before
    expect(page.locator("#table-youths tr[data-row=active] td").first).to_have_text("6")
    expect(page.locator("#chart-trend-active")).to_have_attribute("data-rendered", "true")
    assert_accessible(page)
    assert problems == []


def test_the_dashboard_reads_on_a_phone(phone_page, log_in, styregruppe, q1):
    page = log_in(phone_page, styregruppe)
    expect(page.locator("#chart-youths")).to_have_attribute("data-rendered", "true")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    assert_accessible(page)
