from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation
from kui.lib.forms import add_service_error  # noqa: F401  (re-exported for the views)
from pathways.models import Step, StepStatus
from portfolio import disclosure
from portfolio.models import REFLECTION_MAX_LENGTH, Competence, PriorLearningSource, ReflectionKind, ReleaseDecision

ISSUED_BY_PARTNER, ISSUED_BY_UNIT = "partner", "unit"


class ReflectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=ReflectionKind.choices, initial=ReflectionKind.REFLECTION)
    text = forms.CharField(
        label=_("In your own words"),
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": REFLECTION_MAX_LENGTH}),
        help_text=_("Only you can write and change this. Your contact person can read it."),
    )


class CertificateIssueForm(forms.Form):
    step = forms.ModelChoiceField(label=_("Step"), queryset=Step.objects.none(), to_field_name="public_id")
    complete_step = forms.BooleanField(
        label=_("The step is not marked as completed yet: complete it now"),
        required=False,
    )
    outcome = forms.CharField(
        label=_("Outcome of the step"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed when the step is completed now."),
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences"),
        queryset=Competence.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )
    issued_by = forms.ChoiceField(
        label=_("Issued by"),
        widget=forms.RadioSelect,
        help_text=_("A step at a health or social service is always certified by your own unit."),
    )
    issued_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    evidence = forms.CharField(
        label=_("What the youth did"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Concrete and in plain words: it is printed on the certificate."),
    )

    def __init__(self, *args, youth, user, **kwargs):
        super().__init__(*args, **kwargs)
        steps = (
            Step.objects.filter(pathway__youth=youth)
            .exclude(status__in=[StepStatus.CANCELLED, StepStatus.DROPPED, StepStatus.WAITING])
            .select_related("partner")
            .order_by("-starts_on")
        )
        self.youth = youth
        self.fields["step"].queryset = steps.exclude(step_type__in=disclosure.NOT_CERTIFIABLE_STEP_TYPES)
        self.fields["step"].label_from_instance = lambda step: f"{step.title} ({step.get_status_display()})"
        self.fields["issued_on"].initial = timezone.localdate()
        self.fields["issued_by"].choices = [
            (ISSUED_BY_PARTNER, _("The partner organisation that hosted the step")),
            (ISSUED_BY_UNIT, _("Our own unit (%(name)s)") % {"name": youth.organisation}),
        ]
        self.fields["issued_by"].initial = ISSUED_BY_UNIT

    def clean(self):
        data = super().clean()
        step = data.get("step")
        if step is not None and data.get("issued_by") == ISSUED_BY_PARTNER:
            if step.partner is None:
                self.add_error("issued_by", _("The step has no partner organisation: choose your own unit."))
            elif disclosure.organisation_reveals(step.partner):
                self.add_error("issued_by", _("A step at a health or social service is certified by your own unit."))
        if step is not None and step.is_open:
            if not data.get("complete_step"):
                self.add_error("step", _("A certificate can only be issued for a completed step."))
            elif not (data.get("outcome") or "").strip():
                self.add_error("outcome", _("Write the outcome of the step."))
        return data

    def issuer(self) -> Organisation:
        """The organisation chosen by role, never typed: the service checks it again."""
        step = self.cleaned_data["step"]
        if self.cleaned_data["issued_by"] == ISSUED_BY_PARTNER and step.partner is not None:
            return step.partner
        return self.youth.organisation

    def complete_step_outcome(self) -> str:
        step = self.cleaned_data["step"]
        return self.cleaned_data.get("outcome", "") if step.is_open and self.cleaned_data.get("complete_step") else ""


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the certificate revoked?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactPersonProposalForm(forms.Form):
    """The youth's choice: one of the staff members their search found, or
    someone from their network map. The choices are only what the youth
    searched for (at most ten) and their own network: never a list of all
    staff."""

    choice = forms.ChoiceField(label=_("Whom do you propose?"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why this person? (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
    )

    def __init__(self, *args, found: list, network: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.found = {f"staff:{person.public_id}": person for person in found}
        self.network = {f"network:{person.pk}": person for person in network}
        self.fields["choice"].choices = [
            *((key, f"{person} ({person.organisation})") for key, person in self.found.items()),
            *((key, f"{person.name} ({person.relation})") for key, person in self.network.items()),
        ]

    def clean_choice(self):
        choice = self.cleaned_data["choice"]
        if choice not in self.found and choice not in self.network:
            raise forms.ValidationError(_("Choose one of the people shown."))
        return choice

    def service_arguments(self) -> dict:
        choice = self.cleaned_data["choice"]
        return {
            "proposed_user": self.found.get(choice),
            "network_person": self.network.get(choice),
            "reason": self.cleaned_data.get("reason", ""),
        }


class PriorLearningForm(forms.Form):
    title = forms.CharField(label=_("What the youth can"), max_length=200)
    source = forms.ChoiceField(label=_("Learnt through"), choices=PriorLearningSource.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it was documented: a reference, a test in the workshop, a diploma. Printed in the portfolio."),
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences (optional)"),
        queryset=Competence.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()


class GoalReachedForm(forms.Form):
    reached = forms.BooleanField(required=False)


class ReminderSettingsForm(forms.Form):
    by_sms = forms.BooleanField(label=_("Remind me by SMS"), required=False)
    sms_number = forms.CharField(
        label=_("My mobile number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    by_email = forms.BooleanField(label=_("Remind me by e-mail"), required=False)
    days_before = forms.TypedChoiceField(
        label=_("When"),
        coerce=int,
        choices=[
            (1, _("The day before")),
            (2, _("Two days before")),
            (3, _("Three days before")),
            (7, _("A week before")),
        ],
        initial=1,
    )


class AccessReviewForm(forms.Form):
    """The review of an access request: for each free text, what to release.
    Fields are numbered (t0-decision, t0-text, t0-reason …); `decisions()`
    gives them to the service keyed by the text, and the service's errors
    (keyed "<text key>|<field>") land back on the right field."""

    def __init__(self, *args, entries: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        self.prefix_of = {}
        for index, entry in enumerate(entries):
            prefix = f"t{index}"
            self.prefix_of[entry.key] = prefix
            self.fields[f"{prefix}-decision"] = forms.ChoiceField(
                label=_("Decision"), choices=[("", "---------"), *ReleaseDecision.choices], required=False
            )
            self.fields[f"{prefix}-text"] = forms.CharField(
                label=_("Text as released"),
                required=False,
                max_length=5000,
                initial=entry.text,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Only when parts are left out: delete them here."),
            )
            self.fields[f"{prefix}-reason"] = forms.CharField(
                label=_("Why is something left out?"), required=False, max_length=500
            )

    def rows(self) -> list:
        return [
            (entry, [self[f"{self.prefix_of[entry.key]}-{name}"] for name in ("decision", "text", "reason")])
            for entry in self.entries
        ]

    def decisions(self) -> dict[str, dict]:
        return {
            entry.key: {name: self.cleaned_data.get(f"{prefix}-{name}", "") for name in ("decision", "text", "reason")}
            for entry in self.entries
            if (prefix := self.prefix_of[entry.key])
        }

    def release_all(self) -> dict[str, dict]:
        """The one-click answer: every text released as written."""
        return {entry.key: {"decision": ReleaseDecision.RELEASE} for entry in self.entries}

    def add_service_error(self, error) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages_ in error.message_dict.items():
            key, _sep, field = name.rpartition("|")
            target = f"{self.prefix_of[key]}-{field}" if key in self.prefix_of else None
            self.add_error(target if target in self.fields else None, messages_)
