"""Logging a contact in as few interactions as possible, by HTMX from the
board or the profile; without JavaScript the same form posts normally."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youths import services
from youths.access import youth_for_staff
from youths.board import EXTENSIONS, board_queryset, board_rows
from youths.forms import ContactForm
from youths.models import ContactPersonAssignment, Youth
from youths.selectors import profile_context


def _board_row_response(request, youth: Youth, form: ContactForm | None) -> HttpResponse:
    fresh = board_queryset(Youth.objects.filter(pk=youth.pk)).get()
    row = board_rows([fresh])[0]
    current = ContactPersonAssignment.objects.current_for(fresh)
    row.contact_person = current.contact_person if current else None
    context = {"row": row, "extensions": EXTENSIONS, "contact_form": form, "contact_form_youth": youth.pk}
    return render(request, "youths/includes/_board_row.html", context)


def _profile_panel_response(request, youth: Youth, form: ContactForm | None) -> HttpResponse:
    context = profile_context(youth, request.user)
    context.update(contact_form=form, contact_form_youth=youth.pk)
    return render(request, "youths/includes/_contact_panel.html", context)


@login_required
@require_POST
def contact_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = ContactForm(request.POST, prefix_id=youth.public_id.hex[:8])
    saved = False
    if form.is_valid():
        try:
            services.contact_log(youth=youth, by=request.user, **form.cleaned_data)
            saved = True
        except ValidationError as error:
            form.add_error(None, error)
    keep = None if saved else form
    if request.htmx:
        if request.POST.get("where") == "profile":
            return _profile_panel_response(request, youth, keep)
        return _board_row_response(request, youth, keep)
    if saved:
        messages.success(request, _("Contact logged."))
    else:
        messages.error(
            request,
            _("The contact was not saved: %(errors)s")
            % {"errors": " ".join(str(message) for messages_ in form.errors.values() for message in messages_)},
        )
    return redirect(reverse("youths:profile", args=[youth.public_id]))
