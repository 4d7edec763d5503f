"""Logging a contact in as few interactions as possible, by HTMX from the
board or the profile; without JavaScript the same form posts normally."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kui.accounts.models import User
from kui.lib.forms import add_service_error
from youths import services
from youths.access import youth_for_staff
from youths.board import EXTENSIONS, board_queryset, board_rows
from youths.forms import ContactCorrectForm, ContactForm
from youths.models import Contact, Youth
from youths.selectors import profile_context


def _board_row_response(
    request, youth: Youth, form: ContactForm | None, saved: Contact | None, undone: bool = False
) -> HttpResponse:
    """Only the youth's row (a card on a phone) comes back, saying what was
    saved; kui.js moves focus to that confirmation and announces it."""
    fresh = board_queryset(Youth.objects.filter(pk=youth.pk)).get()
    row = board_rows([fresh])[0]
    if fresh.primary_contact_person_id:
        row.contact_person = User.objects.filter(pk=fresh.primary_contact_person_id).first()
    context = {
        "row": row,
        "extensions": EXTENSIONS,
        "contact_form": form,
        "contact_form_youth": youth.pk,
        "saved_contact": saved,
        "undone_contact": undone,
    }
    return render(request, "youths/includes/_board_row.html", context)


def _profile_panel_response(
    request, youth: Youth, form: ContactForm | None, saved: Contact | None = None, undone: bool = False
) -> HttpResponse:
    context = profile_context(youth, request.user)
    context.update(contact_form=form, contact_form_youth=youth.pk, saved_contact=saved, undone_contact=undone)
    return render(request, "youths/includes/_contact_panel.html", context)


def _form_response(request, youth: Youth) -> HttpResponse:
    """GET: the empty form. By HTMX it is the body of a board row's "Log
    contact" (fetched when opened, not rendered into every row); without
    JavaScript it is a page of its own."""
    form = ContactForm(prefix_id=youth.public_id.hex[:8], youth=youth)
    where = "profile" if request.GET.get("where") == "profile" else "board"
    context = {"youth": youth, "form": form, "where": where}
    if request.htmx:
        return render(request, "youths/includes/_contact_form.html", context)
    services.youth_read(youth=youth, by=request.user, purpose="contact form")
    return render(request, "youths/contact_form.html", {**context, "where": "page"})


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    if request.method == "GET":
        return _form_response(request, youth)
    form = ContactForm(request.POST, prefix_id=youth.public_id.hex[:8], youth=youth)
    saved = None
    if form.is_valid():
        try:
            saved = services.contact_log(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    keep = None if saved else form
    if request.htmx:
        if request.POST.get("where") == "profile":
            return _profile_panel_response(request, youth, keep, saved)
        return _board_row_response(request, youth, keep, saved)
    if not saved:
        # Without JavaScript: the form again, each message beside its field, what was typed kept.
        context = {"youth": youth, "form": form, "where": "page"}
        return render(request, "youths/contact_form.html", context, status=200)
    messages.success(request, _("Contact logged."))
    return redirect(reverse("youths:profile", args=[youth.public_id]))


def _contact_for_author(request, youth: Youth, logged_contact_id: int) -> Contact:
    """A contact of a case file the user may open (404 otherwise). Whether
    they may change it (the author, within the window) is the service's rule."""
    contact = get_object_or_404(youth.contacts.select_related("logged_by"), pk=logged_contact_id)
    contact.youth = youth
    return contact


def _to_contacts(youth: Youth) -> HttpResponse:
    return redirect(reverse("youths:profile", args=[youth.public_id]) + "#contact-panel")


@login_required
@require_http_methods(["GET", "POST"])
def contact_correct(request: HttpRequest, youth_id, logged_contact_id: int) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    contact = _contact_for_author(request, youth, logged_contact_id)
    form = ContactCorrectForm(request.POST or None, contact=contact, prefix_id="correct")
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_correct(
                contact=contact, by=request.user, version=form.cleaned_data["version"], **form.contact_fields()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contact has been corrected; the earlier version is kept."))
            return _to_contacts(youth)
    elif request.method == "GET":
        services.youth_read(youth=youth, by=request.user, purpose="contact correction")
    context = {
        "youth": youth,
        "contact": contact,
        "form": form,
        "may_revise": contact.is_correctable_by(request.user),
        "revisions": contact.revisions.select_related("revised_by"),
        "window_hours": settings.KUI_CONTACT_CORRECTION_HOURS,
    }
    return render(request, "youths/contact_correct.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, youth_id, logged_contact_id: int) -> HttpResponse:
    """GET asks first (a page of its own, so it works without JavaScript);
    POST removes. "Undo" on the board posts here right after a save: the
    button itself is the question, and the card comes back."""
    youth = youth_for_staff(request.user, youth_id)
    contact = _contact_for_author(request, youth, logged_contact_id)
    if request.method == "GET":
        services.youth_read(youth=youth, by=request.user, purpose="contact removal")
        context = {
            "youth": youth,
            "contact": contact,
            "may_revise": contact.is_correctable_by(request.user),
            "window_hours": settings.KUI_CONTACT_CORRECTION_HOURS,
        }
        return render(request, "youths/contact_remove.html", context)
    try:
        services.contact_remove(contact=contact, by=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain; charset=utf-8")
        messages.error(request, " ".join(error.messages))
        return _to_contacts(youth)
    if request.htmx and request.POST.get("where") == "board":
        return _board_row_response(request, youth, None, None, undone=True)
    if request.htmx and request.POST.get("where") == "profile":
        return _profile_panel_response(request, youth, None, undone=True)
    messages.success(request, _("The contact has been removed; what it said is kept in the history."))
    return _to_contacts(youth)
