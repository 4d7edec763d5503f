"""Logging a contact in as few interactions as possible, by HTMX from the
board or the profile; without JavaScript the same form posts normally."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kui.accounts.models import User
from youths import services
from youths.access import youth_for_staff
from youths.board import EXTENSIONS, board_queryset, board_rows
from youths.forms import ContactForm
from youths.models import Contact, Youth
from youths.selectors import profile_context


def _board_row_response(request, youth: Youth, form: ContactForm | None, saved: Contact | None) -> HttpResponse:
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
    }
    return render(request, "youths/includes/_board_row.html", context)


def _profile_panel_response(request, youth: Youth, form: ContactForm | None) -> HttpResponse:
    context = profile_context(youth, request.user)
    context.update(contact_form=form, contact_form_youth=youth.pk)
    return render(request, "youths/includes/_contact_panel.html", context)


def _form_response(request, youth: Youth) -> HttpResponse:
    """GET: the empty form. By HTMX it is the body of a board row's "Log
    contact" (fetched when opened, not rendered into every row); without
    JavaScript it is a page of its own."""
    form = ContactForm(prefix_id=youth.public_id.hex[:8])
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
    form = ContactForm(request.POST, prefix_id=youth.public_id.hex[:8])
    saved = None
    if form.is_valid():
        try:
            saved = services.contact_log(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    keep = None if saved else form
    if request.htmx:
        if request.POST.get("where") == "profile":
            return _profile_panel_response(request, youth, keep)
        return _board_row_response(request, youth, keep, saved)
    if saved:
        messages.success(request, _("Contact logged."))
    else:
        messages.error(
            request,
            _("The contact was not saved: %(errors)s")
            % {"errors": " ".join(str(message) for messages_ in form.errors.values() for message in messages_)},
        )
    return redirect(reverse("youths:profile", args=[youth.public_id]))
