"""Small counts never show: the rule itself, then on the page, in the charts,
CSV, XLSX and PDF of a world where one team has 7 active youths and the
other 2 (so 2 = 9 − 7 must not be readable anywhere)."""

import datetime

import pytest
from django.urls import reverse

from kui.dashboards.suppression import (
    HIDDEN,
    SHOWN,
    SMALL,
    change_cell,
    count_cell,
    median_cell,
    protect,
    share_cell,
)
from tests.dashboards.conftest import make_youth
from tests.dashboards.helpers import cell, chart, csv_rows, line_of, pdf_text, xlsx_rows

TEAM_Q1 = {"period": "2026-Q1", "breakdown": "team"}
HISTORY = [(datetime.date(2025, 9, 1), "waiting"), (datetime.date(2025, 10, 1), "active")]


def test_it_hides_counts_from_one_to_four():
    assert [count_cell(n).text for n in (0, 1, 4, 5)] == ["0", "<5", "<5", "5"]
    assert count_cell(3).value is None


def test_it_hides_a_second_figure_when_a_total_would_give_a_small_one_away():
    state = protect({"total": 9, "nord": 7, "syd": 2}, [("total", ["nord", "syd"])])
    assert state == {"total": SHOWN, "nord": HIDDEN, "syd": SMALL}


def test_it_leaves_two_small_figures_as_they_are():
    state = protect({"total": 10, "a": 6, "b": 2, "c": 2}, [("total", ["a", "b", "c"])])
    assert state["a"] == SHOWN


def test_it_follows_hidden_figures_into_other_sums():
    # Hiding "nord" for the first sum leaves it alone in the second: hide more.
    counts = {"total": 9, "nord": 7, "syd": 2, "nord_done": 7, "nord_left": 0}
    state = protect(counts, [("total", ["nord", "syd"]), ("nord", ["nord_done", "nord_left"])])
    assert state["nord_done"] == HIDDEN


def test_an_unseen_remainder_is_protected_only_when_small():
    assert protect({"q": 12, "jan": 6, "feb": 6, "rest": 0}, [("q", ["jan", "feb", "rest"])], {"rest"})["jan"] == SHOWN
    state = protect({"q": 12, "jan": 6, "feb": 5, "rest": 1}, [("q", ["jan", "feb", "rest"])], {"rest"})
    assert state["feb"] == HIDDEN and state["rest"] == SMALL


def test_shares_and_medians_on_few_youths_are_withheld():
    assert share_cell(50.0, 4, 2).text == "–"
    assert share_cell(20.0, 10, 2).text == "–"  # 2 of 10 would name the 2
    assert share_cell(60.0, 10, 6).text == "60 %"
    assert median_cell(12.0, 4).text == "–" and median_cell(12.5, 5).text == "12,5"


def test_a_change_needs_both_figures():
    assert change_cell(count_cell(9), count_cell(3)).text == "–"
    assert change_cell(count_cell(9), count_cell(6)).text == "+3"


@pytest.fixture
def nine_active(org_a, team_a, team_b, alice, pinned_today):
    team_b.name = '=HYPERLINK("http://example.com")'
    team_b.save()
    for number in range(7):
        make_youth(f"N{number}", org_a, team_a, datetime.date(2005, 1, 1), "close", HISTORY, alice)
    for number in range(2):
        make_youth(f"S{number}", org_a, team_b, datetime.date(2005, 1, 1), "close", HISTORY, alice)
    return team_a, team_b


def test_the_page_hides_the_figure_that_would_give_a_small_one_away(client, steering, nine_active):
    client.force_login(steering)
    html = client.get(reverse("dashboards:overview"), TEAM_Q1).content.decode()
    assert cell(html, "youths", "active", 0) == "9"
    assert sorted(cell(html, "youths", "active", column) for column in (3, 4)) == ["<5", "≥5"]  # 7 and 2


def test_the_chart_has_no_value_for_hidden_figures(client, steering, nine_active):
    client.force_login(steering)
    data = chart(client.get(reverse("dashboards:overview"), TEAM_Q1).content.decode(), "youths")
    active = 1  # admitted, active, waiting, completed, dropped out
    assert [dataset["data"][active] for dataset in data["datasets"]] == [None, None]
    assert sorted(dataset["texts"][active] for dataset in data["datasets"]) == ["<5", "≥5"]


def test_the_csv_is_suppressed_like_the_page(client, steering, nine_active):
    client.force_login(steering)
    rows = csv_rows(client.get(reverse("dashboards:export_csv"), {**TEAM_Q1, "table": "youths"}).content)
    active = next(row for row in rows if row[1:2] == ["9"])
    assert sorted(active[4:6]) == ["<5", "≥5"]
    assert "7" not in active and "2" not in active


def test_the_xlsx_is_suppressed_like_the_page(client, steering, nine_active):
    client.force_login(steering)
    sheets = xlsx_rows(client.get(reverse("dashboards:export_xlsx"), TEAM_Q1).content)
    rows = next(iter(sheets.values()))
    active = next(row for row in rows if row[1] == 9)
    assert sorted(active[4:6]) == ["<5", "≥5"]
    assert 7 not in active and 2 not in active


def test_the_pdf_is_suppressed_like_the_page(client, steering, nine_active):
    client.force_login(steering)
    text = pdf_text(client.get(reverse("dashboards:meeting_pack"), TEAM_Q1).content)
    active = line_of(text, "Active")
    assert active[1] == "9" and sorted(active[4:6]) == ["<5", "≥5"]
    assert "7" not in active and "2" not in active


def test_exports_escape_formulae_in_names(client, steering, nine_active):
    client.force_login(steering)
    csv_header = csv_rows(client.get(reverse("dashboards:export_csv"), {**TEAM_Q1, "table": "youths"}).content)
    assert any(value.startswith("'=HYPERLINK") for row in csv_header for value in row)
    sheets = xlsx_rows(client.get(reverse("dashboards:export_xlsx"), {**TEAM_Q1, "table": "youths"}).content)
    values = [value for rows in sheets.values() for row in rows for value in row if isinstance(value, str)]
    assert any(value.startswith("'=HYPERLINK") for value in values)
    assert not any(value.startswith("=") for value in values)
