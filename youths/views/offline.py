"""The phone's offline queue (static/kui/offline.js) sends a contact here
when the network returns. The same form and service as the board's quick
form; the answer is JSON that says, in Danish, whether it was saved and if
not why, so the phone can show it beside the waiting contact."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youths import services
from youths.access import youth_for_staff
from youths.forms import ContactForm


def _answer(status: str, message: str, http_status: int) -> JsonResponse:
    return JsonResponse({"status": status, "message": message}, status=http_status)


@login_required  # the queue sends HX-Request: signed out, it gets 401 (kui/middleware.py), never the login page
@require_POST
def contact_sync(request: HttpRequest, youth_id) -> JsonResponse:
    try:
        youth = youth_for_staff(request.user, youth_id)
    except Http404:
        return _answer(
            "refused", _("You no longer have access to this youth's case file, so the contact was not saved."), 404
        )
    form = ContactForm(request.POST, prefix_id=youth.public_id.hex[:8])
    if form.is_valid() and form.cleaned_data["client_key"] is None:
        form.add_error(None, _("The contact came without its key and was not saved. Log it anew."))
    if form.is_valid():
        try:
            contact = services.contact_log(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        errors = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
        return _answer(
            "conflict",
            _("The contact with %(name)s was not saved: %(errors)s") % {"name": youth.display_name, "errors": errors},
            409,
        )
    time = timezone.localtime(contact.happened_at).strftime("%H:%M")
    return _answer(
        "saved", _("Contact with %(name)s saved (%(time)s).") % {"name": youth.display_name, "time": time}, 200
    )
