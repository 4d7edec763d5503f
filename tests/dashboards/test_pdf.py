"""The PDF pack for the steering meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from kui.dashboards import snapshots
from kui.dashboards.periods import MONTH, QUARTER, Period
from tests.dashboards.conftest import TODAY
from tests.dashboards.helpers import line_of, pdf_text

pytestmark = pytest.mark.usefixtures("pinned_today")
URL = reverse("dashboards:meeting_pack")


def test_it_renders_the_pack_with_the_periods_figures(client, steering, q1):
    client.force_login(steering)
    response = client.get(URL, {"period": "2026-Q1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert line_of(text, "Active")[1:4] == ["6", "7", "−1"]  # Q1 against Q4 2025
    assert line_of(text, "Admitted")[1:3] == ["<5", "5"]


def test_it_compares_with_the_previous_period(client, steering, q1):
    client.force_login(steering)
    text = pdf_text(client.get(URL, {"period": "2026-Q1"}).content)
    with translation.override("da"):
        assert Period(QUARTER, datetime.date(2025, 10, 1)).label in text


def test_it_draws_the_charts_as_svg_with_the_trend(client, steering, q1):
    snapshots.snapshot_month(month=Period(MONTH, datetime.date(2026, 3, 1)), today=TODAY)
    client.force_login(steering)
    text = pdf_text(client.get(URL, {"period": "2026-Q1"}).content)
    assert "Lagerhuset" in text  # placement use
    assert any(line.split()[-1:] == ["6"] and "2026" in line for line in text.splitlines())  # March's active


def test_the_pack_names_no_youth(client, steering, q1):
    client.force_login(steering)
    text = pdf_text(client.get(URL, {"period": "2026-Q1", "breakdown": "partner"}).content)
    assert "Testesen" not in text


def test_a_team_lead_gets_their_team_in_the_pack(client, lead, q1):
    client.force_login(lead)
    text = pdf_text(client.get(URL, {"period": "2026-Q1"}).content)
    assert "Team Nord" in text and line_of(text, "Active")[1] == "<5"
