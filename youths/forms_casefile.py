"""Forms of the case-file actions: status, contact person, consent, logbook
note and caseload limit. They parse and check what a person typed; the rules
that guard the data live in youths/services.py, whose errors are shown on the
same form (see add_service_error)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import CASEWORK_ROLES, Organisation, OrganisationKind, Team, User
from kui.lib.forms import add_service_error  # noqa: F401  (re-exported for the views)
from kui.lib.search_select import SearchChoiceField
from youths.forms import DATE_WIDGET, concerns_field
from youths.models import (
    AssignmentRole,
    Consent,
    ConsentArea,
    ConsentForm,
    ContactPersonAssignment,
    LogbookNote,
    NoteTheme,
    Youth,
    YouthStatus,
)
from youths.services import CASELOAD_LIMIT_MAX

REASON_WIDGET = forms.Textarea(attrs={"rows": 2})


def check_case_date(day: datetime.date | None, youth: Youth) -> datetime.date | None:
    """A case-file event happens between the youth's birth and today; anything
    else is a typing error (a year too far, a swapped day and month)."""
    if day is None:
        return day
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    if day < youth.birth_date:
        raise ValidationError(_("The date cannot be before the youth's birth date."))
    return day


def with_active_caseload(users):
    """Each user's number of active youths they hold as primary contact
    person, counted in the same query as the users themselves."""
    held = (
        ContactPersonAssignment.objects.current()
        .filter(contact_person=OuterRef("pk"), youth__status=YouthStatus.ACTIVE)
        .order_by()
        .values("contact_person")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return users.annotate(active_caseload=Coalesce(Subquery(held), 0))


def casework_colleagues(organisation_id):
    """The people who can hold a youth's thread: active contact persons and
    team leads of the youth's organisation."""
    return User.objects.filter(organisation_id=organisation_id, role__in=CASEWORK_ROLES, is_active=True)


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=YouthStatus.choices)
    changed_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=REASON_WIDGET)

    def __init__(self, *args, youth: Youth, current_since: datetime.date | None, **kwargs):
        """ "An active youth has a contact person" is youth_change_status's
        rule; its refusal is shown on this form."""
        super().__init__(*args, **kwargs)
        self.youth = youth
        self.current_since = current_since
        self.fields["to_status"].choices = [
            (value, label) for value, label in YouthStatus.choices if value != youth.status
        ]

    def clean_changed_on(self):
        day = check_case_date(self.cleaned_data["changed_on"], self.youth)
        # The newest change is the current status; an older date would bury it in the history.
        if self.current_since and day < self.current_since:
            raise ValidationError(
                _("The date cannot be before the current status began (%(date)s).")
                % {"date": date_format(self.current_since, "SHORT_DATE_FORMAT")}
            )
        return day


def caseload_label(person: User) -> str:
    return _("%(name)s (%(count)d of %(limit)d active youths)") % {
        "name": person,
        "count": person.active_caseload,
        "limit": person.caseload_limit,
    }


def contact_person_field(**kwargs) -> SearchChoiceField:
    """A colleague to hold the thread, with their caseload: the youth's team
    is listed, anyone else in the organisation is found by searching."""
    return SearchChoiceField("contact-persons", label=_("Contact person"), **kwargs)


def limit_contact_persons(field: SearchChoiceField, youth: Youth, user, people: QuerySet) -> None:
    suggested = people.filter(team_id=youth.team_id) if youth.team_id else people.filter(team_id=user.team_id)
    field.limit_to(user, queryset=people, suggested=suggested)


class ContactPersonForm(forms.Form):
    contact_person = contact_person_field()
    role = forms.ChoiceField(label=_("Role"), choices=AssignmentRole.choices, initial=AssignmentRole.TOVHOLDER)
    started_on = forms.DateField(label=_("Start date"), widget=DATE_WIDGET, initial=timezone.localdate)
    # "Nominated by the youth" is not ticked by staff: it is set when the team
    # lead accepts the youth's own proposal (youths/services.py).
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False, widget=REASON_WIDGET)

    def __init__(self, *args, youth: Youth, current: ContactPersonAssignment | None, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.youth = youth
        self.current = current
        people = with_active_caseload(casework_colleagues(youth.organisation_id))
        if current is not None:
            people = people.exclude(pk=current.contact_person_id)
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Why is the contact person changed?")
        limit_contact_persons(self.fields["contact_person"], youth, user, people)

    def clean_started_on(self):
        day = check_case_date(self.cleaned_data["started_on"], self.youth)
        if self.current is not None and day < self.current.started_on:
            raise ValidationError(_("The change cannot be dated before the current assignment began."))
        return day


class ConsentGiveForm(forms.Form):
    # No area chosen in advance: what the youth agreed to share, and with whom, is the worker's to pick.
    area = forms.ChoiceField(label=_("May be shared with"), choices=[("", _("Choose …")), *ConsentArea.choices])
    organisation = SearchChoiceField(
        "organisations",
        label=_("Organisation"),
        required=False,
        empty_label=_("The whole area"),
        help_text=_("Only if the consent names one organisation."),
    )
    form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices, initial=ConsentForm.WRITTEN)
    given_on = forms.DateField(label=_("Given"), widget=DATE_WIDGET, initial=timezone.localdate)

    def __init__(self, *args, youth: Youth, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.youth = youth
        # The municipality's own departments are listed; partners are found by searching.
        receiving = Organisation.objects.visible_to(user).municipal().exclude(kind=OrganisationKind.KUI_UNIT)
        self.fields["organisation"].limit_to(user, suggested=receiving)

    def clean_given_on(self):
        return check_case_date(self.cleaned_data["given_on"], self.youth)


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn"), widget=DATE_WIDGET, initial=timezone.localdate)

    def __init__(self, *args, consent: Consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent

    def clean_withdrawn_on(self):
        day = check_case_date(self.cleaned_data["withdrawn_on"], self.consent.youth)
        if day < self.consent.given_on:
            raise ValidationError(_("A consent cannot be withdrawn before it was given."))
        return day


class LogbookNoteForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"),
        choices=NoteTheme.choices,
        help_text=_(
            "Notes on substance use, health, crime and family are shown only to the youth's current contact "
            "persons and team leads."
        ),
    )
    written_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    text = forms.CharField(
        label=_("Note"),
        max_length=LogbookNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, youth: Youth, **kwargs):
        super().__init__(*args, **kwargs)
        self.youth = youth
        self.fields["concerns"] = concerns_field(youth)

    def clean_written_on(self):
        return check_case_date(self.cleaned_data["written_on"], self.youth)


class CaseloadLimitForm(forms.Form):
    caseload_limit = forms.IntegerField(
        label=_("Caseload limit"),
        min_value=0,
        max_value=CASELOAD_LIMIT_MAX,
        help_text=_("Warn when this person has more active youths than this."),
    )


class CaseloadTeamForm(forms.Form):
    """A team lead narrows the caseloads page to one team."""

    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("All teams"),
    )

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=organisation_id)
