"""The administrators' settings page for the effort's limits. The form only
parses; youths/services.py checks the ranges and saves (effort_limits_update)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from youths.models import EffortLimits, SupportLevel, SupportLevelThreshold
from youths.services import CASELOAD_LIMIT_MAX, KUI_WORKING_DAYS_MAX, LIMIT_DAYS_MAX


def _days(label, help_text="", maximum=LIMIT_DAYS_MAX) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=maximum, help_text=help_text)


class EffortLimitsForm(forms.Form):
    close = _days(_("Close follow: days without contact"))
    external = _days(_("Follow in external course: days without contact"))
    exit = _days(_("Exit phase: days without contact"))
    kui_contact_working_days = _days(
        _("KUI deadline for contact (working days)"),
        _("A youth under 18 who drops out must be contacted within this many working days."),
        KUI_WORKING_DAYS_MAX,
    )
    kui_activity_days = _days(
        _("KUI deadline for a new activity (days)"),
        _("A youth under 18 who drops out must be offered a new activity within this many days."),
    )
    caseload_limit = _days(
        _("Standard caseload limit"),
        _("Active youths per contact person. Contact persons on the standard limit follow a change."),
        CASELOAD_LIMIT_MAX,
    )
    waiting_days = _days(
        _("Longest wait for an intake meeting (days)"),
        _("The waiting list marks youths referred longer ago than this."),
    )

    @classmethod
    def initial_from_settings(cls) -> dict:
        limits = EffortLimits.current()
        return {
            **SupportLevelThreshold.as_dict(),
            "kui_contact_working_days": limits.kui_contact_working_days,
            "kui_activity_days": limits.kui_activity_days,
            "caseload_limit": limits.caseload_limit,
            "waiting_days": limits.waiting_days,
        }

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "thresholds": {level: data[level] for level in SupportLevel.values},
            "kui_contact_working_days": data["kui_contact_working_days"],
            "kui_activity_days": data["kui_activity_days"],
            "caseload_limit": data["caseload_limit"],
            "waiting_days": data["waiting_days"],
        }
