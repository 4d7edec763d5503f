"""The partner's own pages (praktikvært, værkstedslærer, mentor): the youths
with a current step at their organisation and consent to share with it —
first name, the step, whom to call — and the three things they record:
attendance, the step's outcome, a message to the contact person.

Every view gets its youth through partners.access.youth_for_partner, which
checks the step and the consent on each request.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kui.lib.forms import saved_or_form_errors
from partners import access, services
from partners.forms import AttendanceForm, MessageForm, OutcomeForm
from partners.models import Attendance, PartnerMessage, Referral
from partners.views import only_get, partner_only
from youths import services as youth_services
from youths.models import Youth

RECENT_DAYS = 14


@partner_only
@require_GET
def portal(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    organisation = request.user.organisation
    youths = list(access.youths_for_partner(request.user, today).order_by("first_name", "pk"))
    steps = access.current_steps_at(organisation, today).of_youths(youths).select_related("pathway")
    steps_of: dict[int, list] = {}
    for step in steps:
        steps_of.setdefault(step.pathway.youth_id, []).append(step)
    today_marks = dict(
        Attendance.objects.filter(organisation=organisation, day=today, youth__in=youths).values_list(
            "youth_id", "present"
        )
    )
    rows = [
        {"youth": youth, "steps": steps_of.get(youth.pk, []), "present_today": today_marks.get(youth.pk)}
        for youth in youths
    ]
    referrals = Referral.objects.visible_to(request.user).select_related("offer", "youth")
    # Youths this staff member is contact person of: their case files, not the partner view.
    followed = Youth.objects.followed_by(request.user).order_by("first_name", "last_name", "pk")
    return render(
        request,
        "partners/portal.html",
        {"rows": rows, "referrals": referrals, "today": today, "followed": followed},
    )


def _youth_url(youth) -> str:
    return reverse("partners:portal_youth", args=[youth.public_id])


def _youth_page(request, youth, steps, status=200, **forms) -> HttpResponse:
    organisation = request.user.organisation
    contact_person = services.current_contact_person(youth)
    context = {
        "youth": youth,
        "steps": steps,
        "contact_person": contact_person,
        "attendance": Attendance.objects.filter(youth=youth, organisation=organisation)[:RECENT_DAYS],
        "sent_messages": PartnerMessage.objects.filter(youth=youth, organisation=organisation).select_related("sender")[
            :10
        ],
        "attendance_form": AttendanceForm(steps=steps),
        "outcome_form": OutcomeForm(steps=steps),
        "message_form": MessageForm(),
        **forms,
    }
    return render(request, "partners/portal_youth.html", context, status=status)


def _youth_and_steps(request, youth_id):
    youth = access.youth_for_partner(request.user, youth_id)
    steps = list(access.current_steps_at(request.user.organisation).of_youth(youth))
    return youth, steps


@partner_only
def portal_youth(request: HttpRequest, youth_id) -> HttpResponse:
    youth, steps = _youth_and_steps(request, youth_id)
    if not_allowed := only_get(request):
        return not_allowed
    youth_services.youth_read(youth=youth, by=request.user, purpose="partner")
    return _youth_page(request, youth, steps)


@partner_only
@require_POST
def portal_attendance(request: HttpRequest, youth_id) -> HttpResponse:
    youth, steps = _youth_and_steps(request, youth_id)
    form = AttendanceForm(request.POST, steps=steps)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.attendance_record(youth=youth, by=request.user, **form.cleaned_data),
            success=_("Attendance recorded."),
            then=_youth_url(youth),
        )
    ):
        return done
    return _youth_page(request, youth, steps, attendance_form=form)


@partner_only
@require_POST
def portal_outcome(request: HttpRequest, youth_id) -> HttpResponse:
    youth, steps = _youth_and_steps(request, youth_id)
    form = OutcomeForm(request.POST, steps=steps)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.partner_outcome_record(youth=youth, by=request.user, **form.cleaned_data),
            success=_("The outcome has been recorded. The contact person can see it in the plan."),
            then=_youth_url(youth),
        )
    ):
        return done
    return _youth_page(request, youth, steps, outcome_form=form)


@partner_only
@require_POST
def portal_message(request: HttpRequest, youth_id) -> HttpResponse:
    youth, steps = _youth_and_steps(request, youth_id)
    form = MessageForm(request.POST)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.partner_message_send(youth=youth, by=request.user, **form.cleaned_data),
            success=_("The message has been sent to the contact person."),
            then=_youth_url(youth),
        )
    ):
        return done
    return _youth_page(request, youth, steps, message_form=form)
