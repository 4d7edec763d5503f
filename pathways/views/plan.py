"""The activity plan of one youth: the pathway and its ordered steps, the
plan's history and who has the ball. Every change goes through
pathways/services.py, which writes the history; these views only parse the
form, call the service and show its errors on the same form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from kui.lib.forms import saved_or_form_errors
from pathways import aftercare, reviews, services
from pathways.forms import (
    AftercareCheckInForm,
    BallHandoverForm,
    PathwayCloseForm,
    PathwayStartForm,
    PlanReviewForm,
    StepForm,
    StepOutcomeForm,
    StepReplaceForm,
    StepStatusForm,
    StepWaitForm,
)
from pathways.models import AftercareCheckIn, BallHandover, Pathway, Step, StepEvent, StepStatus
from youths import services as youth_services
from youths.access import youth_for_staff
from youths.models import Youth

casework_only = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)


# --- Reads -------------------------------------------------------------------


def _plan_url(youth: Youth) -> str:
    return reverse("pathways:plan", args=[youth.public_id])


def _step_for_staff(user, step_id) -> Step:
    """A step of a case file the user may open (404 otherwise)."""
    queryset = Step.objects.select_related("pathway__youth__organisation", "partner", "group_course")
    return visible_or_404(queryset, user, public_id=step_id)


def _active_pathway(youth: Youth) -> Pathway | None:
    return youth.pathways.active().first()


def _active_pathway_or_404(youth: Youth) -> Pathway:
    pathway = _active_pathway(youth)
    if pathway is None:
        raise Http404
    return pathway


def plan_context(youth: Youth, user, **forms) -> dict:
    """Everything the plan page shows, in a fixed number of queries."""
    pathway = _active_pathway(youth)
    steps = []
    events = []
    plan_reviews = []
    review_due_on = None
    if pathway is not None:
        steps = list(pathway.steps.select_related("partner", "group_course", "replaced_by"))
        events = StepEvent.objects.filter(step__pathway=pathway).select_related("step", "by")
        plan_reviews = list(pathway.reviews.select_related("recorded_by"))
        review_due_on = reviews.review_due_on(pathway)
    check_ins = list(AftercareCheckIn.objects.filter(pathway__youth=youth).select_related("pathway", "recorded_by"))
    handovers = list(
        BallHandover.objects.filter(youth=youth).select_related(
            "holder_user__organisation", "holder_organisation", "holder_professional__organisation", "by"
        )
    )
    context = {
        "youth": youth,
        "pathway": pathway,
        "past_pathways": youth.pathways.filter(ended_on__isnull=False),
        "steps": steps,
        "last_position": len(steps) - 1,
        "events": events,
        "ball": handovers[0] if handovers else None,
        "handovers": handovers,
        "start_form": PathwayStartForm() if pathway is None else None,
        "close_form": PathwayCloseForm(pathway=pathway) if pathway is not None else None,
        "handover_form": BallHandoverForm(youth=youth, user=user),
        "plan_reviews": plan_reviews,
        "review_due_on": review_due_on,
        "review_overdue": review_due_on is not None and review_due_on < timezone.localdate(),
        "review_form": PlanReviewForm(prefix="review"),
        "check_ins": check_ins,
        "next_check_in": next((c for c in check_ins if c.held_on is None and c.cancelled_on is None), None),
        "check_in_form": AftercareCheckInForm(prefix="check_in"),
    }
    context.update(forms)
    return context


@casework_only
def plan(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    youth_services.youth_read(youth=youth, by=request.user, purpose="plan")
    return render(request, "pathways/plan.html", plan_context(youth, request.user))


def _render_plan_with(request, youth: Youth, **forms) -> HttpResponse:
    return render(request, "pathways/plan.html", plan_context(youth, request.user, **forms), status=200)


# --- The pathway -------------------------------------------------------------


@casework_only
@require_POST
def pathway_start(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = PathwayStartForm(request.POST)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.pathway_start(youth=youth, by=request.user, **form.cleaned_data),
            success=_("The pathway has been started. Plan its first step."),
            then=_plan_url(youth),
        )
    ):
        return done
    return _render_plan_with(request, youth, start_form=form)


@casework_only
@require_POST
def pathway_close(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    pathway = _active_pathway_or_404(youth)
    form = PathwayCloseForm(request.POST, pathway=pathway)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.pathway_close(pathway=pathway, by=request.user, **form.cleaned_data),
            success=_("The pathway has been closed."),
            then=_plan_url(youth),
        )
    ):
        return done
    return _render_plan_with(request, youth, close_form=form)


# --- Steps -------------------------------------------------------------------


def _step_form_page(request, youth: Youth, form, title: str, step: Step | None = None) -> HttpResponse:
    return render(request, "pathways/step_form.html", {"youth": youth, "form": form, "title": title, "step": step})


@casework_only
def step_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    pathway = _active_pathway_or_404(youth)
    form = StepForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_add(pathway=pathway, by=request.user, **form.step_fields()),
                success=_("The step has been added to the plan."),
                then=_plan_url(youth),
            )
        )
    ):
        return done
    return _step_form_page(request, youth, form, _("Add step"))


@casework_only
def step_wait(request: HttpRequest, youth_id) -> HttpResponse:
    """Record that the youth waits for an external service (no start date invented)."""
    youth = youth_for_staff(request.user, youth_id)
    pathway = _active_pathway_or_404(youth)
    form = StepWaitForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_wait(
                    pathway=pathway,
                    by=request.user,
                    since=form.cleaned_data["starts_on"],
                    **{name: value for name, value in form.step_fields().items() if name != "starts_on"},
                ),
                success=_("The waiting is in the plan. Check in on the date you gave."),
                then=_plan_url(youth),
            )
        )
    ):
        return done
    return _step_form_page(request, youth, form, _("Waiting for a service"))


@casework_only
def step_edit(request: HttpRequest, step_id) -> HttpResponse:
    step = _step_for_staff(request.user, step_id)
    youth = step.pathway.youth
    form_class = StepWaitForm if step.status == StepStatus.WAITING else StepForm
    form = form_class(request.POST or None, instance=step, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_update(
                    step=step, by=request.user, version=form.cleaned_data["version"] or 0, **form.step_fields()
                ),
                success=_("Changes saved."),
                then=_plan_url(youth),
            )
        )
    ):
        return done
    return _step_form_page(request, youth, form, _("Edit step"), step)


@casework_only
@require_POST
def step_move(request: HttpRequest, step_id) -> HttpResponse:
    step = _step_for_staff(request.user, step_id)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.step_move(step=step, by=request.user, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_plan_url(step.pathway.youth))


@casework_only
def step_status(request: HttpRequest, step_id) -> HttpResponse:
    step = _step_for_staff(request.user, step_id)
    initial = {"status": request.GET.get("status", StepStatus.ACTIVE)}
    form = StepStatusForm(request.POST or None, step=step, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_set_status(step=step, by=request.user, **form.cleaned_data),
                success=_("The step's status has been changed."),
                then=_plan_url(step.pathway.youth),
            )
        )
    ):
        return done
    return _step_form_page(request, step.pathway.youth, form, _("Change status"), step)


@casework_only
def step_outcome(request: HttpRequest, step_id) -> HttpResponse:
    step = _step_for_staff(request.user, step_id)
    initial = {"outcome": step.outcome, "evaluation_note": step.evaluation_note}
    form = StepOutcomeForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_record_outcome(step=step, by=request.user, **form.cleaned_data),
                success=_("The outcome has been recorded."),
                then=_plan_url(step.pathway.youth),
            )
        )
    ):
        return done
    return _step_form_page(request, step.pathway.youth, form, _("Record outcome"), step)


@casework_only
def step_replace(request: HttpRequest, step_id) -> HttpResponse:
    step = _step_for_staff(request.user, step_id)
    form = StepReplaceForm(request.POST or None, user=request.user, replacing=step)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.step_replace(
                    step=step, by=request.user, note=form.cleaned_data["note"], **form.step_fields()
                ),
                success=_("The step has been replaced; the old one is kept in the history."),
                then=_plan_url(step.pathway.youth),
            )
        )
    ):
        return done
    return _step_form_page(request, step.pathway.youth, form, _("Replace step"), step)


# --- Who has the ball --------------------------------------------------------


@casework_only
@require_POST
def ball_hand_over(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = BallHandoverForm(request.POST, youth=youth, user=request.user)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.ball_hand_over(youth=youth, by=request.user, **form.cleaned_data),
            success=_("The ball has been handed over."),
            then=_plan_url(youth),
        )
    ):
        return done
    return _render_plan_with(request, youth, handover_form=form)


# --- Plan reviews and aftercare ------------------------------------------------


@casework_only
@require_POST
def plan_review_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    pathway = _active_pathway_or_404(youth)
    form = PlanReviewForm(request.POST, prefix="review")
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: reviews.plan_review_record(pathway=pathway, by=request.user, **form.cleaned_data),
            success=_("The plan review has been recorded."),
            then=_plan_url(youth) + "#h-reviews",
        )
    ):
        return done
    return _render_plan_with(request, youth, review_form=form)


@casework_only
@require_POST
def aftercare_check_in(request: HttpRequest, check_in_id) -> HttpResponse:
    check_in = visible_or_404(
        AftercareCheckIn.objects.select_related("pathway__youth"), request.user, public_id=check_in_id
    )
    youth = check_in.pathway.youth
    form = AftercareCheckInForm(request.POST, prefix="check_in")
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: aftercare.aftercare_check_in_record(check_in=check_in, by=request.user, **form.service_arguments()),
            success=_("The check-in has been recorded."),
            then=_plan_url(youth) + "#h-aftercare",
        )
    ):
        return done
    return _render_plan_with(request, youth, check_in_form=form)
