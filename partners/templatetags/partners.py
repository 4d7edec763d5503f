"""Template tags of the partners app: the partners section of the youth
profile (registered in PartnersConfig.ready, so youths never imports
partners) and small display helpers for the partner's pages."""

import datetime
from dataclasses import dataclass

from django import template
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from kui.accounts.models import Organisation
from partners.models import Attendance, InternshipSearch, PartnerMessage, Referral
from pathways.models import Step
from youths.models import Youth

register = template.Library()
ATTENDANCE_DAYS = 30
RECENT = 10


@register.filter
def first_name_only(youth) -> str:
    """What partner staff see of a youth's name."""
    return youth.preferred_name or youth.first_name


@register.filter
def weekday_names(days) -> str:
    """[0, 2] → "Monday, Wednesday" in the active language."""
    return ", ".join(str(WEEKDAYS[day]) for day in days or [] if day in WEEKDAYS)


@dataclass(frozen=True)
class PartnerPanel:
    partners: list[Organisation]
    messages: list[PartnerMessage]
    unread: int
    referrals: list[Referral]
    searches: list[InternshipSearch]
    attendance: list[dict]


def _what_there_is(youth) -> dict[str, bool]:
    """One query that tells which parts of the section have anything to
    show, so a youth without partner business costs one query, not six."""
    current_partners = Step.objects.open().in_active_pathway().of_youth(OuterRef("pk")).filter(partner__isnull=False)
    return (
        Youth.objects.filter(pk=youth.pk)
        .annotate(
            has_partners=Exists(current_partners),
            has_messages=Exists(PartnerMessage.objects.filter(youth=OuterRef("pk"))),
            has_referrals=Exists(Referral.objects.filter(youth=OuterRef("pk"))),
            has_searches=Exists(InternshipSearch.objects.filter(youth=OuterRef("pk"), closed_on__isnull=True)),
        )
        .values("has_partners", "has_messages", "has_referrals", "has_searches")
        .get()
    )


def partner_panel_for(youth, today: datetime.date | None = None) -> PartnerPanel:
    """The profile's partners section: the partners of the youth's open
    steps with their contacts (whom to call) and a month's attendance there,
    messages from partner staff, referrals and internship searches — each
    loaded only when there is something. The caller has already checked
    that the user may see the youth."""
    today = today or timezone.localdate()
    there_is = _what_there_is(youth)
    partners, attendance, messages, referrals, searches = [], [], [], [], []
    if there_is["has_partners"]:
        partners = list(
            Organisation.objects.filter(pk__in=Step.objects.open().in_active_pathway().of_youth(youth).partner_ids())
            .order_by("name")
            .prefetch_related("partner_contacts")
        )
        attendance = list(
            Attendance.objects.filter(youth=youth, day__gte=today - datetime.timedelta(days=ATTENDANCE_DAYS))
            .values("organisation__name")
            .order_by("organisation__name")
            .annotate(
                present_days=Count("pk", filter=Q(present=True)), absent_days=Count("pk", filter=Q(present=False))
            )
        )
    if there_is["has_messages"]:
        messages = list(youth.partner_messages.select_related("sender", "organisation")[:RECENT])
    if there_is["has_referrals"]:
        referrals = list(youth.partner_referrals.select_related("offer__organisation")[:RECENT])
    if there_is["has_searches"]:
        searches = list(youth.internship_searches.filter(closed_on__isnull=True))
    return PartnerPanel(
        partners=partners,
        messages=messages,
        unread=sum(1 for message in messages if message.read_at is None),
        referrals=referrals,
        searches=searches,
        attendance=attendance,
    )


@register.simple_tag
def partner_panel(youth) -> PartnerPanel:
    """{% partner_panel youth as panel %} — the youth profile's partners section."""
    return partner_panel_for(youth)
