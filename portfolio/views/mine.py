"""The youth's own pages (role youth): my contact person, my next step, my
plan, my portfolio and its PDF, my reflections. Everything is read through
the youth's own case file (Youth.objects.visible_to returns only theirs):
another youth's certificate or reflection is a 404. Nothing here shows
staff notes, the contact log or the logbook."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required
from kui.lib.forms import saved_or_form_errors
from portfolio import pdfs, reminders, services
from portfolio.forms import (
    ContactPersonProposalForm,
    GoalReachedForm,
    ReflectionForm,
    ReminderSettingsForm,
    add_service_error,
)
from portfolio.selectors import current_contact_person, own_youth, own_youth_or_404, plan_for_youth, portfolio_for
from portfolio.views import pdf_progress
from youths import services as youth_services
from youths.contact_persons import SEARCH_MIN_LENGTH, eligible_contact_persons, search_contact_persons

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
            "portfolio": portfolio_for(youth),
            "reminder_settings": reminders.settings_of(youth),
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


def _proposal_people(youth, request: HttpRequest) -> list:
    """Whom the youth searched for (?q=, at most ten), plus — when the form is
    posted — the staff member chosen from an earlier search."""
    found = search_contact_persons(youth, request.GET.get("q", ""))
    posted = request.POST.get("choice", "")
    if posted.startswith("staff:"):
        try:
            chosen = eligible_contact_persons(youth).filter(public_id=uuid.UUID(posted[len("staff:") :])).first()
        except ValueError:
            chosen = None
        if chosen is not None and chosen not in found:
            found.append(chosen)
    return found


@youth_only
@require_http_methods(["GET", "POST"])
def my_contact_person_propose(request: HttpRequest) -> HttpResponse:
    """The youth proposes whom they want as contact person; the team lead decides."""
    youth = own_youth_or_404(request.user)
    network = list(youth.network.current())
    found = _proposal_people(youth, request)
    form = ContactPersonProposalForm(request.POST or None, found=found, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            youth_services.contact_person_propose(youth=youth, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. The team lead will look at your proposal."))
            return redirect("portfolio:youth_home")
    context = {
        "youth": youth,
        "form": form,
        "query": request.GET.get("q", ""),
        "searched": len(request.GET.get("q", "").strip()) >= SEARCH_MIN_LENGTH,
        "found": found,
        "network": network,
        "pending": youth.contact_person_proposals.pending().first(),
        "assignment": current_contact_person(youth),
    }
    return render(request, "portfolio/mine/propose_contact_person.html", context)


@youth_only
@require_POST
def my_goal_reached(request: HttpRequest, reflection_id) -> HttpResponse:
    """The youth ticks off one of their goals as reached (today), or undoes it."""
    youth = own_youth_or_404(request.user)
    reflection = get_object_or_404(youth.reflections, public_id=reflection_id)
    reflection.youth = youth
    form = GoalReachedForm(request.POST)
    reached = form.is_valid() and form.cleaned_data["reached"]
    try:
        services.goal_mark_reached(
            reflection=reflection, by=request.user, reached_on=timezone.localdate() if reached else None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Well done! The goal is marked as reached.") if reached else _("Changed."))
    return redirect("portfolio:my_reflections")


def _reminder_initial(youth, choice) -> dict:
    return {
        "by_sms": choice.by_sms,
        "sms_number": choice.sms_number or youth.phone,
        "by_email": choice.by_email,
        "days_before": choice.days_before,
    }


@youth_only
@require_http_methods(["GET", "POST"])
def my_reminders(request: HttpRequest) -> HttpResponse:
    """The youth's reminders (SMS, e-mail) and calendar address: all off until turned on."""
    youth = own_youth_or_404(request.user)
    choice = reminders.settings_of(youth)
    form = ReminderSettingsForm(request.POST or None, initial=_reminder_initial(youth, choice))
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: reminders.reminder_settings_update(youth=youth, by=request.user, **form.cleaned_data),
                success=_("Your reminders have been saved."),
                then="portfolio:my_reminders",
            )
        )
    ):
        return done
    feed_url = (
        request.build_absolute_uri(reverse("portfolio:calendar_feed", args=[choice.calendar_token]))
        if choice.calendar_token
        else ""
    )
    return render(
        request,
        "portfolio/mine/reminders.html",
        {"youth": youth, "form": form, "reminder_settings": choice, "feed_url": feed_url},
    )


@youth_only
@require_POST
def my_calendar(request: HttpRequest) -> HttpResponse:
    """Make a (new) calendar address, or stop the old one."""
    youth = own_youth_or_404(request.user)
    if request.POST.get("action") == "stop":
        reminders.calendar_feed_revoke(youth=youth, by=request.user)
        messages.success(request, _("The calendar address has been stopped."))
    else:
        reminders.calendar_feed_renew(youth=youth, by=request.user)
        messages.success(request, _("Your calendar has a new address. An address you used before no longer works."))
    return redirect("portfolio:my_reminders")
