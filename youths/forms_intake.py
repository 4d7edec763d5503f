"""Forms of the intake meeting (visitation) and the network map. They parse
what a person typed; youths/services.py holds the rules and writes."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, OrganisationKind
from kui.lib.forms import validate_phone_number
from youths.forms import DATE_WIDGET
from youths.forms_casefile import (
    casework_colleagues,
    check_case_date,
    contact_person_field,
    limit_contact_persons,
    with_active_caseload,
)
from youths.models import Closeness, IntakeMeeting, NetworkPerson, Youth
from youths.signals import FIRST_STEP_KINDS

STEP_TITLE_MAX_LENGTH = 200  # the first step's title


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _text(model, name: str, label, rows: int, help_text="") -> forms.CharField:
    """A required text box sized to the model field (full_clean() does not
    check a TextField's max_length, so the form does)."""
    return forms.CharField(
        label=label,
        max_length=_max_length(model, name),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class IntakeForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE_WIDGET, initial=timezone.localdate)
    participants = _text(
        IntakeMeeting,
        "participants",
        _("Participants"),
        2,
        help_text=_("Who took part: the youth, their network and the professionals."),
    )
    youth_wishes = _text(
        IntakeMeeting,
        "youth_wishes",
        _("The youth's own wishes"),
        4,
        help_text=_("In the youth's own words where possible."),
    )
    agreements = _text(IntakeMeeting, "agreements", _("What we agreed"), 4)
    goal = forms.CharField(
        label=_("The youth's long-term goal"),
        max_length=_max_length(IntakeMeeting, "goal"),
        help_text=_("Becomes the goal of the pathway, for example EGU in logistics."),
    )
    starts_now = forms.CharField(
        label=_("What starts right away"),
        max_length=STEP_TITLE_MAX_LENGTH,
        help_text=_("There must always be a next step: it becomes the first planned step of the plan."),
    )
    starts_now_kind = forms.ChoiceField(label=_("Kind of activity"), choices=lambda: FIRST_STEP_KINDS)
    starts_now_on = forms.DateField(label=_("Starts on"), widget=DATE_WIDGET, initial=timezone.localdate)
    starts_now_review_on = forms.DateField(
        label=_("Follow up by"),
        widget=DATE_WIDGET,
        initial=lambda: timezone.localdate() + datetime.timedelta(days=14),
        help_text=_("When the contact person and the youth look at how it goes."),
    )
    contact_person = contact_person_field(help_text=_("The one adult who holds the thread from today."))

    def __init__(self, *args, youth: Youth, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.youth = youth
        people = with_active_caseload(casework_colleagues(youth.organisation_id))
        limit_contact_persons(self.fields["contact_person"], youth, user, people)

    def clean_held_on(self):
        """ "Not before the referral" is intake_record's rule; its error is shown here."""
        return check_case_date(self.cleaned_data["held_on"], self.youth)


class NetworkPersonForm(forms.Form):
    prefix = "network"  # its fields share the profile page with other forms

    name = forms.CharField(label=_("Name"), max_length=_max_length(NetworkPerson, "name"))
    relation = forms.CharField(
        label=_("Relation"),
        max_length=_max_length(NetworkPerson, "relation"),
        help_text=_("For example mother, friend, football coach."),
    )
    ring = forms.TypedChoiceField(
        label=_("Ring"),
        coerce=int,
        initial=Closeness.MIDDLE,
        help_text=_("1 is closest to the youth."),
        choices=[(value, format_lazy("{} – {}", value, label)) for value, label in Closeness.choices],
    )
    supportive = forms.BooleanField(
        label=_("Supportive"),
        required=False,
        initial=True,
        help_text=_("Untick if the relation is straining."),
    )


class ProfessionalForm(forms.Form):
    """A professional of another department in the youth's professional network."""

    prefix = "professional"

    name = forms.CharField(label=_("Name"), max_length=_max_length(NetworkPerson, "name"))
    organisation = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Organisation.objects.none(),
        help_text=_("Family department, health, psychiatry, job centre or substance-use service."),
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=_max_length(NetworkPerson, "relation"),
        help_text=_("For example psychologist, family worker or job-centre consultant."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=_max_length(NetworkPerson, "phone"),
        required=False,
        validators=[validate_phone_number],
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind__in=OrganisationKind.other_departments()
        ).order_by("name")
