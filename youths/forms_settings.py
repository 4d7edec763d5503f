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


class PracticeLimitsForm(forms.Form):
    """The practices' cadences; youths/services.py practice_limits_update
    checks the ranges and saves."""

    close_review_weeks = forms.IntegerField(label=_("Close follow: review the plan every (weeks)"), min_value=1)
    external_review_weeks = forms.IntegerField(
        label=_("Follow in external course: review the plan every (weeks)"), min_value=1
    )
    exit_review_weeks = forms.IntegerField(label=_("Exit phase: review the plan every (weeks)"), min_value=1)
    referral_answer_working_days = forms.IntegerField(
        label=_("A partner answers a referral within (working days)"),
        min_value=1,
        help_text=_("Past this, the referral shows as overdue and the contact person gets a task."),
    )
    aftercare_months = forms.CharField(
        label=_("Aftercare check-ins (months after the start)"),
        max_length=60,
        help_text=_("Months after the youth started education or a job, separated by commas, e.g. 3, 6, 12."),
    )

    @classmethod
    def initial_from_settings(cls) -> dict:
        weeks = SupportLevelThreshold.review_weeks()
        limits = EffortLimits.current()
        return {
            **{f"{level}_review_weeks": weeks[level] for level in SupportLevel.values},
            "referral_answer_working_days": limits.referral_answer_working_days,
            "aftercare_months": ", ".join(str(month) for month in limits.aftercare_months),
        }

    def clean_aftercare_months(self) -> list[int]:
        raw = self.cleaned_data["aftercare_months"]
        parts = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
        if not parts or not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("Write whole months separated by commas, e.g. 3, 6, 12."))
        return [int(part) for part in parts]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "review_weeks": {level: data[f"{level}_review_weeks"] for level in SupportLevel.values},
            "referral_answer_working_days": data["referral_answer_working_days"],
            "aftercare_months": data["aftercare_months"],
        }
