"""Forms of the partnership pages. They parse and check what a person typed;
the rules that guard the data live in partners/services.py, whose errors are
shown on the same form (add_service_error)."""

from django import forms
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, OrganisationKind, Role, User
from kui.lib.forms import add_service_error  # noqa: F401  (re-exported for the views)
from kui.lib.search_select import SearchChoiceField
from partners.models import (
    BodyMember,
    Decision,
    GovernanceBody,
    GovernanceMeeting,
    InternshipSearch,
    Offer,
    PartnerContact,
    PartnershipAgreement,
    Referral,
)
from pathways.models import StepType

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
STAFF_ROLES = [Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.ADMINISTRATOR]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "address", "phone", "email", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class OrganisationFilterForm(forms.Form):
    MUNICIPAL, PARTNERS = "municipal", "partners"
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("All")),
            (MUNICIPAL, _("Municipal units")),
            (PARTNERS, _("Partners")),
            *OrganisationKind.choices,
        ],
    )


class PartnerContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "role", "phone", "email"]


def weekdays_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=sorted(WEEKDAYS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OfferForm(forms.ModelForm):
    weekdays = weekdays_field()
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=500, initial=1)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), min_value=0, max_value=60, max_digits=4, decimal_places=1, required=False
    )

    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "trade",
            "job_function",
            "mentor",
            "capacity",
            "hours_per_week",
            "weekdays",
            "description",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"trade": _("Required for internships: matched with the youths looking for one.")}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = organisation.partner_contacts.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == StepType.INTERNSHIP and not cleaned.get("trade"):
            self.add_error("trade", _("Choose the trade of the internship."))
        return cleaned

    def offer_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InternshipSearchForm(forms.ModelForm):
    class Meta:
        model = InternshipSearch
        fields = ["trade", "note"]


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["offer", "wished_start", "note"]
        widgets = {"wished_start": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.active().select_related("organisation")
        self.fields["offer"].label_from_instance = lambda offer: f"{offer.organisation} – {offer.title}"
        self.fields["wished_start"].initial = timezone.localdate


class ReferralAcceptForm(forms.Form):
    starts_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("End"), widget=DATE_WIDGET, required=False)


class ReferralDeclineForm(forms.Form):
    decline_reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class _StepChoiceForm(forms.Form):
    """A choice among the youth's current steps at the partner (usually one)."""

    step = forms.ChoiceField(
        label=_("Step"),
        error_messages={
            "invalid_choice": _("That step is not one of the youth's steps with you. Reload the page and try again.")
        },
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = {str(step.public_id): step for step in steps}
        self.fields["step"].choices = [(key, step.title) for key, step in self.steps.items()]
        if len(self.steps) == 1:
            self.fields["step"].initial = next(iter(self.steps))
            self.fields["step"].widget = forms.HiddenInput()

    def clean_step(self):
        return self.steps[self.cleaned_data["step"]]

    def clean(self):
        # With one step the choice is a hidden field, whose errors no one would see: say them above the form.
        if self.fields["step"].widget.is_hidden and "step" in self.errors:
            self.add_error(None, self.errors.pop("step"))
        return super().clean()


class AttendanceForm(_StepChoiceForm):
    day = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    present = forms.TypedChoiceField(
        label=_("Attendance"),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Present")), ("no", _("Absent"))],
    )
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("E.g. called in sick. No sensitive details.")
    )


class OutcomeForm(_StepChoiceForm):
    outcome = forms.CharField(label=_("How did it go?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


def agreement_owners(user):
    """Who may own an agreement: active staff of the user's organisation
    (an administrator: of any organisation)."""
    owners = User.objects.filter(is_active=True, role__in=STAFF_ROLES)
    if not user.is_administrator:
        owners = owners.filter(organisation_id=user.organisation_id)
    return owners


class AgreementForm(forms.ModelForm):
    # Thousands of staff: the owner is found by searching, never all listed.
    owner = SearchChoiceField("agreement-owners", label=_("owner"), help_text=_("Reminded before the review date."))
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PartnershipAgreement
        fields = ["title", "purpose", "status", "signed_on", "review_on", "owner"]
        widgets = {"signed_on": DATE_WIDGET, "review_on": DATE_WIDGET, "purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].limit_to(user, suggested=User.objects.filter(pk=user.pk))
        self.fields["owner"].initial = user.pk
        if self.instance.pk:
            self.fields["parties"].initial = list(self.instance.parties.values_list("pk", flat=True))
        elif user.organisation_id:
            self.fields["parties"].initial = [user.organisation_id]

    def _post_clean(self):
        """Only parse: agreement_create/agreement_update validate (dates,
        parties, owner) and their errors are shown on this form."""

    def agreement_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CommitmentsForm(forms.Form):
    commitments = forms.CharField(
        label=_("Commitments"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Signed agreement (PDF or DOCX)"))


class BodyForm(forms.ModelForm):
    class Meta:
        model = GovernanceBody
        fields = ["kind", "name", "mandate"]
        widgets = {"mandate": forms.Textarea(attrs={"rows": 3})}


class MemberForm(forms.ModelForm):
    """Members are chosen from the agreement's parties only."""

    class Meta:
        model = BodyMember
        fields = ["organisation", "name", "role", "email", "user"]

    def __init__(self, *args, body: GovernanceBody, **kwargs):
        super().__init__(*args, **kwargs)
        parties = body.agreement.parties.all()
        self.fields["organisation"].queryset = parties
        self.fields["user"].queryset = User.objects.filter(is_active=True, organisation__in=parties).exclude(
            role=Role.YOUTH
        )
        self.fields["user"].help_text = _("Optional: gives a steering member access to the body's pages.")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = GovernanceMeeting
        fields = ["held_on", "starts_at", "place", "agenda", "minutes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "starts_at": TIME_WIDGET,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }

    def meeting_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "responsible", "due_on"]
        widgets = {"due_on": DATE_WIDGET}
