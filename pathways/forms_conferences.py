"""Forms for case conferences, their action items and tasks (tasks are
made by hand or born from a conference's action item)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Team, User
from kui.accounts.searches import team_caseworkers
from kui.lib.search_select import SearchChoiceField
from pathways.conferences import Becomes, casework_colleagues
from pathways.models import CaseConference, StepType
from youths.case_dates import planned_date_error
from youths.models import ContactPersonAssignment, NetworkPerson, Youth

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _not_in_past(day: datetime.date | None, message) -> datetime.date | None:
    if day is not None and day < timezone.localdate():
        raise ValidationError(message)
    return day


def _deadline(day: datetime.date | None) -> datetime.date | None:
    """A due date: not in the past, not beyond the planning horizon (youths/case_dates.py)."""
    _not_in_past(day, _("The due date cannot be in the past."))
    if day is not None and (beyond := planned_date_error(day)):
        raise ValidationError(beyond)
    return day


class ConferenceForm(forms.ModelForm):
    class Meta:
        model = CaseConference
        fields = ["held_on", "starts_at", "place", "team"]
        widgets = {"held_on": DATE_WIDGET, "starts_at": TIME_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=user.organisation_id)
        self.fields["starts_at"].required = True

    def clean_held_on(self):
        return _not_in_past(self.cleaned_data["held_on"], _("The date cannot be in the past."))


class CasePickForm(forms.Form):
    """One checkbox and one question per candidate youth; the fields are
    named by the youth's public id so the page can lay them out in a table."""

    def __init__(self, *args, youths: list[Youth], questions: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.youths = youths
        for youth in youths:
            key = youth.public_id.hex
            self.fields[f"pick_{key}"] = forms.BooleanField(
                label=youth.display_name, required=False, initial=youth.pk in questions
            )
            self.fields[f"question_{key}"] = forms.CharField(
                label=_("Question for the group"), required=False, max_length=500, initial=questions.get(youth.pk, "")
            )

    def clean(self):
        cleaned = super().clean()
        if len(self.picks()) > CaseConference.MAX_CASES:
            raise ValidationError(_("Pick at most %(max)d cases.") % {"max": CaseConference.MAX_CASES}, code="too_many")
        return cleaned

    def picks(self) -> dict[Youth, str]:
        data = self.cleaned_data
        return {
            youth: data.get(f"question_{youth.public_id.hex}", "")
            for youth in self.youths
            if data.get(f"pick_{youth.public_id.hex}")
        }

    def rows(self):
        """(youth, checkbox, question) for the template."""
        for youth in self.youths:
            key = youth.public_id.hex
            yield youth, self[f"pick_{key}"], self[f"question_{key}"]


def default_owner(user: User, youth: Youth | None, colleagues) -> User:
    """The action item usually lands with the one who holds the thread: the
    youth's contact person, if they may own it; otherwise whoever records it."""
    if youth is not None:
        assignment = ContactPersonAssignment.objects.current_for(youth)
        if assignment is not None and colleagues.filter(pk=assignment.contact_person_id).exists():
            return assignment.contact_person
    return user


class CaseNotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class CaseRecordForm(CaseNotesForm):
    """Notes plus the case's mandatory action item."""

    description = forms.CharField(label=_("Action item: what will be tried"), max_length=500)
    owner = SearchChoiceField(
        "caseworkers",
        label=_("Owner"),
        to_field_name="public_id",
        help_text=_("From the youth unit. If a professional carries it out, the owner follows up."),
    )
    professional = forms.ModelChoiceField(
        label=_("Carried out by a professional from another department"),
        queryset=NetworkPerson.objects.none(),
        required=False,
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE_WIDGET)
    becomes = forms.ChoiceField(
        label=_("The action item becomes"),
        widget=forms.RadioSelect,
        choices=[(Becomes.STEP, _("a step in the youth's plan")), (Becomes.TASK, _("a task for the owner"))],
    )
    step_type = forms.ChoiceField(label=_("Type of step"), required=False, choices=[("", "–"), *StepType.choices])
    starts_on = forms.DateField(label=_("Step starts"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, user, youth: Youth | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        colleagues = casework_colleagues(user)
        self.fields["owner"].limit_to(user, queryset=colleagues, suggested=team_caseworkers(user))
        self.fields["owner"].initial = default_owner(user, youth, colleagues).public_id
        if youth is not None:
            professionals = youth.network.professional().current().select_related("organisation")
            self.fields["professional"].queryset = professionals

    def clean_due_on(self):
        return _deadline(self.cleaned_data["due_on"])

    def clean_starts_on(self):
        return _not_in_past(self.cleaned_data.get("starts_on"), _("The step cannot start in the past."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("becomes") == Becomes.STEP:
            if not cleaned.get("step_type"):
                self.add_error("step_type", _("Choose the type of step."))
            if not cleaned.get("starts_on") and "starts_on" not in self.errors:
                self.add_error("starts_on", _("Choose when the step starts."))
        return cleaned

    def action(self) -> dict:
        data = self.cleaned_data
        action = {name: data[name] for name in ("description", "owner", "due_on", "becomes", "professional")}
        if data["becomes"] == Becomes.STEP:
            action.update(step_type=data["step_type"], starts_on=data["starts_on"])
        return action


class TaskForm(forms.Form):
    youth = SearchChoiceField("open-case-files", label=_("Youth"), to_field_name="public_id")
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = SearchChoiceField("caseworkers", label=_("Owner"), to_field_name="public_id")
    due_on = forms.DateField(label=_("Due"), widget=DATE_WIDGET)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisation's youths are found by searching; the user's own caseload is listed.
        mine = Youth.objects.in_caseload_of(user)
        self.fields["youth"].limit_to(
            user, suggested=Youth.objects.case_files_visible_to(user).open().filter(pk__in=mine.values("pk"))
        )
        self.fields["owner"].limit_to(user, queryset=casework_colleagues(user), suggested=team_caseworkers(user))
        self.fields["owner"].initial = user.public_id

    def clean_due_on(self):
        return _deadline(self.cleaned_data["due_on"])


class AttendeeForm(forms.Form):
    """Who takes part: name, profession and organisation (the youth unit's own,
    a partner's, or another department's)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    profession = forms.CharField(
        label=_("Profession"), max_length=100, help_text=_("For example psychologist, family worker, teacher.")
    )
    organisation = SearchChoiceField("organisations", label=_("Organisation"), to_field_name="public_id")
    shared_without_consent_confirmed = forms.BooleanField(
        label=_("I have read the warning: those cases are discussed without this organisation"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].limit_to(user)
