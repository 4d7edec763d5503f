"""Chart specifications, drawn by Chart.js on the page and as SVG in the PDF.

A spec is plain JSON taken from a suppressed table: hidden figures are null
(no bar, a gap in a line), with the table's text ("<5") beside them. The page
passes it through `json_script` to static/dashboards/charts.js; WeasyPrint
runs no JavaScript, so `svg()` draws the same spec on the server.
"""

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kui.dashboards.suppression import number

# Okabe–Ito, told apart with the common colour-vision deficiencies, then the
# darker of Paul Tol's "muted" colours: twelve series (a partner breakdown)
# before a colour repeats. Okabe–Ito's yellow comes last: on white it is
# the hardest to see.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#000000",
    "#882255",
    "#44AA99",
    "#332288",
    "#999933",
    "#F0E442",
]
# A hidden count ("<5", "≥5") is drawn as a hatched bar this high, labelled
# with its text, so it never reads as zero (static/dashboards/charts.js alike).
SUPPRESSED_HEIGHT = 5
UNIT_SUFFIX = {"count": "", "percent": " %", "days": ""}


def from_table(
    table, *, rows=None, columns=None, unit="count", kind="bar", horizontal=False, skip_zero_rows=False
) -> dict:
    columns = list(range(len(table.columns))) if columns is None else columns
    selected = [row for row in table.rows if rows is None or row.key in rows]
    if skip_zero_rows:  # e.g. step types nobody used: the table still lists them
        selected = [row for row in selected if any(row.cells[c].value != 0 for c in columns)]
    return {
        "type": kind,
        "unit": unit,
        "horizontal": horizontal,
        "title": table.title,
        "labels": [row.label for row in selected],
        "datasets": [
            {
                "label": table.columns[column],
                "color": PALETTE[index % len(PALETTE)],
                "data": [row.cells[column].value for row in selected],
                "texts": [row.cells[column].text for row in selected],
            }
            for index, column in enumerate(columns)
        ],
    }


# --- SVG for the PDF -----------------------------------------------------

WIDTH, HEIGHT = 640, 220
FONT = 'font-family="DejaVu Sans, sans-serif"'


def _nice_max(values: list[float]) -> float:
    """The top of the axis: four round steps that reach the highest value."""
    top = max([value for value in values if value is not None] or [0])
    if top <= 0:
        return 4
    magnitude = 10 ** math.floor(math.log10(top / 4))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude * 4 >= top)
    return step * 4


def _text(x, y, content, *, size=9, anchor="start", fill="#222", extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {FONT}'
        f"{extra}>{escape(content)}</text>"
    )


def _legend(spec: dict, y: float) -> list[str]:
    if len(spec["datasets"]) < 2:
        return []
    parts, x = [], 10.0
    for dataset in spec["datasets"]:
        parts.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="10" height="10" fill="{dataset["color"]}"/>')
        parts.append(_text(x + 14, y, dataset["label"][:28], size=8))
        x += 24 + 6 * min(len(dataset["label"]), 28)
    return parts


def _hidden(dataset: dict, index: int) -> bool:
    return dataset["data"][index] is None and any(mark in (dataset["texts"][index] or "") for mark in "<≥")


def _hidden_floor(spec: dict) -> list[float]:
    """The axis must reach a hatched bar's height when there is one."""
    hidden = any(_hidden(d, i) for d in spec["datasets"] for i in range(len(d["data"])))
    return [SUPPRESSED_HEIGHT] if hidden else []


def _hatched(x: float, y: float, width: float, height: float, color: str) -> str:
    """A white box outlined and hatched in the series' colour (45° lines
    every 4 units, cut to the box: WeasyPrint draws no SVG patterns reliably)."""
    lines, offset = [], 4.0
    while offset < width + height:
        s0, s1 = max(0.0, offset - width), min(offset, height)
        lines.append(
            f'<line x1="{x + offset - s0:.1f}" y1="{y + height - s0:.1f}" x2="{x + offset - s1:.1f}" '
            f'y2="{y + height - s1:.1f}" stroke="{color}" stroke-width="1"/>'
        )
        offset += 4
    box = (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#fff" '
        f'stroke="{color}" stroke-width="1"/>'
    )
    return box + "".join(lines)


