"""The youth's own pages (role youth): my contact person, my next step, my
plan, my portfolio and its PDF, my reflections. Everything is read through
the youth's own case file (Youth.objects.visible_to returns only theirs):
another youth's certificate or reflection is a 404. Nothing here shows
staff notes, the contact log or the logbook."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required
from kui.lib.forms import saved_or_form_errors
from portfolio import pdfs, services
from portfolio.forms import ReflectionForm
from portfolio.selectors import current_contact_person, own_youth, own_youth_or_404, plan_for_youth, portfolio_for
from portfolio.views import pdf_progress

youth_only = role_required(Role.YOUTH)

PDF_URLS = {
    "page": "portfolio:my_portfolio_pdf",
    "status": "portfolio:my_portfolio_pdf_status",
    "download": "portfolio:my_portfolio_pdf_download",
}


def _urls(names: dict) -> dict:
    return {key: reverse(name) for key, name in names.items()}


@youth_only
def youth_home(request: HttpRequest) -> HttpResponse:
    youth = own_youth(request.user)
    if youth is None:  # a login nobody has linked to a case file yet
        return render(request, "portfolio/mine/not_linked.html")
    plan = plan_for_youth(youth)
    return render(
        request,
        "portfolio/mine/home.html",
        {
            "youth": youth,
            "assignment": current_contact_person(youth),
            "plan": plan,
            "certificate_count": youth.certificates.valid().count(),
        },
    )


@youth_only
def my_plan(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    return render(
        request,
        "portfolio/mine/plan.html",
        {
            "youth": youth,
            "plan": plan_for_youth(youth),
            "assignment": current_contact_person(youth),
        },
    )


@youth_only
def my_portfolio(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    return render(request, "portfolio/mine/portfolio.html", {"youth": youth, "portfolio": portfolio_for(youth)})


@youth_only
def my_portfolio_pdf(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    return pdf_progress.progress_page(
        request, youth, _urls(PDF_URLS), "portfolio/mine/portfolio_pdf.html", {"youth": youth}
    )


@youth_only
def my_portfolio_pdf_status(request: HttpRequest) -> HttpResponse:
    return pdf_progress.status_partial(request, own_youth_or_404(request.user), _urls(PDF_URLS))


@youth_only
def my_portfolio_pdf_download(request: HttpRequest) -> HttpResponse:
    return pdf_progress.download(request, own_youth_or_404(request.user), _urls(PDF_URLS))


@youth_only
def my_certificate_pdf(request: HttpRequest, certificate_id) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    certificate = get_object_or_404(
        youth.certificates.valid().select_related("issuer", "step__partner"), public_id=certificate_id
    )
    return pdf_progress.pdf_response(pdfs.certificate_pdf(certificate), _("certificate"))


@youth_only
@require_http_methods(["GET", "POST"])
def my_reflections(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    form = ReflectionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.reflection_write(youth=youth, by=request.user, **form.cleaned_data),
                success=_("Saved. Your contact person can read it."),
                then="portfolio:my_reflections",
            )
        )
    ):
        return done
    return render(
        request,
        "portfolio/mine/reflections.html",
        {
            "youth": youth,
            "form": form,
            "reflections": youth.reflections.all(),
        },
    )


@youth_only
@require_http_methods(["GET", "POST"])
def my_reflection_edit(request: HttpRequest, reflection_id) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    reflection = get_object_or_404(youth.reflections, public_id=reflection_id)
    reflection.youth = youth
    initial = {"kind": reflection.kind, "text": reflection.text}
    form = ReflectionForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.reflection_update(reflection=reflection, by=request.user, **form.cleaned_data),
                success=_("Your changes have been saved."),
                then="portfolio:my_reflections",
            )
        )
    ):
        return done
    return render(
        request,
        "portfolio/mine/reflection_edit.html",
        {
            "youth": youth,
            "form": form,
            "reflection": reflection,
        },
    )


@youth_only
@require_POST
def my_reflection_delete(request: HttpRequest, reflection_id) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    reflection = get_object_or_404(youth.reflections, public_id=reflection_id)
    reflection.youth = youth
    services.reflection_delete(reflection=reflection, by=request.user)
    messages.success(request, _("Deleted."))
    return redirect("portfolio:my_reflections")
