import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Team
from kui.lib import cpr as cpr_lib
from kui.lib.forms import add_service_error, validate_phone_number
from youths import services
from youths.models import ContactMedium, Youth

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BlindTextInput(forms.TextInput):
    """Never sends its value back to the browser: a re-shown form (errors,
    duplicate warning) must not carry a typed CPR number in its HTML."""

    def format_value(self, value):
        return None


class YouthForm(forms.ModelForm):
    cpr = forms.CharField(
        label=_("CPR number"),
        required=False,
        max_length=11,
        help_text=_("Optional. 10 digits, with or without a dash. Stored encrypted and shown masked."),
        widget=BlindTextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Youth
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "birth_date",
            "cpr",
            "phone",
            "email",
            "address",
            "education_background",
            "target_group",
            "support_level",
            "referral_source",
            "referral_date",
            "priority",
            "team",
        ]
        widgets = {
            "birth_date": DATE_WIDGET,
            "referral_date": DATE_WIDGET,
            "education_background": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=user.organisation_id)
        if not self.instance.pk:
            # A youth registered without a team is on no team lead's board: the registrar's team unless changed.
            self.fields["team"].initial = user.team_id
        self.fields["phone"].validators.append(validate_phone_number)
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="off")
        self.fields["priority"].widget = forms.Select(
            choices=[(1, _("1 – most urgent")), (2, "2"), (3, _("3 – least urgent"))]
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # Never send the full CPR back to the browser; blank keeps the stored one.
            self.fields["cpr"].help_text = _("Stored: %(masked)s. Leave blank to keep it.") % {
                "masked": self.instance.cpr_masked or _("none")
            }

    def clean_cpr(self):
        raw = self.cleaned_data["cpr"].strip()
        if not raw:
            return ""
        try:
            return cpr_lib.normalise(raw)
        except cpr_lib.InvalidCpr:
            raise ValidationError(_("This is not a valid CPR number (10 digits with a real birth date).")) from None

    def clean(self):
        """The registration rules live in youth_check_registration; shown
        here too, so a preview (the import) finds them before saving."""
        cleaned = super().clean()
        born, referred = cleaned.get("birth_date"), cleaned.get("referral_date")
        try:
            services.youth_check_registration(
                birth_date=born if "birth_date" not in self.errors else None,
                referral_date=referred if "referral_date" not in self.errors else None,
                cpr=cleaned.get("cpr") or "",
            )
        except ValidationError as error:
            add_service_error(self, error)
        return cleaned

    def model_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name not in {"cpr"}}


def concerns_field(youth: Youth) -> forms.ModelChoiceField:
    """Whom in the network an entry is about, if not (only) the youth."""
    return forms.ModelChoiceField(
        label=_("Concerns another person"),
        queryset=youth.network.current(),
        required=False,
        empty_label=_("No – it is about the youth"),
        help_text=_(
            "For example the mother. Then only the youth's own contact persons and team lead can read it, "
            "and it is never shown to the youth, partners or in exports."
        ),
    )


class ContactForm(forms.Form):
    """The contact log's quick form: sensible defaults (now, phone, 15 min)
    so most contacts are logged with a single click on Save."""

    happened_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Buttons, not a drop-down: one tap on a phone instead of two.
    medium = forms.ChoiceField(
        label=_("Medium"),
        choices=ContactMedium.choices,
        initial=ContactMedium.PHONE,
        widget=forms.RadioSelect(attrs={"class": "medium-choice"}),
    )
    duration_minutes = forms.IntegerField(label=_("Minutes"), initial=15, min_value=1, max_value=600)
    reached = forms.BooleanField(label=_("Reached"), required=False, initial=True)
    note = forms.CharField(
        label=_("Short note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    # A new key each time the form is shown; sending the same form twice (or
    # from the offline queue) saves one contact (services.contact_log).
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, prefix_id: str = "", youth: Youth | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("happened_at", timezone.localtime().replace(second=0, microsecond=0))
            self.initial.setdefault("client_key", uuid.uuid4())
        if youth is not None:  # the full form; the board's quick form has no room for it
            self.fields["concerns"] = concerns_field(youth)
        # Unique ids when many quick forms share a page (one per board row).
        self.auto_id = f"id_{prefix_id}_%s" if prefix_id else "id_%s"


class ContactCorrectForm(ContactForm):
    """The same fields as the quick form, filled with the contact as it is
    stored, plus the version it was read at (a correction never silently
    overwrites another)."""

    participants = forms.CharField(label=_("Who took part"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)
    # A correction changes a stored contact; the key that logged it stays as it was.
    client_key = None

    field_order = ["happened_at", "medium", "duration_minutes", "reached", "participants", "note"]

    def __init__(self, *args, contact, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "happened_at": timezone.localtime(contact.happened_at),
                "medium": contact.medium,
                "duration_minutes": contact.duration_minutes,
                "reached": contact.reached,
                "participants": contact.participants,
                "note": contact.note,
                "version": contact.version,
            },
        )
        super().__init__(*args, **kwargs)

    def contact_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this case file?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your reason, your name and the time are shown to the team leads for review."),
    )