def _short(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"


def svg(spec: dict) -> SafeString:
    """The chart as an inline SVG element (escaped labels, no scripts)."""
    if spec["type"] == "line":
        body = _line(spec)
    elif spec.get("horizontal"):
        body = _horizontal_bars(spec)
    else:
        body = _bars(spec)
    title = escape(spec["title"])
    return mark_safe(  # nosec B308, B703  # every value in the SVG is a number or passed through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_height(spec)}" width="100%" role="img" '
        f'aria-label="{title}"><title>{title}</title>{"".join(body)}</svg>'
    )


def _height(spec: dict) -> int:
    if spec.get("horizontal") and spec["type"] == "bar":
        return 30 + len(spec["labels"]) * max(10 * len(spec["datasets"]), 16)
    return HEIGHT


def _axis(top: float, left: float, right: float, y0: float, y1: float, unit: str) -> list[str]:
    parts = []
    for step in range(5):
        value = top * step / 4
        y = y0 - (y0 - y1) * step / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ccc" stroke-width="0.5"/>')
        parts.append(
            _text(
                left - 4, y + 3, number(value, 0 if value.is_integer() else 1) + UNIT_SUFFIX[unit], size=8, anchor="end"
            )
        )
    return parts


def _bars(spec: dict) -> list[str]:
    left, right, y1, y0 = 48, WIDTH - 10, 24, HEIGHT - 40
    values = [value for dataset in spec["datasets"] for value in dataset["data"]]
    top = _nice_max(values + _hidden_floor(spec))
    parts = _legend(spec, 12) + _axis(top, left, right, y0, y1, spec["unit"])
    count, series = max(len(spec["labels"]), 1), max(len(spec["datasets"]), 1)
    slot = (right - left) / count
    bar = min(28.0, slot * 0.8 / series)
    for index, label in enumerate(spec["labels"]):
        x0 = left + slot * index + (slot - bar * series) / 2
        for number_, dataset in enumerate(spec["datasets"]):
            value, x = dataset["data"][index], x0 + bar * number_
            if value is None:
                text_y = y0 - 3
                if _hidden(dataset, index):
                    height = (y0 - y1) * SUPPRESSED_HEIGHT / top
                    parts.append(_hatched(x, y0 - height, bar - 1, height, dataset["color"]))
                    text_y = y0 - height - 2
                parts.append(_text(x + bar / 2, text_y, dataset["texts"][index], size=7, anchor="middle", fill="#222"))
                continue
            height = (y0 - y1) * max(value, 0) / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y0 - height:.1f}" width="{bar - 1:.1f}" height="{height:.1f}" '
                f'fill="{dataset["color"]}"/>'
            )
        parts.append(
            _text(left + slot * index + slot / 2, y0 + 12, _short(label, int(slot / 5.5) or 1), size=8, anchor="middle")
        )
    return parts


def _horizontal_bars(spec: dict) -> list[str]:
    left, right, top_y = 170, WIDTH - 40, 24
    values = [value for dataset in spec["datasets"] for value in dataset["data"]]
    top = _nice_max(values + _hidden_floor(spec))
    parts = _legend(spec, 12)
    count, series = max(len(spec["labels"]), 1), max(len(spec["datasets"]), 1)
    slot = (_height(spec) - top_y - 6) / count
    bar = min(12.0, slot * 0.85 / series)
    for index, label in enumerate(spec["labels"]):
        y0 = top_y + slot * index + (slot - bar * series) / 2
        parts.append(_text(left - 6, y0 + bar * series / 2 + 3, _short(label, 30), size=8, anchor="end"))
        for number_, dataset in enumerate(spec["datasets"]):
            value, y = dataset["data"][index], y0 + bar * number_
            width = (right - left) * max(value or 0, 0) / top
            if _hidden(dataset, index):
                width = (right - left) * SUPPRESSED_HEIGHT / top
                parts.append(_hatched(left, y, width, bar - 1, dataset["color"]))
            elif value:
                parts.append(
                    f'<rect x="{left}" y="{y:.1f}" width="{width:.1f}" height="{bar - 1:.1f}" '
                    f'fill="{dataset["color"]}"/>'
                )
            if value != 0:  # a figure, or the table's "<5"
                parts.append(
                    _text(
                        left + width + 3,
                        y + bar - 2.5,
                        dataset["texts"][index],
                        size=7,
                        fill="#222",
                    )
                )
    return parts


def _line(spec: dict) -> list[str]:
    left, right, y1, y0 = 48, WIDTH - 24, 24, HEIGHT - 30
    values = [value for dataset in spec["datasets"] for value in dataset["data"]]
    top = _nice_max(values)
    parts = _legend(spec, 12) + _axis(top, left, right, y0, y1, spec["unit"])
    count = max(len(spec["labels"]), 1)
    step = (right - left) / max(count - 1, 1)
    for index, label in enumerate(spec["labels"]):
        if count <= 12 or index % 2 == 0:
            parts.append(_text(left + step * index, y0 + 14, _short(label, 10), size=7, anchor="middle"))
    for dataset in spec["datasets"]:
        segment: list[str] = []
        for index, value in enumerate([*dataset["data"], None]):
            if value is None:
                if len(segment) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{dataset["color"]}" '
                        f'stroke-width="1.5"/>'
                    )
                segment = []
                continue
            point = f"{left + step * index:.1f},{y0 - (y0 - y1) * max(value, 0) / top:.1f}"
            segment.append(point)
            x, y = point.split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{dataset["color"]}"/>')
    return parts
