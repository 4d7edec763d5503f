"""The effort's limits, edited by administrators in Danish (audited): the
days without contact per support level, the KUI deadlines, the standard
caseload and the longest wait for an intake meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kui.accounts.models import Role
from kui.lib.access import role_required
from kui.lib.forms import add_service_error
from youths import services
from youths.forms_settings import EffortLimitsForm, PracticeLimitsForm


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def limits_edit(request: HttpRequest) -> HttpResponse:
    form = EffortLimitsForm(request.POST or None, initial=EffortLimitsForm.initial_from_settings())
    if request.method == "POST" and form.is_valid():
        try:
            services.effort_limits_update(by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The limits have been saved."))
            return redirect("youths:limits")
    return render(
        request,
        "youths/limits.html",
        {"form": form, "practice_form": PracticeLimitsForm(initial=PracticeLimitsForm.initial_from_settings())},
    )


@role_required(Role.ADMINISTRATOR)
@require_http_methods(["POST"])
def practice_limits_edit(request: HttpRequest) -> HttpResponse:
    """The practices' cadences (plan reviews, referral answers, aftercare)."""
    practice_form = PracticeLimitsForm(request.POST)
    if practice_form.is_valid():
        try:
            services.practice_limits_update(by=request.user, **practice_form.service_arguments())
        except ValidationError as error:
            add_service_error(practice_form, error)
        else:
            messages.success(request, _("The limits have been saved."))
            return redirect("youths:limits")
    form = EffortLimitsForm(initial=EffortLimitsForm.initial_from_settings())
    return render(request, "youths/limits.html", {"form": form, "practice_form": practice_form})
