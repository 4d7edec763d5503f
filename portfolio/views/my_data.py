"""My data (GDPR art. 15): the page says what kui holds and lists the
lookups in the youth's file; the download is the full export as JSON.
Downloading is itself recorded, like any other export."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kui.accounts.models import Role
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.access import role_required
from portfolio import services
from portfolio.export import data_export, for_download
from portfolio.selectors import own_youth_or_404

youth_only = role_required(Role.YOUTH)


@youth_only
def my_data(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    export = data_export(youth)
    sections = [(section["section"], len(section["rows"])) for section in export["data"]]
    return render(
        request,
        "portfolio/mine/my_data.html",
        {
            "youth": youth,
            "sections": sections,
            "lookups": export["lookups"][:200],
            "lookup_count": len(export["lookups"]),
            "held_back": export["held_back"]["entries"],
            "access_requests": list(youth.access_requests.all()[:10]),
        },
    )


@youth_only
@require_http_methods(["GET", "POST"])
def my_access_request(request: HttpRequest) -> HttpResponse:
    """The youth asks for the free text the download holds back until reviewed.
    A GET (a refresh or the back button after asking) asks nothing and goes
    back to the page the question is asked from, not to an empty 405."""
    youth = own_youth_or_404(request.user)
    if request.method != "POST":
        return redirect("portfolio:my_data")
    try:
        access_request = services.access_request_create(youth=youth, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you. Your contact person will answer by %(day)s at the latest.")
            % {"day": date_format(access_request.due_on, "DATE_FORMAT")},
        )
    return redirect("portfolio:my_data")


@youth_only
def my_data_download(request: HttpRequest) -> HttpResponse:
    youth = own_youth_or_404(request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=youth,
        subject_id=youth.public_id,
        purpose="data access request (GDPR art. 15)",
    )
    body = json.dumps(for_download(data_export(youth)), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = _("my-data-%(date)s.json") % {"date": timezone.localdate().isoformat()}
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    patch_cache_control(response, private=True, no_store=True)
    return response
