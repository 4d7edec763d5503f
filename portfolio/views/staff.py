"""The portfolio beside the case file, for the youth's contact persons and
team leads: issue and revoke certificates, read (never edit) the youth's
reflections, make the PDFs, and invite the youth to their own pages."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.forms import saved_or_form_errors
from pathways.models import Step
from portfolio import disclosure, invitations, pdfs, services
from portfolio.forms import (
    ISSUED_BY_PARTNER,
    ISSUED_BY_UNIT,
    CertificateIssueForm,
    PriorLearningForm,
    RevokeForm,
    add_service_error,
)
from portfolio.models import Certificate
from portfolio.selectors import portfolio_for
from portfolio.views import pdf_progress
from youths import services as youth_services
from youths.access import youth_for_staff
from youths.models import Youth


def _portfolio_url(youth: Youth) -> str:
    return reverse("portfolio:staff_portfolio", args=[youth.public_id])


def _pdf_urls(youth: Youth) -> dict:
    names = {
        "page": "staff_portfolio_pdf",
        "status": "staff_portfolio_pdf_status",
        "download": "staff_portfolio_pdf_download",
    }
    return {key: reverse(f"portfolio:{name}", args=[youth.public_id]) for key, name in names.items()}


def _certificate(youth: Youth, certificate_id) -> Certificate:
    """Through the youth: another youth's certificate id is a 404."""
    queryset = youth.certificates.select_related("issuer", "issued_by", "revoked_by", "step__partner")
    certificate = get_object_or_404(queryset, public_id=certificate_id)
    certificate.youth = youth
    return certificate


@login_required
def portfolio(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    youth_services.youth_read(youth=youth, by=request.user, purpose="portfolio")
    data = portfolio_for(youth)
    certified = {certificate.step_id for certificate in data.certificates}
    return render(
        request,
        "portfolio/staff/portfolio.html",
        {
            "youth": youth,
            "portfolio": data,
            "uncertified": [s for s in data.courses if s.pk not in certified],
            # An open access request waits for this contact person's review (one query, not the card's summary).
            "access_requests": list(youth.access_requests.open()),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_issue(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = CertificateIssueForm(
        request.POST or None, youth=youth, user=request.user, initial=_issue_initial(request, youth)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.certificate_issue(
                youth=youth,
                by=request.user,
                step=data["step"],
                competences=data["competences"],
                issuer=form.issuer(),
                issued_on=data["issued_on"],
                evidence=data["evidence"],
                complete_step_outcome=form.complete_step_outcome(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if (
                form.complete_step_outcome()
                and not Step.objects.next_steps(timezone.localdate()).filter(pathway=data["step"].pathway).exists()
            ):
                # There must always be a next step: the step just completed was the last one.
                messages.success(request, _("The certificate has been issued. Now plan the next step."))
                return redirect(reverse("pathways:step_create", args=[youth.public_id]))
            messages.success(request, _("The certificate has been issued."))
            return redirect(_portfolio_url(youth))
    return render(request, "portfolio/staff/certificate_form.html", {"youth": youth, "form": form})


def _issue_initial(request: HttpRequest, youth: Youth) -> dict:
    """?step=<id> (from the profile or the portfolio page) picks the step
    and proposes its partner as the issuing organisation."""
    initial = {"issued_by": ISSUED_BY_UNIT}
    step = _step_from_query(youth, request.GET.get("step", ""))
    if step is not None:
        issuers = disclosure.allowed_issuers(step)
        initial.update(step=step, issued_by=ISSUED_BY_PARTNER if len(issuers) > 1 else ISSUED_BY_UNIT)
        # "Complete with certificate" on the case file: the open step is completed in the same form.
        initial["complete_step"] = step.is_open and request.GET.get("complete") == "1"
    return initial


def _step_from_query(youth: Youth, raw: str) -> Step | None:
    try:
        step_id = uuid.UUID(raw)
    except ValueError:
        return None
    return Step.objects.filter(pathway__youth=youth, public_id=step_id).select_related("partner").first()


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: HttpRequest, youth_id, certificate_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    certificate = _certificate(youth, certificate_id)
    form = RevokeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.certificate_revoke(
                    certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
                ),
                success=_("The certificate has been revoked. The verification page now says so."),
                then=_portfolio_url(youth),
            )
        )
    ):
        return done
    return render(
        request, "portfolio/staff/certificate_revoke.html", {"youth": youth, "certificate": certificate, "form": form}
    )


@login_required
def certificate_pdf(request: HttpRequest, youth_id, certificate_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    certificate = _certificate(youth, certificate_id)
    content = pdfs.certificate_pdf(certificate)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=certificate,
        subject_id=youth.public_id,
        purpose="certificate PDF",
    )
    return pdf_progress.pdf_response(content, _("certificate"))


@login_required
def portfolio_pdf(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    return pdf_progress.progress_page(
        request, youth, _pdf_urls(youth), "portfolio/staff/portfolio_pdf.html", {"youth": youth}
    )


@login_required
def portfolio_pdf_status(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    return pdf_progress.status_partial(request, youth, _pdf_urls(youth))


@login_required
def portfolio_pdf_download(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    return pdf_progress.download(request, youth, _pdf_urls(youth))


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    error = None
    if request.method == "POST":
        try:
            invitations.youth_invite(youth=youth, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": youth.email})
            return redirect(_portfolio_url(youth))
    return render(request, "portfolio/staff/invite.html", {"youth": youth, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def prior_learning_record(request: HttpRequest, youth_id) -> HttpResponse:
    """Staff record the youth's prior learning (realkompetence) with its evidence."""
    youth = youth_for_staff(request.user, youth_id)
    form = PriorLearningForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.prior_learning_record(youth=youth, by=request.user, **form.cleaned_data),
                success=_("The prior learning has been added to the portfolio."),
                then=_portfolio_url(youth),
            )
        )
    ):
        return done
    return render(request, "portfolio/staff/prior_learning_form.html", {"youth": youth, "form": form})


@login_required
@require_POST
def prior_learning_delete(request: HttpRequest, youth_id, prior_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    prior = get_object_or_404(youth.prior_learning, public_id=prior_id)
    prior.youth = youth
    services.prior_learning_delete(prior=prior, by=request.user)
    messages.success(request, _("The prior learning has been removed from the portfolio."))
    return redirect(_portfolio_url(youth))
