"""The facts of the youth's situation: target groups, benefit, the
education-readiness assessment and other departments' measures. Parsing only;
the rules are in youths/services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, OrganisationKind
from youths.forms import DATE_WIDGET
from youths.models import Benefit, Readiness, TargetGroup


def _departments():
    return Organisation.objects.filter(kind__in=OrganisationKind.other_departments()).order_by("name")


class TargetGroupsForm(forms.Form):
    groups = forms.MultipleChoiceField(
        label=_("Target groups that apply"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The main target group is always included."),
    )


class BenefitForm(forms.Form):
    benefit = forms.ChoiceField(label=_("Benefit"), choices=[("", "–"), *Benefit.choices], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def full_clean(self):
        """A hidden field's error would be shown nowhere: say it on the form."""
        super().full_clean()
        if self.is_bound and self._errors.pop("version", None):
            self.add_error(None, _("Nothing was saved: the page was out of date. Look at the benefit and try again."))


class ReadinessForm(forms.Form):
    readiness = forms.ChoiceField(label=_("Assessment"), choices=Readiness.choices)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE_WIDGET)
    assessed_by = forms.CharField(
        label=_("Assessed by"), max_length=200, help_text=_("Name and role, for example the job centre consultant.")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _departments()


class MeasureForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Department"), queryset=Organisation.objects.none())
    measure = forms.CharField(label=_("Measure"), max_length=200, help_text=_("For example: family treatment, § 52."))
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET, required=False)
    sensitive = forms.BooleanField(
        label=_("Confidential: only the youth's own contact persons and team lead see it"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _departments()
