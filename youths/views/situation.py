"""The youth's situation (/unge/<id>/situation/): target groups, benefit, the
education-readiness assessment and other departments' measures, each with
its own small form; bad input is shown on the form and nothing is saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kui.lib.forms import add_service_error
from youths import services
from youths.access import youth_for_staff
from youths.forms_situation import BenefitForm, MeasureForm, ReadinessForm, TargetGroupsForm
from youths.models import DepartmentMeasure

FORMS = {"groups": TargetGroupsForm, "benefit": BenefitForm, "readiness": ReadinessForm, "measure": MeasureForm}


def _save(name: str, form, youth, user):
    data = form.cleaned_data
    if name == "groups":
        return services.target_groups_set(youth=youth, by=user, groups=data["groups"])
    if name == "benefit":
        return services.youth_update(youth=youth, by=user, version=data["version"], benefit=data["benefit"])
    if name == "readiness":
        return services.readiness_record(youth=youth, by=user, **data)
    return services.department_measure_record(youth=youth, by=user, **data)


@login_required
@require_http_methods(["GET", "POST"])
def situation(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    posted = request.POST.get("form", "") if request.method == "POST" else ""
    forms = {
        "groups": TargetGroupsForm(initial={"groups": list(youth.target_groups.values_list("group", flat=True))}),
        "benefit": BenefitForm(initial={"benefit": youth.benefit, "version": youth.version}),
        "readiness": ReadinessForm(),
        "measure": MeasureForm(),
    }
    if posted in FORMS:
        form = forms[posted] = FORMS[posted](request.POST)
        if form.is_valid():
            try:
                _save(posted, form, youth, request.user)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("youths:situation", args=[youth.public_id]))
    elif request.method == "POST":  # a tampered or stale page: say so, save nothing
        messages.error(request, _("Nothing was saved: the page did not say what to save. Try again."))
    services.youth_read(youth=youth, by=request.user, purpose="the youth's situation")
    context = {
        "youth": youth,
        "forms": forms,
        "assessments": youth.readiness_assessments.select_related("organisation"),
        "measures": DepartmentMeasure.objects.visible_to(request.user)
        .filter(youth=youth)
        .select_related("organisation"),
        "target_groups": youth.target_groups.all(),
    }
    return render(request, "youths/situation.html", context)
