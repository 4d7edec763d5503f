"""The charts' data and their server-side SVG for the PDF."""

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


def test_the_svg_draws_a_bar_for_a_shown_figure_only():
    drawn = charts.svg(charts.from_table(table(counts=(7, 3)), horizontal=True))
    assert drawn.count("<rect") == 1 + 2  # one bar, two legend keys
    assert "&lt;5" in drawn


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
