import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Team, User
from kui.accounts.searches import team_caseworkers
from kui.lib import cpr as cpr_lib
from kui.lib.search_select import SearchChoiceField
from youths.board import flag_choices, in_caseload_of
from youths.models import SupportLevel, YouthStatus

SORTS = [
    ("name", _("Name")),
    ("-days", _("Longest since contact")),
    ("age", _("Age")),
]


def not_a_cpr_number(value: str) -> None:
    """A search by GET puts its words in the address; a CPR number has its own POST lookup."""
    if cpr_lib.looks_like_cpr(value):
        raise ValidationError(
            _("Look up a CPR number in “Find by CPR number” below: a name search is part of the page's address.")
        )


class BoardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search name"), method="search_name", validators=[not_a_cpr_number])
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=YouthStatus.choices, empty_label=_("On the board (active and paused)")
    )
    support_level = django_filters.ChoiceFilter(
        label=_("Support level"), choices=SupportLevel.choices, empty_label=_("All levels")
    )
    contact_person = django_filters.ModelChoiceFilter(
        label=_("Contact person"),
        queryset=User.objects.none(),
        method="by_contact_person",
        empty_label=_("All contact persons"),
    )
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("All teams"))
    flag = django_filters.ChoiceFilter(label=_("Flag"), choices=[], method="by_flag", empty_label=_("All"))
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, method="sort_rows", empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        org = user.organisation_id
        self.filters["team"].queryset = Team.objects.filter(organisation_id=org)
        self.filters["flag"].extra["choices"] = flag_choices()
        if not flag_choices():
            del self.filters["flag"]
        # The form is built from the filters above on first access: only now.
        # kui.js hands a CPR number typed here to the POST lookup before the form is sent.
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search", "data-cpr-to": "cpr-lookup"})
        # Validated against the organisation's caseworkers, but only the team is
        # listed; anyone else is found by searching (never 2,000 options).
        person = SearchChoiceField(
            "caseworkers", label=_("Contact person"), required=False, empty_label=_("All contact persons")
        )
        person.limit_to(user, suggested=team_caseworkers(user))
        self.form.fields["contact_person"] = person
        # Plain Bootstrap classes: the board renders these without crispy (it is on every board load).
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
        self.form.label_suffix = ""

    def filter_queryset(self, queryset):
        """The board shows the youths a contact person follows (active and
        paused). Waiting, completed and withdrawn youths are reached by
        choosing their status."""
        if not getattr(self.form, "cleaned_data", {}).get("status"):
            queryset = queryset.on_board()
        return super().filter_queryset(queryset)

    def search_name(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(preferred_name__icontains=word)
            )
        return queryset

    def by_flag(self, queryset, name, value):
        # `flags` is the relation a higher app (pathways) adds; queried by name only.
        return queryset.filter(flags__kind=value, flags__resolved_at__isnull=True).distinct()

    def by_contact_person(self, queryset, name, value):
        return in_caseload_of(queryset, value)

    def sort_rows(self, queryset, name, value):
        order = {
            "name": ["first_name", "last_name"],
            "-days": [F("last_contact_at").asc(nulls_first=True), "first_name"],
            "age": ["-birth_date"],
        }[value]
        return queryset.order_by(*order)
