"""Reads of the partnership pages that combine several tables, each in a
fixed number of queries."""

import datetime
from collections import defaultdict

from django.db.models import Count, QuerySet
from django.utils import timezone

from partners.models import InternshipSearch, Offer, Referral, ReferralStatus
from pathways.models import Step, StepType
from youths.models import Youth


def _placed(offer_ids, today: datetime.date) -> QuerySet:
    """Accepted referrals whose step is running now: the offer's current youths."""
    return Referral.objects.filter(
        offer_id__in=offer_ids, status=ReferralStatus.ACCEPTED, step__in=Step.objects.current(today)
    )


def places_taken(offer_ids, today: datetime.date | None = None) -> dict[int, int]:
    """{offer id: number of youths placed there now}, in one query."""
    rows = (
        _placed(offer_ids, today or timezone.localdate())
        .values("offer_id")
        .annotate(taken=Count("youth", distinct=True))
        .order_by()
    )
    return {row["offer_id"]: row["taken"] for row in rows}


def placed_youths_visible_to(user, offer_ids, today: datetime.date | None = None) -> dict[int, list[Youth]]:
    """{offer id: [youths the user may see who are placed there now]}, in one query."""
    referrals = (
        _placed(offer_ids, today or timezone.localdate())
        .filter(youth__in=Youth.objects.case_files_visible_to(user))
        .select_related("youth")
        .distinct()
    )
    found: dict[int, list[Youth]] = defaultdict(list)
    for referral in referrals:
        if referral.youth not in found[referral.offer_id]:
            found[referral.offer_id].append(referral.youth)
    return found


def with_places(offers: list[Offer], user, today: datetime.date | None = None) -> list[Offer]:
    """Annotate each offer with .taken, .free and .current_youths (visible ones)."""
    ids = [offer.pk for offer in offers]
    taken = places_taken(ids, today)
    youths = placed_youths_visible_to(user, ids, today)
    for offer in offers:
        offer.taken = taken.get(offer.pk, 0)
        offer.free = max(offer.capacity - offer.taken, 0)
        offer.current_youths = youths.get(offer.pk, [])
    return offers


def internship_placements(trade: str = "") -> QuerySet:
    offers = Offer.objects.active().filter(kind=StepType.INTERNSHIP).select_related("organisation", "mentor")
    return offers.filter(trade=trade) if trade else offers


def internship_searches_visible_to(user, trade: str = "") -> QuerySet:
    searches = InternshipSearch.objects.visible_to(user).filter(closed_on__isnull=True).select_related("youth")
    return searches.filter(trade=trade) if trade else searches
