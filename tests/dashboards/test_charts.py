"""The charts' data and their server-side SVG for the PDF."""

import re

from kui.dashboards import charts
from kui.dashboards.suppression import count_cell
from kui.dashboards.tables import Row, Table


def table(label="Lagerhuset", counts=(7, 3)):
    return Table(
        "t", "Praktik", "Partner", ["Praktikker", "Unge"], [Row("r", label, [count_cell(count) for count in counts])]
    )


def test_hidden_figures_are_null_with_their_text():
    spec = charts.from_table(table())
    assert spec["datasets"][1]["data"] == [None] and spec["datasets"][1]["texts"] == ["<5"]


def test_the_svg_escapes_names():
    drawn = charts.svg(charts.from_table(table(label="<script>alert(1)</script>")))
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn


def _solid_and_hatched(drawn: str) -> tuple[int, int]:
    """Visible boxes: filled ones (bars, legend keys) and hatched ones."""
    rects = [rect for rect in re.findall(r"<rect [^>]*>", drawn) if 'height="0.0"' not in rect]
    hatched = [rect for rect in rects if 'fill="#fff"' in rect]
    return len(rects) - len(hatched), len(hatched)


def test_a_hidden_count_is_a_hatched_bar_labelled_with_its_text_not_an_empty_slot():
    for horizontal in (True, False):
        drawn = charts.svg(charts.from_table(table(counts=(7, 3)), horizontal=horizontal))
        assert _solid_and_hatched(drawn) == (1 + 2, 1)  # the 7 and two legend keys | the <5
        assert 'stroke="#E69F00"' in drawn  # hatched in the hidden series' own colour
        assert "&lt;5" in drawn


def test_a_zero_is_no_bar_at_all():
    drawn = charts.svg(charts.from_table(table(counts=(0, 7))))
    assert _solid_and_hatched(drawn) == (1 + 2, 0)


def test_the_hatched_bar_fits_under_the_axis_when_every_shown_figure_is_small():
    drawn = charts.svg(charts.from_table(table(counts=(0, 2))))
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"[^>]*fill="#fff"', drawn)]
    assert heights and max(heights) <= charts.HEIGHT - 40 - 24


def test_twelve_series_get_twelve_colours():
    many = Table("t", "Praktik", "Partner", [f"P{n}" for n in range(12)], [Row("r", "x", [count_cell(9)] * 12)])
    colours = [dataset["color"] for dataset in charts.from_table(many)["datasets"]]
    assert len(set(colours)) == 12
    assert colours[:7] == ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]  # Okabe–Ito


def test_a_line_breaks_where_a_month_is_missing():
    trend = Table(
        "t",
        "Aktive",
        "Måned",
        ["I alt"],
        [Row(str(n), f"m{n}", [count_cell(value)]) for n, value in enumerate([6, 8, None, 9, 7])],
    )
    drawn = charts.svg(charts.from_table(trend, kind="line"))
    assert drawn.count("<polyline") == 2
