"""Forms for a contact person who leaves (deactivated or out of the team) and
for the youths left without a contact person. They parse; the rules are in
youths/services.py (staff_leave)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Team
from kui.lib.search_select import SearchChoiceField
from youths.forms import DATE_WIDGET
from youths.forms_casefile import casework_colleagues, limit_contact_persons, with_active_caseload

DEACTIVATE, MOVE = "deactivate", "move"


class StaffLeavePickForm(forms.Form):
    """Who leaves: a colleague found by searching (no page lists every staff member)."""

    person = SearchChoiceField("caseworkers", label=_("Staff member"), to_field_name="public_id")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(user, suggested=None)
        self.fields["person"].queryset = self.fields["person"].queryset.exclude(pk=user.pk)


class StaffLeaveForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What happens"),
        widget=forms.RadioSelect,
        choices=[(DEACTIVATE, _("Deactivate the user")), (MOVE, _("Move the person to another team"))],
        initial=DEACTIVATE,
    )
    team = forms.ModelChoiceField(
        label=_("New team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("No team"),
        help_text=_("Only when the person moves."),
    )
    on = forms.DateField(label=_("From"), widget=DATE_WIDGET, initial=timezone.localdate)

    def __init__(self, *args, person, youths, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.youths = youths
        self.fields["team"].queryset = Team.objects.filter(organisation_id=person.organisation_id)
        colleagues = with_active_caseload(casework_colleagues(person.organisation_id).exclude(pk=person.pk))
        for youth in youths:
            # The youth's team is listed, anyone else in the organisation is searched:
            # no page lists every staff member.
            successor = SearchChoiceField(
                "contact-persons",
                label=_("New contact person for %(name)s") % {"name": youth.display_name},
                required=False,
                empty_label=_("Decide later (the team lead is flagged)"),
            )
            limit_contact_persons(successor, youth, user, colleagues)
            self.fields[self.field_name(youth)] = successor

    @staticmethod
    def field_name(youth) -> str:
        return f"successor_{youth.public_id.hex}"

    def successor_fields(self):
        return [self[self.field_name(youth)] for youth in self.youths]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        successors = {
            youth.pk: data[self.field_name(youth)] for youth in self.youths if data.get(self.field_name(youth))
        }
        deactivate = data["action"] == DEACTIVATE
        return {
            "on": data["on"],
            "successors": successors,
            "deactivate": deactivate,
            "team": None if deactivate else data.get("team"),
        }


ACCEPT, DECLINE = "accept", "decline"


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(ACCEPT, _("Accept: make the person the contact person")), (DECLINE, _("Decline"))],
    )
    started_on = forms.DateField(label=_("From"), widget=DATE_WIDGET, initial=timezone.localdate)
    contact_person = forms.ChoiceField(
        label=_("The person's login"),
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Someone from the youth's network needs a login (for example as partner staff) to hold the thread."
        ),
    )

    def __init__(self, *args, proposal, found: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.found = {str(person.public_id): person for person in found}
        if proposal.proposed_user_id:
            del self.fields["contact_person"]
        else:
            self.fields["contact_person"].choices = [
                (key, f"{person} ({person.organisation})") for key, person in self.found.items()
            ]

    def clean(self):
        data = super().clean()
        needs_login = data.get("decision") == ACCEPT and "contact_person" in self.fields
        if needs_login and data.get("contact_person") not in self.found:
            self.add_error("contact_person", _("Search for the person and choose their login."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "accept": data["decision"] == ACCEPT,
            "started_on": data["started_on"],
            "contact_person": self.found.get(data.get("contact_person") or ""),
        }
