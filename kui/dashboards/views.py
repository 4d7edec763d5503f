"""The steering dashboard, its exports and the PDF pack for the meeting.

Steering members, team leads and administrators only (404 for the rest).
The pages show aggregates of a scope (scopes.py), never a youth: nothing
here links to or names a youth.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kui.accounts.models import Role
from kui.dashboards import breakdowns, charts, exports, key_problems, report, scopes, tables
from kui.dashboards.forms import DashboardForm, KeyProblemsForm
from kui.dashboards.periods import Period
from kui.lib.access import role_required
from kui.lib.pdf import render_pdf

HEADLINE_TABLES = ("youths", "engagement", "days")


@dataclass
class Dashboard:
    scope: scopes.Scope
    form: DashboardForm
    period: Period
    breakdown: str
    report: report.Report
    tables: list[tables.Table]

    def table(self, table_id: str) -> tables.Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise Http404

    @property
    def context_lines(self) -> list[str]:
        """What every export starts with: whose figures, which period, when."""
        figures = self.report
        # Whole sentences with placeholders: makemessages cannot read a call inside an f-string.
        return [
            _("Scope: %(scope)s") % {"scope": self.scope.label},
            _("Period: %(period)s (%(start)s–%(end)s)")
            % {
                "period": self.period.label,
                "start": f"{self.period.start:%d.%m.%Y}",
                "end": f"{figures.as_of:%d.%m.%Y}",
            },
            _("Breakdown: %(breakdown)s") % {"breakdown": breakdowns.BREAKDOWNS[self.breakdown]},
            _("Computed at: %(at)s") % {"at": f"{timezone.localtime(figures.computed_at):%d.%m.%Y %H.%M}"},
            _("Counts under 5 are shown as <5; ≥5 marks a figure hidden so a small one cannot be worked out."),
        ]


def _dashboard(request: HttpRequest) -> Dashboard:
    scope = scopes.scope_for(request.user)
    if scope is None:
        raise Http404
    today = timezone.localdate()
    form = DashboardForm(request.GET or None, today=today)
    period, breakdown = form.selection()
    figures = report.cached(scope, period, breakdown, today, with_team=request.user.role == Role.TEAM_LEAD)
    # Built when first used: the page's cached HTML (overview) needs no tables.
    return Dashboard(scope, form, period, breakdown, figures, SimpleLazyObject(lambda: tables.build(figures)))


def _filename(dashboard: Dashboard, suffix: str) -> str:
    return f"kui-noegletal-{dashboard.period.param}{'-' + dashboard.breakdown if dashboard.breakdown else ''}.{suffix}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    dashboard = _dashboard(request)
    figures = dashboard.report
    return render(
        request,
        "dashboards/overview.html",
        {
            "dashboard": dashboard,
            "form": dashboard.form,
            "scope": dashboard.scope,
            "period": dashboard.period,
            "report": figures,
            # The figures' HTML is cached with them: one key per computed report and language
            # (rendering the tables and charts took most of a cached page's time).
            "body_key": f"{report.key_of(figures, dashboard.scope)}:{figures.computed_at.timestamp()}:{translation.get_language()}",
            "body_seconds": settings.KUI_DASHBOARD_CACHE_SECONDS,
            "sections": SimpleLazyObject(lambda: _sections(dashboard)),
            # The links carry the validated selection, never the raw query string.
            "query": urlencode({"period": dashboard.period.param, "breakdown": dashboard.breakdown}),
        },
    )


def _sections(dashboard: Dashboard) -> dict[str, list[tables.Table]]:
    by_kind = {"headline": [], "trend": [], "team": [], "other": []}
    for table in dashboard.tables:
        kind = (
            "trend"
            if table.extra.get("trend")
            else "team"
            if table.extra.get("team")
            else ("headline" if table.id in HEADLINE_TABLES else "other")
        )
        by_kind[kind].append(table)
    return by_kind


def _selected_tables(request: HttpRequest, dashboard: Dashboard) -> list[tables.Table]:
    table_id = request.GET.get("table")
    return [dashboard.table(table_id)] if table_id else dashboard.tables


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    dashboard = _dashboard(request)
    content = exports.to_csv(_selected_tables(request, dashboard), dashboard.context_lines)
    return _download(content, "text/csv; charset=utf-8", _filename(dashboard, "csv"))


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    dashboard = _dashboard(request)
    content = exports.to_xlsx(_selected_tables(request, dashboard), dashboard.context_lines)
    return _download(
        content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _filename(dashboard, "xlsx")
    )


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def meeting_pack(request: HttpRequest) -> HttpResponse:
    """The PDF for the steering meeting: the period against the previous one,
    with the charts drawn as SVG (WeasyPrint runs no JavaScript)."""
    dashboard = _dashboard(request)
    pdf = render_pdf(
        "dashboards/meeting_pack.html", {"dashboard": dashboard, "sections": pdf_sections(dashboard)}, request=request
    )
    return _download(pdf, "application/pdf", _filename(dashboard, "pdf"))


PDF_TRENDS = ["admitted", "active", "waiting", "completed", "dropped_out", "stalled_share"]
PDF_MAX_GROUPS = 5  # more group columns do not fit an A4 page: the XLSX has them


def pdf_sections(dashboard: Dashboard) -> list[dict]:
    """The tables of the pack with their charts as SVG; the trend of the
    main figures only, and the breakdown columns when they fit the page."""
    sections = []
    for table in dashboard.tables:
        if table.extra.get("trend") and table.extra["kpi"] not in PDF_TRENDS:
            continue
        fixed = 3 if table.id in HEADLINE_TABLES else 1 if table.extra.get("trend") else len(table.columns)
        columns = fixed if len(table.columns) - fixed > PDF_MAX_GROUPS else len(table.columns)
        sections.append(
            {
                "table": table,
                "columns": table.columns[:columns],
                "rows": [(row.label, row.cells[:columns]) for row in table.rows],
                "chart": charts.svg(table.chart) if table.chart else None,
            }
        )
    return sections


def _key_problems(request: HttpRequest) -> tuple[KeyProblemsForm, key_problems.KeyProblems]:
    scope = scopes.scope_for(request.user)
    if scope is None:
        raise Http404
    form = KeyProblemsForm(request.GET or None)
    return form, key_problems.key_problems(scope, form.granularity_or_default(), timezone.localdate())


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def key_problems_page(request: HttpRequest) -> HttpResponse:
    """Logbook themes counted per period and team: numbers only, suppressed."""
    form, figures = _key_problems(request)
    tables_shown = [figures.over_time, *([figures.by_team] if figures.by_team else [])]
    return render(
        request,
        "dashboards/key_problems.html",
        {
            "form": form,
            "figures": figures,
            "scope": figures.scope,
            "tables": tables_shown,
            "query": urlencode({"granularity": figures.granularity}),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@role_required(*scopes.DASHBOARD_ROLES)
@require_GET
def key_problems_csv(request: HttpRequest) -> HttpResponse:
    _form, figures = _key_problems(request)
    lines = [
        f"{_('Scope')}: {figures.scope.label}",
        f"{_('Period')}: {figures.periods[0].start:%d.%m.%Y}–{figures.through:%d.%m.%Y}",
        _("Counts under 5 are shown as <5; ≥5 marks a figure hidden so a small one cannot be worked out."),
    ]
    tables_shown = [figures.over_time, *([figures.by_team] if figures.by_team else [])]
    content = exports.to_csv(tables_shown, lines)
    return _download(content, "text/csv; charset=utf-8", f"kui-noegleproblemer-{figures.granularity}.csv")
