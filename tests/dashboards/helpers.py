"""Reading the dashboard's output in tests: table cells, chart data, files."""

import csv
import html as html_lib
import io
import json
import re
import subprocess

from django.utils import translation
from django.utils.translation import gettext


def cell(html: str, table: str, row: str, column: int = 0) -> str:
    """The text of a page's table cell, found by table id, row key and column."""
    table_html = html.split(f'id="table-{table}"', 1)[1].split("</table>", 1)[0]
    row_html = table_html.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    return html_lib.unescape(re.findall(r"<td[^>]*>([^<]*)</td>", row_html)[column].strip())


def chart(html: str, table: str) -> dict:
    found = re.search(rf'<script id="chart-data-{table}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(content: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


FIGURE = r"(?:[<≥]5|[−+±]?\d[\d.,]*|–)"


def line_of(text: str, msgid: str) -> list[str]:
    """The figures of a table row in the PDF's text, found by its (Danish) label."""
    with translation.override("da"):
        label = gettext(msgid)
    for line in text.splitlines():
        if re.match(rf"\s*{re.escape(label)}\s+{FIGURE}(\s|$)", line):
            return [label, *line.strip()[len(label) :].split()]
    raise AssertionError(f"no table row {label}")
