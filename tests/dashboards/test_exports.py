"""CSV and XLSX downloads of the dashboard's tables."""

import io
import re

import pytest
from django.urls import reverse

from tests.dashboards.helpers import csv_rows, xlsx_rows

pytestmark = pytest.mark.usefixtures("pinned_today")
Q1 = {"period": "2026-Q1"}


def test_it_downloads_one_table_as_csv(client, steering, q1):
    client.force_login(steering)
    response = client.get(reverse("dashboards:export_csv"), {**Q1, "table": "placements"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="kui-noegletal-2026-Q1.csv"' in response["Content-Disposition"]
    assert ["Lagerhuset", "<5", "<5", "<5", "<5"] in csv_rows(response.content)


def test_the_csv_starts_with_whose_figures_and_which_period(client, steering, q1):
    client.force_login(steering)
    rows = csv_rows(client.get(reverse("dashboards:export_csv"), {**Q1, "table": "youths"}).content)
    assert "01.01.2026–31.03.2026" in rows[1][0]


def test_it_downloads_every_table_as_csv(client, steering, q1):
    client.force_login(steering)
    rows = csv_rows(client.get(reverse("dashboards:export_csv"), Q1).content)
    assert ["Lagerhuset", "<5", "<5", "<5", "<5"] in rows
    assert any(row[1:2] == ["6"] for row in rows)  # active youths


def test_it_downloads_every_table_as_a_sheet(client, steering, q1):
    client.force_login(steering)
    response = client.get(reverse("dashboards:export_xlsx"), Q1)
    sheets = xlsx_rows(response.content)
    assert response.status_code == 200 and len(sheets) >= 8
    assert any(row[1] == 6 for rows in sheets.values() for row in rows if len(row) > 1)


def test_shares_are_percentages_in_the_sheet(client, steering, q1):
    from openpyxl import load_workbook

    client.force_login(steering)
    content = client.get(reverse("dashboards:export_xlsx"), {"period": "2025-Q4", "table": "engagement"}).content
    sheet = load_workbook(io.BytesIO(content)).active
    shares = [cell for row in sheet.iter_rows() for cell in row if cell.number_format == "0%"]
    assert shares and all(0 <= cell.value <= 1 for cell in shares)


def test_an_unknown_table_is_404(client, steering, q1):
    client.force_login(steering)
    assert client.get(reverse("dashboards:export_csv"), {**Q1, "table": "youths; DROP"}).status_code == 404


@pytest.mark.parametrize("url", ["dashboards:export_csv", "dashboards:export_xlsx", "dashboards:meeting_pack"])
@pytest.mark.parametrize("persona", ["alice", "charlie", "youth_user"])
def test_other_roles_get_404_on_downloads(client, request, url, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(url)).status_code == 404


def test_the_pages_download_links_keep_the_selection(client, steering, q1):
    client.force_login(steering)
    html = client.get(reverse("dashboards:overview"), {**Q1, "breakdown": "team", "junk": "<x>"}).content.decode()
    link = re.search(r'href="(/statistik/noegletal\.csv\?[^"]*table=youths)"', html).group(1).replace("&amp;", "&")
    assert "junk" not in link
    response = client.get(link)
    assert response.status_code == 200 and "2026-Q1-team" in response["Content-Disposition"]
