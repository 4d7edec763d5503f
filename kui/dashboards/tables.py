"""The dashboard's tables, labelled in the active language and suppressed.

Every page, chart, CSV, XLSX and PDF is drawn from these tables, so the
suppression decided here (suppression.py) holds everywhere. All counts that
could be combined — this period and its groups, completed and its outcomes,
the period and the months of the trend — are protected together in one grid.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kui.dashboards import breakdowns, charts
from kui.dashboards.kpis import CASELOAD_BUCKETS, COMPLETED_PARTS, COUNT, HEADLINE, MEDIAN_DAYS, SHARE, TOTAL
from kui.dashboards.report import Report
from kui.dashboards.suppression import Cell, change_cell, count_cell, median_cell, protect, share_cell
from pathways.models import EducationKind, StepType
from youths.models import ConsentArea

COUNT_KPIS = [kpi.key for kpi in HEADLINE if kpi.kind == COUNT]
CHART_COUNTS = ["admitted", "active", "waiting", "completed", "dropped_out"]
EVENT_KPIS = ["admitted", "completed", *COMPLETED_PARTS, "dropped_out"]  # add up over months
OUTCOME_PARTS = {
    "completed_education": [*(f"edu_{kind.value}" for kind in EducationKind), "edu_unknown"],
    "completed_job": ["job"],
    "completed_other": ["other"],
}


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    note: str = ""


@dataclass
class Table:
    id: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    chart: dict | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def chart_data_id(self) -> str:
        return f"chart-data-{self.id}"


def _month_family(month) -> str:
    return f"m:{month.start:%Y-%m}"


class _Grid:
    """Every count the report shows that could be combined with another,
    protected in one go."""

    def __init__(self, report: Report):
        self.report = report
        self.counts: dict = {}
        self.sums: list = []
        self.unseen: set = set()
        self._family("this", report.current.figures, list(report.current.groups))
        self._family("prev", report.previous.figures, [])
        for month in filter(None, report.trend):
            self._family(_month_family(month.month), month.figures, list(month.groups))
        self._outcomes()
        self._over_time("this", report.period)
        self._over_time("prev", report.period.previous())
        self.state = protect(self.counts, self.sums, self.unseen)

    def _family(self, family: str, figures: dict, groups: list[str]) -> None:
        for kpi in COUNT_KPIS:
            measures = figures.get(kpi, {})
            for group in [TOTAL, *groups]:
                if group in measures:
                    self.counts[(kpi, family, group)] = measures[group].value
            if groups:
                self.sums.append(((kpi, family, TOTAL), [(kpi, family, group) for group in groups]))
        for group in [TOTAL, *groups]:
            self.sums.append((("completed", family, group), [(part, family, group) for part in COMPLETED_PARTS]))

    def _outcomes(self) -> None:
        for name, count in self.report.current.outcomes.items():
            self.counts[("out", name)] = count
        for kpi, parts in OUTCOME_PARTS.items():
            self.sums.append(((kpi, "this", TOTAL), [("out", part) for part in parts]))

    def _over_time(self, family: str, period) -> None:
        """A period's events are the sum of its months' events; a month not in
        the trend is an unseen remainder that must not be small either."""
        shown = {month.month.start: month for month in self.report.trend if month is not None}
        months = [month for month in period.months() if month.start in shown]
        if not months:
            return
        for kpi in EVENT_KPIS:
            total = self.counts.get((kpi, family, TOTAL))
            parts = [(kpi, _month_family(month), TOTAL) for month in months]
            if total is None or any(part not in self.counts for part in parts):
                continue
            rest = total - sum(self.counts[part] for part in parts)
            if len(months) < len(period.months()) and rest >= 0:
                remainder = (kpi, family, "rest")
                self.counts[remainder] = rest
                self.unseen.add(remainder)
                parts.append(remainder)
            self.sums.append(((kpi, family, TOTAL), parts))

    def count(self, kpi: str, family: str, group: str) -> Cell:
        value = self.counts.get((kpi, family, group))
        return count_cell(value, self.state.get((kpi, family, group), "shown"))


def _measure_cell(kind: str, measure, grid: _Grid, kpi: str, family: str, group: str) -> Cell:
    if measure is None:
        return count_cell(None)
    if kind == COUNT:
        return grid.count(kpi, family, group)
    if kind == SHARE:
        return share_cell(measure.value, measure.base, measure.count)
    return median_cell(measure.value, measure.base)


def build(report: Report) -> list[Table]:
    grid = _Grid(report)
    tables = [_headline_table(report, grid, kind) for kind in (COUNT, SHARE, MEDIAN_DAYS)]
    tables += [
        _outcome_table(report, grid),
        _consent_table(report),
        _caseload_table(report),
        _steps_table(report),
        _placements_table(report),
    ]
    tables += _trend_tables(report, grid)
    if report.team is not None:
        tables += _team_tables(report)
    for table in tables:
        if table.chart and not table.chart["labels"]:
            table.chart = None  # nothing to draw: the table says so
    return tables


# --- Headline tables -----------------------------------------------------


def _headline_table(report: Report, grid: _Grid, kind: str) -> Table:
    groups = report.current.groups
    period, previous = report.period, report.period.previous()
    columns = [
        period.label,
        previous.label,
        _("Difference"),
        *(breakdowns.label_for(report.breakdown, key, name) for key, name in groups.items()),
    ]
    rows = []
    for kpi in (k for k in HEADLINE if k.kind == kind):
        now = _measure_cell(kind, report.current.figures[kpi.key].get(TOTAL), grid, kpi.key, "this", TOTAL)
        before = _measure_cell(kind, report.previous.figures[kpi.key].get(TOTAL), grid, kpi.key, "prev", TOTAL)
        cells = [now, before, change_cell(now, before)]
        cells += [
            _measure_cell(kind, report.current.figures[kpi.key].get(key), grid, kpi.key, "this", key) for key in groups
        ]
        rows.append(Row(kpi.key, str(kpi.label), cells, str(kpi.definition)))
    table_id = {COUNT: "youths", SHARE: "engagement", MEDIAN_DAYS: "days"}[kind]
    titles = {
        COUNT: _("Youths in the effort"),
        SHARE: _("Engagement and follow-up"),
        MEDIAN_DAYS: _("Waiting and follow-up time (median days)"),
    }
    table = Table(table_id, titles[kind], _("Key figure"), columns, rows)
    chart_rows = CHART_COUNTS if kind == COUNT else None
    value_columns = list(range(3, len(columns))) if groups else [0, 1]
    table.chart = charts.from_table(
        table,
        rows=chart_rows,
        columns=value_columns,
        unit={COUNT: "count", SHARE: "percent", MEDIAN_DAYS: "days"}[kind],
    )
    return table


def _outcome_table(report: Report, grid: _Grid) -> Table:
    labels = {f"edu_{kind.value}": _("Started education: %(kind)s") % {"kind": kind.label} for kind in EducationKind}
    labels.update({"edu_unknown": _("Started education: kind not recorded"), "job": _("Job"), "other": _("Other")})
    rows = [
        Row(name, label, [count_cell(grid.counts.get(("out", name)), grid.state.get(("out", name), "shown"))])
        for name, label in labels.items()
    ]
    rows.append(Row("completed", _("Completed in all"), [grid.count("completed", "this", TOTAL)]))
    table = Table(
        "outcomes",
        _("Completed, by outcome"),
        _("Outcome"),
        [_("Youths")],
        rows,
        note=_("Completed youths in the period, by the outcome of their latest pathway."),
    )
    table.chart = charts.from_table(table, rows=list(labels), columns=[0], unit="count", horizontal=True)
    return table


def _consent_table(report: Report) -> Table:
    active = report.current.figures["active"][TOTAL].value or 0
    rows = []
    for area in ConsentArea:
        count = report.current.consent_areas.get(area.value, 0)
        share = round(100 * count / active, 1) if active else None
        rows.append(Row(area.value, str(area.label), [count_cell(count), share_cell(share, active, count)]))
    coverage = report.current.figures["consent_coverage"][TOTAL]
    rows.append(
        Row(
            "any",
            _("Any area"),
            [count_cell(coverage.count), share_cell(coverage.value, coverage.base, coverage.count)],
        )
    )
    table = Table(
        "consent",
        _("Consent coverage"),
        _("May be shared with"),
        [_("Active youths with consent"), _("Share of active youths")],
        rows,
        note=_("Consents current on the period's last day; a youth can consent to several areas."),
    )
    table.chart = charts.from_table(table, rows=[area.value for area in ConsentArea], columns=[1], unit="percent")
    return table


def _caseload_table(report: Report) -> Table:
    caseload = report.details.caseload
    buckets = [
        (
            f"bucket_{low}",
            _("%(low)s–%(high)s youths") % {"low": low, "high": high}
            if high
            else _("%(low)s or more youths") % {"low": low},
        )
        for low, high in CASELOAD_BUCKETS
    ]
    counts = {name: caseload[name] for name, _label in buckets}
    counts["persons"] = caseload["persons"]
    state = protect(counts, [("persons", [name for name, _label in buckets])])
    rows = [Row(name, label, [count_cell(counts[name], state[name])]) for name, label in buckets]
    rows += [
        Row("persons", _("All contact persons"), [count_cell(caseload["persons"], state["persons"])]),
        Row("over_limit", _("Above their own caseload limit"), [count_cell(caseload["over_limit"])]),
        Row("median", _("Median caseload"), [median_cell(caseload["median_load"], caseload["persons"])]),
    ]
    table = Table(
        "caseload",
        _("Caseload per contact person"),
        _("Active youths"),
        [_("Contact persons")],
        rows,
        note=_("Active youths held as primary contact person on the period's last day."),
    )
    table.chart = charts.from_table(table, rows=[name for name, _label in buckets], columns=[0], unit="count")
    return table


def _steps_table(report: Report) -> Table:
    labels = dict(StepType.choices)
    rows = [
        Row(
            row["step_type"],
            str(labels[row["step_type"]]),
            [count_cell(row[name]) for name in ("started", "completed", "dropped", "cancelled")],
        )
        for row in report.details.steps
    ]
    table = Table(
        "steps",
        _("Steps by type and outcome"),
        _("Type of step"),
        [_("Started"), _("Completed"), _("Dropped"), _("Cancelled")],
        rows,
        note=_("Steps started in the period, and steps whose status ended in it."),
    )
    table.chart = charts.from_table(table, columns=[0, 1, 2, 3], unit="count", horizontal=True, skip_zero_rows=True)
    return table


def _placements_table(report: Report) -> Table:
    rows = [
        Row(
            str(index),
            row["partner"],
            [count_cell(row[name]) for name in ("internships", "youths", "started", "completed")],
        )
        for index, row in enumerate(report.details.placements)
    ]
    table = Table(
        "placements",
        _("Placement use: company internships per partner"),
        _("Partner"),
        [_("Internships"), _("Youths"), _("Started"), _("Completed")],
        rows,
        note=_("Company internships (not cancelled) that ran in the period."),
    )
    table.chart = charts.from_table(table, columns=[0, 1], unit="count", horizontal=True) if rows else None
    return table


# --- Trends --------------------------------------------------------------


def _trend_tables(report: Report, grid: _Grid) -> list[Table]:
    groups: dict[str, str] = {}
    for month in filter(None, report.trend):
        for key, name in month.groups.items():
            groups.setdefault(key, name)
    columns = [_("Total"), *(breakdowns.label_for(report.breakdown, key, name) for key, name in groups.items())]
    tables = []
    for kpi in HEADLINE:
        rows = []
        for month, figures in zip(report.months, report.trend, strict=False):
            measures = figures.figures.get(kpi.key, {}) if figures else {}
            family = _month_family(month)
            cells = [_measure_cell(kpi.kind, measures.get(key), grid, kpi.key, family, key) for key in [TOTAL, *groups]]
            rows.append(Row(month.param, month.short_label, cells))
        table = Table(
            f"trend-{kpi.key}", str(kpi.label), _("Month"), columns, rows, extra={"kpi": kpi.key, "trend": True}
        )
        table.chart = charts.from_table(
            table,
            columns=list(range(len(columns))),
            kind="line",
            unit={COUNT: "count", SHARE: "percent", MEDIAN_DAYS: "days"}[kpi.kind],
        )
        tables.append(table)
    return tables


# --- The team lead's tables ----------------------------------------------


def _team_tables(report: Report) -> list[Table]:
    people = [
        Row(
            str(index),
            row["name"],
            [count_cell(row["load"]), count_cell(row["stalled"]), Cell(row["limit"], str(row["limit"]))],
        )
        for index, row in enumerate(report.team.stalled_by_person)
    ]
    items = [
        Row(str(index), row["name"], [count_cell(row["open"]), count_cell(row["overdue"])])
        for index, row in enumerate(report.team.action_items)
    ]
    return [
        Table(
            "team-stalled",
            _("Stalled pathways per contact person"),
            _("Contact person"),
            [_("Active caseload"), _("Stalled"), _("Caseload limit")],
            people,
            extra={"team": True},
        ),
        Table(
            "team-actions",
            _("Open action items from case conferences"),
            _("Owner"),
            [_("Open"), _("Overdue")],
            items,
            extra={"team": True},
        ),
    ]
