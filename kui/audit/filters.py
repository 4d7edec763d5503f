import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kui.audit.models import AuditAction, AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    actor = django_filters.CharFilter(label=_("Who"), field_name="actor_label", lookup_expr="icontains")
    since = django_filters.DateFilter(
        label=_("From date"), field_name="at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        label=_("To date"), field_name="at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "since", "until"]
