"""Answering a referral. The partner's staff answer it themselves; many
partners have no login, so the contact person may record the answer the
partner gave on the phone. Partner staff see the youth's first name only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kui.accounts.models import Role
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.access import role_required, visible_or_404
from partners import services
from partners.forms import ReferralAcceptForm, ReferralDeclineForm, add_service_error
from partners.models import Referral, ReferralStatus

ACCEPT, DECLINE = "accept", "decline"


def _done_url(user, referral: Referral) -> str:
    if user.role == Role.PARTNER_STAFF:
        return reverse("partners:portal")
    return reverse("youths:profile", args=[referral.youth.public_id])


def _answer(request, referral: Referral, accept_form, decline_form):
    """Run the chosen answer; returns the forms (with errors) or None when done."""
    answer = request.POST.get("answer")
    if answer == ACCEPT:
        accept_form = ReferralAcceptForm(request.POST)
        if accept_form.is_valid():
            try:
                services.referral_accept(referral=referral, by=request.user, **accept_form.cleaned_data)
            except ValidationError as error:
                add_service_error(accept_form, error)
            else:
                messages.success(request, _("The referral has been accepted and added to the youth's plan."))
                return None
    elif answer == DECLINE:
        decline_form = ReferralDeclineForm(request.POST)
        if decline_form.is_valid():
            try:
                services.referral_decline(
                    referral=referral, by=request.user, reason=decline_form.cleaned_data["decline_reason"]
                )
            except ValidationError as error:
                add_service_error(decline_form, error)
            else:
                messages.success(request, _("The referral has been declined. The contact person can see why."))
                return None
    else:
        messages.error(request, _("Choose whether to accept or decline."))
    return accept_form, decline_form


@role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.PARTNER_STAFF)
def referral_answer(request: HttpRequest, referral_id) -> HttpResponse:
    queryset = Referral.objects.select_related("offer__organisation", "youth", "referred_by", "answered_by")
    referral = visible_or_404(queryset, request.user, public_id=referral_id)
    accept_form = ReferralAcceptForm(initial={"starts_on": referral.wished_start})
    decline_form = ReferralDeclineForm()
    if request.method == "POST":
        result = _answer(request, referral, accept_form, decline_form)
        if result is None:
            return redirect(_done_url(request.user, referral))
        accept_form, decline_form = result
    elif request.user.role == Role.PARTNER_STAFF:
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            obj=referral.youth,
            subject_id=referral.youth.public_id,
            fields=["first_name"],
            purpose="referral",
        )
    context = {
        "referral": referral,
        "is_partner": request.user.role == Role.PARTNER_STAFF,
        "is_pending": referral.status == ReferralStatus.PENDING,
        "contact_person": services.current_contact_person(referral.youth),
        "accept_form": accept_form,
        "decline_form": decline_form,
    }
    return render(request, "partners/referral.html", context)
