"""Tasks: small dated to-dos about a youth. Overdue ones become flags through
the engine, so they reach the board and the reminders without extra code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from pathways import services
from pathways.forms_conferences import TaskForm
from pathways.models import Task

CASEWORK = (Role.CONTACT_PERSON, Role.TEAM_LEAD)


def _posted(request: HttpRequest):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _team_tasks(user):
    """A team lead follows the open tasks of their team's members (the whole
    organisation's if they lead no named team); others only their own."""
    if not user.is_team_lead:
        return Task.objects.none()
    tasks = Task.objects.visible_to(user).open().exclude(owner=user)
    if user.team_id:
        tasks = tasks.filter(owner__team_id=user.team_id)
    return tasks.select_related("youth", "owner")


@role_required(*CASEWORK)
def task_list(request: HttpRequest) -> HttpResponse:
    mine = Task.objects.visible_to(request.user).open().filter(owner=request.user).select_related("youth", "owner")
    return render(
        request,
        "pathways/tasks.html",
        {
            "mine": list(mine),
            "team": list(_team_tasks(request.user)),
            "today": timezone.localdate(),
        },
    )


@role_required(*CASEWORK)
def task_create(request: HttpRequest) -> HttpResponse:
    initial = {"youth": request.GET.get("youth")} if request.method == "GET" else None
    form = TaskForm(_posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The task is created."))
            return redirect(reverse("pathways:task_list"))
    return render(request, "pathways/tasks_form.html", {"form": form})


@login_required
@require_POST
def task_done(request: HttpRequest, task_id) -> HttpResponse:
    task = visible_or_404(Task.objects.select_related("youth"), request.user, public_id=task_id)
    try:
        services.task_complete(task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is done."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("pathways:task_list")
    return redirect(target)
