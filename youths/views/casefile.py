"""The case-file actions on a youth's profile: change the status, change the
contact person, record or withdraw a consent, write a logbook note.

Each page shows the history it adds to, so the person deciding sees what came
before. The views only parse, call a service and redirect; a service's
ValidationError lands on the same form and nothing is saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from youths import services
from youths.access import youth_for_staff
from youths.forms_casefile import (
    ConsentGiveForm,
    ConsentWithdrawForm,
    ContactPersonForm,
    LogbookNoteForm,
    StatusChangeForm,
    add_service_error,
)
from youths.models import LogbookNote, Youth

NOTES_SHOWN = 20


def _to_profile(youth: Youth) -> HttpResponse:
    return redirect(reverse("youths:profile", args=[youth.public_id]))


def visible_notes(youth: Youth, user):
    """The newest logbook notes this user may read: sensitive themes only for
    the youth's current contact persons and team leads."""
    return (
        LogbookNote.objects.visible_to(user).filter(youth=youth).select_related("written_by", "concerns")[:NOTES_SHOWN]
    )


@login_required
@require_http_methods(["GET", "POST"])
def status_change(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    history = list(youth.status_changes.select_related("changed_by"))
    form = StatusChangeForm(
        request.POST or None,
        youth=youth,
        current_since=max((change.changed_on for change in history), default=None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.youth_change_status(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return _to_profile(youth)
    services.youth_read(youth=youth, by=request.user, purpose="status history")
    return render(request, "youths/casefile/status.html", {"youth": youth, "form": form, "history": history})


def _warn_above_caseload_limit(request: HttpRequest, youth: Youth, person) -> None:
    """The caseload limit warns, never blocks: sometimes the right person is
    the one the youth already trusts, busy or not."""
    load = Youth.objects.active().in_caseload_of(person).exclude(pk=youth.pk).count() + 1
    if load > person.caseload_limit:
        messages.warning(
            request,
            _("%(name)s now has %(count)d youths, above the caseload limit of %(limit)d.")
            % {"name": person, "count": load, "limit": person.caseload_limit},
        )


@login_required
@require_http_methods(["GET", "POST"])
def contact_person_change(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    history = list(youth.assignments.select_related("contact_person", "assigned_by"))
    current = next((a for a in history if a.is_current), None)
    form = ContactPersonForm(request.POST or None, youth=youth, current=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.contact_person_assign(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        except IntegrityError:
            form.add_error(None, _("Someone else changed the contact person at the same time. Reload and try again."))
        else:
            messages.success(request, _("The contact person has been changed."))
            _warn_above_caseload_limit(request, youth, assignment.contact_person)
            return _to_profile(youth)
    services.youth_read(youth=youth, by=request.user, purpose="contact person history")
    context = {"youth": youth, "form": form, "history": history, "current": current}
    return render(request, "youths/casefile/contact_person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = ConsentGiveForm(request.POST or None, youth=youth, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_give(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consent has been recorded."))
            return _to_profile(youth)
    return render(request, "youths/casefile/consent_form.html", {"youth": youth, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, youth_id, consent_id: int) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    # Through the youth: a consent id of another youth is a 404, not someone else's consent.
    consent = get_object_or_404(youth.consents.select_related("organisation", "recorded_by"), pk=consent_id)
    consent.youth = youth
    form = ConsentWithdrawForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consent has been withdrawn."))
            return _to_profile(youth)
    context = {"youth": youth, "form": form, "consent": consent}
    return render(request, "youths/casefile/consent_withdraw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = LogbookNoteForm(request.POST or None, youth=youth)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_write(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The note has been saved."))
            return _to_profile(youth)
    services.youth_read(youth=youth, by=request.user, purpose="logbook notes")
    context = {"youth": youth, "form": form, "notes": visible_notes(youth, request.user)}
    return render(request, "youths/casefile/note_form.html", context)
