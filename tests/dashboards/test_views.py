"""The dashboard page: who may open it, what it shows, bad input."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kui.dashboards import snapshots
from kui.dashboards.periods import MONTH, Period
from tests.dashboards.conftest import TODAY, make_youth
from tests.dashboards.helpers import cell, chart

URL = reverse("dashboards:overview")
Q1 = {"period": "2026-Q1"}
pytestmark = pytest.mark.usefixtures("pinned_today")


def test_it_shows_the_steering_group_its_figures(client, steering, q1):
    client.force_login(steering)
    response = client.get(URL, Q1)
    html = response.content.decode()
    assert response.status_code == 200
    assert cell(html, "youths", "active") == "6"
    assert cell(html, "youths", "admitted") == "<5"


def test_the_steering_group_lands_on_the_dashboard(client, steering):
    client.force_login(steering)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == URL


@pytest.mark.parametrize("persona", ["alice", "charlie", "youth_user"])
def test_other_roles_get_404(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_a_post_is_not_allowed(client, steering):
    client.force_login(steering)
    assert client.post(URL, Q1).status_code == 405


def test_bad_input_gives_a_form_error_and_the_default_period(client, steering, q1):
    client.force_login(steering)
    response = client.get(URL, {"period": "1999-Q9", "breakdown": "youth_id"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"period", "breakdown"}
    assert response.context["period"].param == "2026-Q2"


def test_the_administrator_sees_the_dashboard(client, administrator, q1):
    client.force_login(administrator)
    assert cell(client.get(URL, Q1).content.decode(), "youths", "active") == "6"


def test_the_team_lead_sees_their_team_and_its_extras(client, lead, q1):
    client.force_login(lead)
    html = client.get(URL, Q1).content.decode()
    assert cell(html, "youths", "active") == "<5"  # Team Nord: A B F I
    assert 'id="table-team-stalled"' in html and 'id="table-team-actions"' in html


def test_the_steering_group_gets_no_team_extras(client, steering, q1):
    client.force_login(steering)
    assert 'id="table-team-stalled"' not in client.get(URL, Q1).content.decode()


def test_the_page_never_names_a_youth(client, steering, q1):
    client.force_login(steering)
    for breakdown in ("", "team", "partner", "support_level", "age_band"):
        html = client.get(URL, {**Q1, "breakdown": breakdown}).content.decode()
        assert "Testesen" not in html and "UngA" not in html


def test_it_shows_when_the_figures_were_computed(client, steering, q1):
    client.force_login(steering)
    html = client.get(URL, Q1).content.decode()
    with translation.override("da"):
        assert gettext("Computed at") in html
    assert 'id="computed-at"' in html


def test_it_caches_the_figures(client, steering, q1, django_assert_max_num_queries):
    client.force_login(steering)
    client.get(URL, Q1)
    with django_assert_max_num_queries(8):  # session, user, savepoints: no figures recomputed
        client.get(URL, Q1)


def test_the_page_takes_as_many_queries_for_more_youths(client, steering, q1, org_a, team_a, alice):
    client.force_login(steering)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {**Q1, "breakdown": "partner"})
    for number in range(20):
        make_youth(
            f"X{number}",
            org_a,
            team_a,
            datetime.date(2005, 1, 1),
            "close",
            [(datetime.date(2025, 9, 1), "waiting"), (datetime.date(2026, 2, 1), "active")],
            alice,
        )
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        client.get(URL, {**Q1, "breakdown": "partner"})
    assert 10 < len(more) == len(few) <= 30


def test_charts_carry_no_hidden_figures(client, steering, q1):
    client.force_login(steering)
    data = chart(client.get(URL, {**Q1, "breakdown": "team"}).content.decode(), "youths")
    values = []
    for dataset in data["datasets"]:
        assert len(dataset["data"]) == len(dataset["texts"])
        for value, text in zip(dataset["data"], dataset["texts"], strict=True):
            assert value is None or value == 0 or value >= 5
            assert (value is None) == (text in {"<5", "≥5", "–"})
            values.append(value)
    assert None in values, "the sample has small counts, so some figure must be withheld"


def test_the_breakdown_adds_a_column_per_group(client, steering, q1):
    client.force_login(steering)
    html = client.get(URL, {**Q1, "breakdown": "age_band"}).content.decode()
    assert cell(html, "youths", "active", 3) == "<5"  # 15–17 years: A and C
    assert len(chart(html, "youths")["datasets"]) == 4  # three bands and other ages


def test_trends_come_from_the_snapshots(client, steering, q1):
    snapshots.snapshot_month(month=Period(MONTH, datetime.date(2026, 3, 1)), today=TODAY)
    client.force_login(steering)
    html = client.get(URL, Q1).content.decode()
    assert cell(html, "trend-active", "2026-03") == "6"
    assert cell(html, "trend-active", "2026-02") == "–"  # never snapshotted


def test_a_group_of_one_youth_shows_nothing_about_them(client, steering, q1, partners):
    client.force_login(steering)
    html = client.get(URL, {**Q1, "breakdown": "partner"}).content.decode()
    tec = 3 + sorted(["Lagerhuset", "TEC"]).index("TEC")  # after this period, the previous one and the change
    for table, rows in (
        ("youths", ["admitted", "active", "waiting", "dropped_out"]),
        ("engagement", ["stalled_share", "consent_coverage"]),
        ("days", ["contact_median", "waiting_median"]),
    ):
        assert {cell(html, table, row, tec) for row in rows} <= {"<5", "0", "–"}, table
