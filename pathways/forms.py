"""Forms of the activity plan, the ball and group courses. They parse and
check what a person typed; the rules that guard the data live in
pathways/services.py, whose errors are shown on the same form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import CASEWORK_ROLES, Organisation, Role, User
from kui.lib.forms import add_service_error  # noqa: F401  (re-exported for the views)
from kui.lib.search_select import SearchChoiceField
from pathways.models import (
    EducationKind,
    GroupCourse,
    Pathway,
    PathwayOutcome,
    Step,
    StepStatus,
    StepType,
    Weekday,
)
from youths.models import NetworkPerson, Youth

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_HOURS_PER_WEEK = 60


def _weekdays_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for Monday to Friday."),
    )


def _hours_field(required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Hours per week"),
        min_value=0,
        max_value=MAX_HOURS_PER_WEEK,
        max_digits=4,
        decimal_places=1,
        required=required,
    )


def _not_in_future(day: datetime.date) -> datetime.date:
    if day and day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return day


class PathwayStartForm(forms.Form):
    goal = forms.CharField(label=_("Long-term goal"), max_length=200)
    started_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET, initial=timezone.localdate)


class PathwayCloseForm(forms.Form):
    ended_on = forms.DateField(label=_("End"), widget=DATE_WIDGET, initial=timezone.localdate)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PathwayOutcome.choices)
    education_kind = forms.ChoiceField(
        label=_("Kind of education"),
        choices=[("", "–"), *EducationKind.choices],
        required=False,
        help_text=_("When the youth started education."),
    )

    def __init__(self, *args, pathway: Pathway, **kwargs):
        super().__init__(*args, **kwargs)
        self.pathway = pathway

    def clean(self):
        """The dates and the education are checked by pathway_close."""
        cleaned = super().clean()
        if cleaned.get("outcome") != PathwayOutcome.EDUCATION:
            cleaned["education_kind"] = ""
        return cleaned


class StepForm(forms.ModelForm):
    """Adding or editing a step. A step in a group course takes the course's
    dates, weekdays and hours where the form leaves them empty."""

    weekdays = _weekdays_field()
    hours_per_week = _hours_field()
    starts_on = forms.DateField(
        label=_("Start"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Required, unless the group course's start applies."),
    )
    # Hundreds of partner organisations: found by searching, never all listed.
    partner = SearchChoiceField("partners", label=_("Partner"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Step
        fields = [
            "step_type",
            "education_kind",
            "title",
            "purpose",
            "partner",
            "mentor",
            "group_course",
            "starts_on",
            "ends_on",
            "review_on",
            "hours_per_week",
            "weekdays",
        ]
        widgets = {"ends_on": DATE_WIDGET, "review_on": DATE_WIDGET, "purpose": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"education_kind": _("Only for steps of the type education.")}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].limit_to(user)
        self.fields["group_course"].queryset = GroupCourse.objects.visible_to(user)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("group_course")
        if course:
            cleaned["starts_on"] = cleaned.get("starts_on") or course.starts_on
            cleaned["ends_on"] = cleaned.get("ends_on") or course.ends_on
            cleaned["weekdays"] = cleaned.get("weekdays") or course.weekdays
            if cleaned.get("hours_per_week") is None:
                cleaned["hours_per_week"] = course.hours_per_week
        if not cleaned.get("starts_on") and "starts_on" not in self.errors:
            self.add_error("starts_on", _("Give the start date."))
        if cleaned.get("step_type") != StepType.EDUCATION:
            cleaned["education_kind"] = ""
        return cleaned

    def _post_clean(self):
        """The services validate the step against its pathway; here we only
        parse, so the model's own checks run there, once."""

    def step_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class StepWaitForm(forms.ModelForm):
    """The youth waits for an external service: what for, since when, the
    service's expected window, and the contact person's check-in date."""

    starts_on = forms.DateField(label=_("Waiting since"), widget=DATE_WIDGET, initial=timezone.localdate)
    partner = SearchChoiceField("partners", label=_("Partner"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Step
        fields = [
            "step_type",
            "title",
            "waiting_for",
            "partner",
            "starts_on",
            "expected_from",
            "expected_until",
            "check_in_on",
        ]
        widgets = {"expected_from": DATE_WIDGET, "expected_until": DATE_WIDGET, "check_in_on": DATE_WIDGET}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].limit_to(user)
        self.fields["check_in_on"].required = True
        self.fields["waiting_for"].required = True
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        """The services validate the step (pathways/services.py)."""

    def step_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class StepReplaceForm(StepForm):
    note = forms.CharField(
        label=_("Why is the step replaced?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, replacing: Step, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "step_type": replacing.step_type,
                "education_kind": replacing.education_kind,
                "title": replacing.title,
                "purpose": replacing.purpose,
                "partner": replacing.partner_id,
                "mentor": replacing.mentor,
                "starts_on": timezone.localdate(),
                "hours_per_week": replacing.hours_per_week,
                "weekdays": replacing.weekdays,
            },
        )
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class StepStatusForm(forms.Form):
    """Start, complete, drop or cancel: completing or dropping needs the
    outcome, which is what the evaluation conversation is for."""

    CHOICES = [
        (StepStatus.ACTIVE, _("Start")),
        (StepStatus.COMPLETED, _("Complete")),
        (StepStatus.DROPPED, _("Dropped out")),
        (StepStatus.CANCELLED, _("Cancel")),
    ]
    NEEDS_OUTCOME = {StepStatus.COMPLETED, StepStatus.DROPPED}

    status = forms.ChoiceField(label=_("New status"), choices=CHOICES)
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the step is completed or dropped."),
    )
    evaluation_note = forms.CharField(
        label=_("Evaluation conversation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step

    def clean_on(self):
        return _not_in_future(self.cleaned_data["on"])

    def clean(self):
        cleaned = super().clean()
        needs_outcome = cleaned.get("status") in self.NEEDS_OUTCOME
        if needs_outcome and not (cleaned.get("outcome", "").strip() or self.step.outcome):
            self.add_error("outcome", _("Write the outcome of the step."))
        return cleaned


class StepOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    evaluation_note = forms.CharField(
        label=_("Evaluation conversation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def staff_label(user: User) -> str:
    return f"{user} ({user.organisation})"


class BallHandoverForm(forms.Form):
    """Hand the ball to one person (casework staff of the youth's own
    organisation or partner staff) or to one organisation. Both are found by
    searching; the lists show only the likely ones (the youth's contact
    person and the team, the partners in the youth's plan)."""

    holder_user = SearchChoiceField(
        "ball-holders",
        label=_("Person"),
        required=False,
        to_field_name="public_id",
    )
    holder_organisation = SearchChoiceField(
        "organisations",
        label=_("or organisation"),
        required=False,
        to_field_name="public_id",
    )
    holder_professional = forms.ModelChoiceField(
        label=_("or a professional from another department"),
        queryset=NetworkPerson.objects.none(),
        required=False,
        help_text=_("From the youth's professional network: family worker, psychologist, job-centre consultant …"),
    )
    handed_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, youth: Youth, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder_professional"].queryset = (
            youth.network.professional().current().select_related("organisation")
        )
        current = youth.assignments.current().values("contact_person_id")
        people = ball_holder_candidates(youth.organisation_id)
        self.fields["holder_user"].limit_to(
            user, queryset=people, suggested=people.filter(Q(pk__in=current) | Q(pk=user.pk) | Q(team_id=user.team_id))
        )
        in_plan = Organisation.objects.filter(steps__pathway__youth=youth).distinct()
        self.fields["holder_organisation"].limit_to(user, suggested=in_plan)

    def clean_handed_on(self):
        return _not_in_future(self.cleaned_data["handed_on"])

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get("holder_user"), cleaned.get("holder_organisation"), cleaned.get("holder_professional")]
        if not self.errors and sum(holder is not None for holder in chosen) != 1:
            raise ValidationError(_("Choose either a person or an organisation to take the ball."))
        return cleaned


def ball_holder_candidates(organisation_id) -> QuerySet:
    """Who may take the ball: active casework staff of the youth's own
    organisation, and active staff of partner organisations."""
    own_staff = Q(organisation_id=organisation_id, role__in=CASEWORK_ROLES)
    partner_staff = Q(role=Role.PARTNER_STAFF, organisation__in=Organisation.objects.partners())
    return User.objects.filter(is_active=True).filter(own_staff | partner_staff)


class GroupCourseForm(forms.ModelForm):
    weekdays = _weekdays_field()
    hours_per_week = _hours_field(required=True)
    partner = SearchChoiceField("partners", label=_("held by"), required=False)

    class Meta:
        model = GroupCourse
        fields = ["name", "partner", "starts_on", "ends_on", "weekdays", "hours_per_week", "capacity"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].limit_to(user)
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise ValidationError(_("A course needs at least one place."))
        return capacity

    def _post_clean(self):
        """Only parse: group_course_create validates the course (its dates
        included) and shows its errors on this form."""


class EnrolForm(forms.Form):
    youth = forms.ModelChoiceField(label=_("Youth"), queryset=Youth.objects.none(), to_field_name="public_id")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["youth"].queryset = (
            Youth.objects.case_files_visible_to(user)
            .filter(pk__in=Pathway.objects.active().values("youth_id"))
            .order_by("first_name", "last_name")
        )


class PlanReviewForm(forms.Form):
    """A plan review held with the youth (pathways/reviews.py checks it)."""

    held_on = forms.DateField(label=_("Date of the review"), widget=DATE_WIDGET, initial=timezone.localdate)
    participants = forms.CharField(
        label=_("Who took part"),
        max_length=300,
        help_text=_("E.g. the youth, the contact person, a mentor, a parent."),
    )
    youth_words = forms.CharField(
        label=_("The youth's own words"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the youth says about how the plan goes and what should change."),
    )


class AftercareCheckInForm(forms.Form):
    """A held aftercare check-in (pathways/aftercare.py checks it)."""

    STILL_THERE = [("yes", _("Yes, still in education or job")), ("no", _("No, has dropped out"))]

    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    still_there = forms.ChoiceField(label=_("Is the youth still there?"), choices=STILL_THERE, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Short note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"held_on": data["held_on"], "still_there": data["still_there"] == "yes", "note": data["note"]}
