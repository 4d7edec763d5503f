"""Two addresses without a login: the youth's calendar feed (the secret
token in the address is the key, and the youth can revoke it) and the SMS
gateway's webhook for answers (authenticated by a shared secret)."""

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from portfolio import reminders


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    youth = reminders.feed_owner(token)
    if youth is None:
        raise Http404
    audit_record(
        actor=None, actor_label="calendar", action=AuditAction.READ, subject_id=youth.public_id, purpose="calendar feed"
    )
    response = HttpResponse(
        reminders.calendar_ics(youth=youth, today=timezone.localdate()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="min-plan.ics"'
    return response


def _answer(request: HttpRequest) -> tuple[str, str]:
    """The gateway's inbound message as JSON ({"msisdn": 4512345678, "message": "STOP"}) or a form."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return "", ""
        if not isinstance(data, dict):
            return "", ""
    else:
        data = request.POST
    return str(data.get("msisdn", "")), str(data.get("message", ""))


@csrf_exempt  # called by the gateway, not a browser: the shared secret stands in for the token
@require_POST
def sms_answer(request: HttpRequest) -> HttpResponse:
    if not reminders.inbound_secret_matches(request.headers.get("X-Kui-Sms-Secret", "")):
        return HttpResponse(status=403)
    number, text = _answer(request)
    reminders.sms_answer_received(number=number, text=text)
    return HttpResponse(status=204)  # the same answer either way: the gateway learns nothing about who is known
