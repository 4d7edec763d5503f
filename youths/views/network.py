"""The network map (netværkskort) on the profile: add or remove a person.
Both answer with the profile; a bad entry shows the add form with its errors
on the profile itself, and nothing is saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from youths import services
from youths.access import youth_for_staff
from youths.forms_casefile import add_service_error
from youths.forms_intake import NetworkPersonForm, ProfessionalForm
from youths.models import Youth
from youths.selectors import profile_context


def _to_network(youth: Youth) -> HttpResponse:
    return redirect(reverse("youths:profile", args=[youth.public_id]) + "#h-network")


@login_required
@require_POST
def network_add(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = NetworkPersonForm(request.POST)
    if form.is_valid():
        try:
            services.network_person_add(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            name = form.cleaned_data["name"]
            messages.success(request, _("%(name)s has been added to the network map.") % {"name": name})
            return _to_network(youth)
    services.youth_read(youth=youth, by=request.user)
    context = {**profile_context(youth, request.user), "network_form": form}
    return render(request, "youths/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_remove(request: HttpRequest, youth_id, person_id: int) -> HttpResponse:
    """GET asks first, on a page of its own (works without JavaScript); POST removes."""
    youth = youth_for_staff(request.user, youth_id)
    person = get_object_or_404(youth.network.current(), pk=person_id)
    person.youth = youth
    if request.method == "GET":
        services.youth_read(youth=youth, by=request.user, purpose="network removal")
        return render(request, "youths/network_remove.html", {"youth": youth, "person": person})
    try:
        services.network_person_remove(person=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s has been removed from the network map.") % {"name": person.name})
    return _to_network(youth)


@login_required
@require_POST
def professional_add(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = ProfessionalForm(request.POST)
    if form.is_valid():
        try:
            services.professional_add(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            name = form.cleaned_data["name"]
            messages.success(request, _("%(name)s has been added to the professional network.") % {"name": name})
            return redirect(reverse("youths:profile", args=[youth.public_id]) + "#h-professionals")
    services.youth_read(youth=youth, by=request.user)
    context = {**profile_context(youth, request.user), "professional_form": form}
    return render(request, "youths/profile.html", context)
