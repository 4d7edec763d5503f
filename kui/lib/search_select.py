"""Choosing one of many (staff, partner organisations) by searching.

A municipality has thousands of staff and hundreds of partners: a <select>
with all of them is hundreds of kilobytes on every page that offers the
choice, and unusable on a phone. A `SearchChoiceField` validates against the
whole scope the user may pick from, but the page lists only a few suggested
choices (the team's people) and the current value; the rest are found by
typing in the search box above the list, which asks `search_choices` (an HTMX
endpoint) for at most SEARCH_LIMIT matches.

Apps register what can be searched (`register`) in their AppConfig.ready(),
so the core never imports them: each `ChoiceSearch` says what a user may pick
from and which fields the words are matched against.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse

SEARCH_LIMIT = 20
# Suggestions listed without searching (a team's people): a short list, never the organisation.
SUGGESTION_LIMIT = 30
MAX_WORDS = 4
VALUE_FIELDS = {"pk", "public_id"}


@dataclass(frozen=True)
class ChoiceSearch:
    choices: Callable[[Model], QuerySet]  # user -> what they may pick from
    fields: tuple[str, ...]
    label: Callable[[Model], str] = str
    allowed: Callable[[Model], bool] = lambda user: user.does_casework or user.is_administrator


SEARCHES: dict[str, ChoiceSearch] = {}


def register(name: str, search: ChoiceSearch) -> None:
    SEARCHES[name] = search


def matches(search: ChoiceSearch, user, text: str, limit: int = SEARCH_LIMIT) -> list[Model]:
    """Every word must match one of the search's fields (first and last
    name in any order); one more than `limit` tells the caller there are more."""
    queryset = search.choices(user)
    for word in text.split()[:MAX_WORDS]:
        any_field = Q()
        for name in search.fields:
            any_field |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(any_field)
    return list(queryset[: limit + 1])


class _ShownChoices(ModelChoiceIterator):
    """The options the page lists: the empty choice and the suggestions,
    never the whole queryset (the widget adds the current value)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        suggested = self.field.suggested
        if suggested is not None:
            for obj in suggested[:SUGGESTION_LIMIT]:
                yield self.choice(obj)

    def __bool__(self):
        return True


class SearchSelect(forms.Select):
    template_name = "kui/widgets/search_select.html"

    def __init__(self, search: str, attrs=None):
        super().__init__(attrs)
        self.search = search
        self.search_label = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.choices.field
        value_field = field.to_field_name or "pk"
        context["widget"]["search_url"] = reverse("search_choices", args=[self.search]) + f"?v={value_field}"
        context["widget"]["search_label"] = self.search_label
        return context

    def optgroups(self, name, value, attrs=None):
        """The listed options, plus the current value when it is not among
        them (chosen by searching, or the saved one)."""
        groups = super().optgroups(name, value, attrs)
        listed = {str(option["value"]) for _group, options, _index in groups for option in options}
        missing = [item for item in value if item not in ("", None) and str(item) not in listed]
        if not missing:
            return groups
        field = self.choices.field
        key = field.to_field_name or "pk"
        try:
            current = list(field.queryset.filter(**{f"{key}__in": missing})[: len(missing)])
        except (ValueError, TypeError, ValidationError):
            return groups  # junk in the request: the field reports it; nothing to show
        for obj in current:
            option_value = field.prepare_value(obj)
            option = self.create_option(
                name, option_value, field.label_from_instance(obj), True, len(groups), attrs=attrs
            )
            groups.append((None, [option], len(groups)))
        return groups


class SearchChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over the registered search `search`: call
    `limit_to(user, suggested=...)` in the form's __init__."""

    iterator = _ShownChoices

    def __init__(self, search: str, *, to_field_name: str | None = None, **kwargs):
        self.search_name = search
        self.suggested: QuerySet | None = None
        super().__init__(queryset=None, to_field_name=to_field_name, widget=SearchSelect(search), **kwargs)
        self.widget.search_label = self.label

    def limit_to(self, user, *, suggested: QuerySet | None = None, queryset: QuerySet | None = None) -> None:
        """The user's whole scope for validation (or a narrower `queryset`),
        and the few choices listed before anyone searches."""
        self.suggested = suggested
        self.queryset = queryset if queryset is not None else SEARCHES[self.search_name].choices(user)

    def label_from_instance(self, obj) -> str:
        return SEARCHES[self.search_name].label(obj)
