"""Caseloads (sagsstammer): how many active youths each contact person holds
against their limit. A team lead sees the organisation, narrowed by team, and
sets the limits; a contact person sees only their own line."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from youths import services
from youths.forms_casefile import (
    CaseloadLimitForm,
    CaseloadTeamForm,
    add_service_error,
    casework_colleagues,
    with_active_caseload,
)


def _require_casework(user) -> None:
    if not user.does_casework or not user.organisation_id:
        raise Http404


def _team_filter_data(request: HttpRequest):
    """A team lead starts on their own team; `?team=` (empty) shows all teams."""
    data = request.GET.copy()
    if "team" not in data and request.user.team_id:
        data["team"] = str(request.user.team_id)
    return data


@login_required
@require_GET
def caseloads(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_casework(user)
    people = casework_colleagues(user.organisation_id)
    team_form = None
    if user.is_team_lead:
        team_form = CaseloadTeamForm(_team_filter_data(request), organisation_id=user.organisation_id)
        if team_form.is_valid() and team_form.cleaned_data["team"]:
            people = people.filter(team=team_form.cleaned_data["team"])
    else:
        people = people.filter(pk=user.pk)
    rows = list(with_active_caseload(people))
    context = {
        "rows": rows,
        "team_form": team_form,
        "over_limit": sum(r.active_caseload > r.caseload_limit for r in rows),
    }
    return render(request, "youths/caseloads.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def caseload_limit_edit(request: HttpRequest, user_id) -> HttpResponse:
    _require_casework(request.user)
    if not request.user.is_team_lead:
        raise Http404
    person = get_object_or_404(casework_colleagues(request.user.organisation_id), public_id=user_id)
    form = CaseloadLimitForm(request.POST or None, initial={"caseload_limit": person.caseload_limit})
    if request.method == "POST" and form.is_valid():
        try:
            services.caseload_limit_set(person=person, by=request.user, limit=form.cleaned_data["caseload_limit"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The caseload limit of %(name)s is now %(limit)d.")
                % {"name": person, "limit": person.caseload_limit},
            )
            return redirect("youths:caseloads")
    return render(request, "youths/casefile/caseload_limit.html", {"person": person, "form": form})
