"""Honest charts on every screen: a hidden count is a hatched bar labelled
"<5" (never an empty slot that reads as zero), no two series share a colour,
the phone gets the legend below and the tables behind a tap, and the
steering pack says it is working while it renders."""

import pytest
from playwright.sync_api import expect

from kui.accounts.models import Role
from tests.dashboards.conftest import _fresh_cache, partners, pinned_today, q1, team_b  # noqa: F401
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For every chart: its series' colours, whether each hidden count ("<5", "≥5")
# is drawn with a pattern (the hatching), and where the legend sits.
CHARTS = """() => [...document.querySelectorAll("canvas[data-chart]")].map((canvas) => {
  const chart = window.Chart.getChart(canvas);
  const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
  const hidden = [];
  spec.datasets.forEach((dataset, n) => dataset.texts.forEach((text, i) => {
    if (dataset.data[i] === null && /[<≥]/.test(text) && spec.type === "bar") {
      const fill = chart.data.datasets[n].backgroundColor[i];
      hidden.push({text, patterned: fill instanceof CanvasPattern, drawn: chart.data.datasets[n].data[i]});
    }
  }));
  return {id: canvas.id, colours: spec.datasets.map((d) => d.color), hidden,
          legend: chart.options.plugins.legend.position, height: canvas.clientHeight};
})"""


@pytest.fixture
def styregruppe(org_a):
    return UserFactory(username="styregruppe", first_name="Søren", role=Role.STEERING, organisation=org_a)


def test_hidden_counts_are_hatched_and_every_series_has_its_own_colour(logged_in_page, styregruppe, q1):
    page = logged_in_page(styregruppe)
    page.goto("/statistik/?period=2026-Q1&breakdown=partner")
    expect(page.locator("#chart-youths")).to_have_attribute("data-rendered", "true")
    charts = page.evaluate(CHARTS)
    hidden = [point for chart in charts for point in chart["hidden"]]
    assert hidden, "the fixed world has small counts: some must be hidden"
    assert all(point["patterned"] and point["drawn"] == 5 for point in hidden), hidden
    for chart in charts:
        assert len(set(chart["colours"])) == len(chart["colours"]), chart["id"]
        assert chart["legend"] == "top"


def test_on_a_phone_the_legend_is_below_and_the_tables_wait_behind_a_tap(phone_page, log_in, styregruppe, q1):
    page = log_in(phone_page, styregruppe)
    page.goto("/statistik/?period=2026-Q1&breakdown=partner")
    expect(page.locator("#chart-youths")).to_have_attribute("data-rendered", "true")
    charts = page.evaluate(CHARTS)
    assert {chart["legend"] for chart in charts} == {"bottom"}
    # Category names in short lines (a line is one or a few words), not clipped at the plot's edge.
    lines = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')].map((c) => window.Chart.getChart(c))"
        ".filter((chart) => chart.config.type === 'bar').flatMap((chart) => chart.data.labels.flat())"
    )
    assert lines and max(len(line) for line in lines) <= 24, lines
    figures = page.locator("details.dashboard-figures[data-close-on-phone]")
    assert figures.count() >= 3 and page.locator("details.dashboard-figures[data-close-on-phone][open]").count() == 0
    screens = page.evaluate("() => document.documentElement.scrollHeight / window.innerHeight")
    print(f"dashboard at 360 px: {screens:.1f} screens")
    # Eleven screens since the aftercare figures (kept after 3, 6 and 12 months) joined the key figures.
    assert screens <= 11
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    figures.first.locator("summary").click()
    expect(figures.first.locator("table")).to_be_visible()


def test_the_steering_pack_shows_progress_while_it_renders(logged_in_page, styregruppe, q1):
    page = logged_in_page(styregruppe)
    status = page.locator("#meeting-pack-status")
    expect(status).to_be_empty()
    # Slow the PDF's answer a little so the busy state can be seen as a person sees it.
    page.route("**/statistik/moedepakke.pdf*", lambda route: (page.wait_for_timeout(500), route.continue_()))
    with page.expect_download() as download:
        page.locator("#meeting-pack").click()
        expect(status).to_contain_text("Laver PDF'en")
        expect(page.locator("#meeting-pack")).to_have_attribute("aria-busy", "true")
    assert download.value.suggested_filename.endswith(".pdf")
    expect(status).to_contain_text("er hentet")
    expect(page.locator("#meeting-pack")).to_have_attribute("aria-busy", "false")
