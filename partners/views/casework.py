"""The contact person's side of the partnership: the free placements next to
the youths looking for one, marking a youth as looking, referring a youth to
an offer, and reading the partners' messages."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kui.lib.forms import saved_or_form_errors
from partners import selectors, services
from partners.forms import InternshipSearchForm, ReferralForm
from partners.models import InternshipSearch, Offer, PartnerMessage, Trade
from partners.views import casework_only
from youths.access import youth_for_staff
from youths.models import Youth


def _profile_url(youth: Youth) -> str:
    return reverse("youths:profile", args=[youth.public_id])


@casework_only
@require_GET
def placements(request: HttpRequest) -> HttpResponse:
    """Free internship placements by trade, next to the youths (of the
    user's own organisation) looking for an internship in that trade."""
    trade = request.GET.get("trade", "")
    if trade not in Trade.values:
        trade = ""
    offers = selectors.with_places(list(selectors.internship_placements(trade)), request.user)
    searches = list(selectors.internship_searches_visible_to(request.user, trade))
    free_by_trade: dict[str, int] = {}
    for offer in offers:
        free_by_trade[offer.trade] = free_by_trade.get(offer.trade, 0) + offer.free
    for search in searches:
        search.free_in_trade = free_by_trade.get(search.trade, 0)
    context = {"offers": offers, "searches": searches, "trades": Trade.choices, "trade": trade}
    return render(request, "partners/placements.html", context)


@casework_only
def internship_search_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = InternshipSearchForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.internship_search_start(youth=youth, by=request.user, **form.cleaned_data),
                success=_("The youth is now on the list of youths looking for an internship."),
                then=_profile_url(youth),
            )
        )
    ):
        return done
    return render(
        request, "partners/youth_form.html", {"form": form, "youth": youth, "title": _("Looking for an internship")}
    )


@casework_only
@require_POST
def internship_search_close(request: HttpRequest, search_id) -> HttpResponse:
    search = get_object_or_404(
        InternshipSearch.objects.visible_to(request.user).select_related("youth"),
        public_id=search_id,
    )
    try:
        services.internship_search_close(search=search, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The youth is no longer on the list of youths looking for an internship."))
    return redirect(_profile_url(search.youth))


@casework_only
def referral_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    offer = _offer_from_query(request.GET.get("offer"))
    form = ReferralForm(request.POST or None, initial={"offer": offer.pk} if offer else {})
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.referral_create(youth=youth, by=request.user, **form.cleaned_data),
                success=_("The referral has been sent to the partner."),
                then=_profile_url(youth),
            )
        )
    ):
        return done
    return render(request, "partners/youth_form.html", {"form": form, "youth": youth, "title": _("Refer to a partner")})


def _offer_from_query(value) -> Offer | None:
    """The offer picked on the placements page (?offer=<public id>), if open."""
    try:
        return Offer.objects.active().filter(public_id=uuid.UUID(value)).first()
    except (TypeError, ValueError):
        return None


@casework_only
@require_POST
def message_read(request: HttpRequest, message_id) -> HttpResponse:
    message = get_object_or_404(
        PartnerMessage.objects.visible_to(request.user).select_related("youth"), public_id=message_id
    )
    services.partner_message_mark_read(message=message, by=request.user)
    return redirect(_profile_url(message.youth) + "#h-partners")
