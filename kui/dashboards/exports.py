"""CSV and XLSX of the dashboard's tables, as suppressed as the page.

CSV is written the way Danish Excel opens it: UTF-8 with a byte-order mark,
semicolons between fields, decimal commas. Names typed by people (teams,
partners, contact persons) could start a formula; any text cell starting
with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a
spreadsheet shows it as text instead of running it. Numbers stay numbers.
"""

import csv
import io

from django.utils import formats

from kui.dashboards.suppression import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_value(cell: Cell) -> str:
    if not cell.shown or cell.unit in ("share", "points"):
        return escape_formula(cell.text)  # "33 %", "+5 percentage points", "<5"
    if isinstance(cell.value, float) and not cell.value.is_integer():
        return formats.number_format(cell.value, decimal_pos=1, use_l10n=True)
    return str(int(cell.value)) if cell.value is not None else ""


def _table_rows(table) -> list[list]:
    return [[table.row_header, *table.columns], *([row.label, *row.cells] for row in table.rows)]


def to_csv(tables, context: list[str]) -> bytes:
    """One or more tables; each starts with its title, a blank line between."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in context:
        writer.writerow([escape_formula(line)])
    for table in tables:
        writer.writerow([])
        writer.writerow([escape_formula(table.title)])
        for values in _table_rows(table):
            writer.writerow([_csv_value(v) if isinstance(v, Cell) else escape_formula(str(v)) for v in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, no []:*?/\\, unique."""
    clean = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()[:28] or "Tabel"
    name, number = clean, 2
    while name.lower() in used:
        name, number = f"{clean[:25]} {number}", number + 1
    used.add(name.lower())
    return name


def to_xlsx(tables, context: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        for line in [*context, table.title]:
            sheet.append([escape_formula(line)])
        sheet.append([])
        for number, values in enumerate(_table_rows(table)):
            sheet.append([_xlsx_value(v) for v in values])
            for written, value in zip(sheet[sheet.max_row], values, strict=False):
                if number == 0:
                    written.font = Font(bold=True)
                elif isinstance(value, Cell) and value.shown and value.unit == "share":
                    written.number_format = "0%"
        sheet.column_dimensions["A"].width = 45
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_value(value):
    if isinstance(value, Cell):
        if not value.shown:
            return escape_formula(value.text)
        return value.value / 100 if value.unit == "share" else value.value
    return escape_formula(str(value))
