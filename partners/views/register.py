"""The organisation register: municipal units and partners, with address,
what they offer, whom to call there and their offers. Municipal staff look
it up; team leads and administrators keep it up to date."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kui.accounts.models import Organisation
from kui.lib.access import visible_or_404
from kui.lib.forms import saved_or_form_errors
from partners import selectors, services
from partners.forms import OfferForm, OrganisationFilterForm, OrganisationForm, PartnerContactForm
from partners.models import Offer, PartnerContact, PartnershipAgreement
from partners.views import register_editors, register_readers

PAGE_SIZE = 50


def _organisation(user, organisation_id) -> Organisation:
    return visible_or_404(Organisation, user, public_id=organisation_id)


def _detail_url(organisation: Organisation) -> str:
    return reverse("partners:organisation_detail", args=[organisation.public_id])


def _filtered(organisations, form: OrganisationFilterForm):
    if not form.is_valid():
        return organisations
    query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if kind == OrganisationFilterForm.MUNICIPAL:
        organisations = organisations.municipal()
    elif kind == OrganisationFilterForm.PARTNERS:
        organisations = organisations.partners()
    elif kind:
        organisations = organisations.filter(kind=kind)
    return organisations


@register_readers
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    organisations = (
        _filtered(Organisation.objects.visible_to(request.user), form)
        .annotate(offer_count=Count("offers", filter=Q(offers__is_active=True)))
        .order_by("name")
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/organisation_list.html", {"form": form, "page": page})


def _may_edit(user) -> bool:
    return user.is_administrator or user.is_team_lead


@register_readers
@require_GET
def organisation_detail(request: HttpRequest, organisation_id) -> HttpResponse:
    organisation = _organisation(request.user, organisation_id)
    offers = selectors.with_places(list(organisation.offers.select_related("mentor")), request.user)
    context = {
        "organisation": organisation,
        "contacts": organisation.partner_contacts.all(),
        "offers": offers,
        "agreements": PartnershipAgreement.objects.visible_to(request.user).filter(parties=organisation),
        "may_edit": _may_edit(request.user),
        "is_partner": not organisation.is_municipal,
    }
    return render(request, "partners/organisation_detail.html", context)


def _form_page(request, form, title: str, back: str, organisation=None) -> HttpResponse:
    return render(
        request, "partners/form.html", {"form": form, "title": title, "back": back, "organisation": organisation}
    )


@register_editors
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.organisation_create(by=request.user, **form.cleaned_data),
                success=_("The organisation has been added to the register."),
                then=lambda organisation: _detail_url(organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("New organisation"), reverse("partners:organisation_list"))


@register_editors
def organisation_edit(request: HttpRequest, organisation_id) -> HttpResponse:
    organisation = _organisation(request.user, organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.organisation_update(organisation=organisation, by=request.user, **form.cleaned_data),
                success=_("Changes saved."),
                then=_detail_url(organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("Edit organisation"), _detail_url(organisation), organisation)


# --- Partner contacts ------------------------------------------------------------


@register_editors
def contact_create(request: HttpRequest, organisation_id) -> HttpResponse:
    organisation = _organisation(request.user, organisation_id)
    form = PartnerContactForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.contact_add(organisation=organisation, by=request.user, **form.cleaned_data),
                success=_("The contact has been added."),
                then=_detail_url(organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("New contact"), _detail_url(organisation), organisation)


def _visible_contact(user, contact_id) -> PartnerContact:
    """Contacts and offers are as visible as their organisation."""
    return visible_or_404(PartnerContact.objects.select_related("organisation"), user, public_id=contact_id)


@register_editors
def contact_edit(request: HttpRequest, contact_id) -> HttpResponse:
    contact = _visible_contact(request.user, contact_id)
    form = PartnerContactForm(request.POST or None, instance=contact)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.contact_update(contact=contact, by=request.user, **form.cleaned_data),
                success=_("Changes saved."),
                then=_detail_url(contact.organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("Edit contact"), _detail_url(contact.organisation), contact.organisation)


@register_editors
@require_POST
def contact_remove(request: HttpRequest, contact_id) -> HttpResponse:
    contact = _visible_contact(request.user, contact_id)
    organisation = contact.organisation
    services.contact_remove(contact=contact, by=request.user)
    messages.success(request, _("The contact has been removed."))
    return redirect(_detail_url(organisation))


# --- Offers ----------------------------------------------------------------------


@register_editors
def offer_create(request: HttpRequest, organisation_id) -> HttpResponse:
    organisation = _organisation(request.user, organisation_id)
    form = OfferForm(request.POST or None, organisation=organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.offer_create(organisation=organisation, by=request.user, **form.offer_fields()),
                success=_("The offer has been added."),
                then=_detail_url(organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("New offer"), _detail_url(organisation), organisation)


@register_editors
def offer_edit(request: HttpRequest, offer_id) -> HttpResponse:
    offer = visible_or_404(Offer.objects.select_related("organisation"), request.user, public_id=offer_id)
    form = OfferForm(request.POST or None, instance=offer, organisation=offer.organisation)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.offer_update(offer=offer, by=request.user, **form.offer_fields()),
                success=_("Changes saved."),
                then=_detail_url(offer.organisation),
            )
        )
    ):
        return done
    return _form_page(request, form, _("Edit offer"), _detail_url(offer.organisation), offer.organisation)
