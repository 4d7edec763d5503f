from django import forms
from django.utils.translation import gettext_lazy as _

from kui.dashboards import breakdowns, periods
from kui.dashboards.periods import KINDS, MONTH, QUARTER, YEAR, Period


class DashboardForm(forms.Form):
    """What to show: a period and a breakdown, both from fixed lists, so no
    parameter can ask for a finer cut than the dashboard offers."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False, choices=list(breakdowns.BREAKDOWNS.items()))

    def __init__(self, data, *, today):
        super().__init__(data)
        self.today = today
        offered = periods.offered(today)
        self.fields["period"].choices = [
            (KINDS[kind], [(period.param, period.label) for period in offered[kind]]) for kind in (QUARTER, MONTH, YEAR)
        ]
        self.fields["period"].widget.attrs["id"] = "dashboard-period"
        self.fields["breakdown"].widget.attrs["id"] = "dashboard-breakdown"

    def selection(self) -> tuple[Period, str]:
        """The chosen period and breakdown; the defaults where the input is bad."""
        default = periods.default(self.today)
        if not self.is_valid():
            return default, breakdowns.NONE
        period = periods.parse(self.cleaned_data["period"]) or default
        return period, self.cleaned_data["breakdown"] or breakdowns.NONE


class KeyProblemsForm(forms.Form):
    """Month by month or quarter by quarter; nothing finer."""

    granularity = forms.ChoiceField(
        label=_("Over time by"),
        required=False,
        choices=[(MONTH, _("Month")), (QUARTER, _("Quarter"))],
        error_messages={"invalid_choice": _("Choose month or quarter.")},
    )

    def granularity_or_default(self) -> str:
        if not self.is_valid():
            return MONTH
        return self.cleaned_data["granularity"] or MONTH
