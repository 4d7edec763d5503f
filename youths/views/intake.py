"""The intake meeting (visitationsmøde): the youth, their network and the
professionals agree what starts right away and who holds the thread. Saving
it admits the youth. The minutes (referat) are written for the youth to take
home, as a page and a PDF: plain words, no CPR number, no logbook notes."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from youths import documents, network_map, services
from youths.access import youth_for_staff
from youths.forms_casefile import add_service_error
from youths.forms_intake import IntakeForm
from youths.models import DocumentKind, DocumentSnapshot, IntakeMeeting, Youth


@login_required
@require_http_methods(["GET", "POST"])
def intake_create(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    form = IntakeForm(request.POST or None, youth=youth, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.intake_record(youth=youth, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        except IntegrityError:
            form.add_error(None, _("Someone else changed the contact person at the same time. Reload and try again."))
        else:
            messages.success(request, _("The intake meeting has been recorded and the youth is now active."))
            return redirect(reverse("youths:intake_minutes", args=[youth.public_id, meeting.public_id]))
    services.youth_read(youth=youth, by=request.user, purpose="intake meeting")
    return render(request, "youths/intake_form.html", {"youth": youth, "form": form})


def _meeting(youth: Youth, meeting_id) -> IntakeMeeting:
    """Through the youth: another youth's meeting id is a 404."""
    meeting = get_object_or_404(youth.intake_meetings.select_related("contact_person"), public_id=meeting_id)
    meeting.youth = youth
    return meeting


def _snapshot(request: HttpRequest, meeting: IntakeMeeting) -> DocumentSnapshot:
    """The version asked for (?version=), else the newest, made now if none is."""
    version = request.GET.get("version", "")
    if version.isdigit():
        return get_object_or_404(
            DocumentSnapshot.objects.of(DocumentKind.INTAKE_MINUTES, meeting.pk), version=int(version)
        )
    return documents.intake_minutes(meeting, request.user)


def _minutes_context(youth: Youth, meeting: IntakeMeeting, snapshot: DocumentSnapshot) -> dict:
    """Everything the minutes print comes from the snapshot: what was true at the meeting."""
    data = snapshot.data
    minutes = {
        **data,
        "held_on": datetime.date.fromisoformat(data["held_on"]),
        "starts_now_on": datetime.date.fromisoformat(data["starts_now_on"]) if data.get("starts_now_on") else None,
        "starts_now_review_on": (
            datetime.date.fromisoformat(data["starts_now_review_on"]) if data.get("starts_now_review_on") else None
        ),
    }
    people = documents.people_of(data)
    return {
        "youth": youth,
        "meeting": meeting,
        "minutes": minutes,
        "snapshot": snapshot,
        "versions": DocumentSnapshot.objects.of(DocumentKind.INTAKE_MINUTES, meeting.pk).values_list(
            "version", flat=True
        ),
        "network": people,
        "network_svg": network_map.render_svg(youth, people),
        "printed_on": documents.made_on(snapshot),
    }


@login_required
def intake_minutes(request: HttpRequest, youth_id, meeting_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    meeting = _meeting(youth, meeting_id)
    services.youth_read(youth=youth, by=request.user, purpose="intake minutes")
    return render(request, "youths/intake_minutes.html", _minutes_context(youth, meeting, _snapshot(request, meeting)))


@login_required
@require_POST
def intake_minutes_renew(request: HttpRequest, youth_id, meeting_id) -> HttpResponse:
    """A new version of the minutes (the earlier ones stay as they were made)."""
    youth = youth_for_staff(request.user, youth_id)
    meeting = _meeting(youth, meeting_id)
    try:
        snapshot = documents.intake_minutes_renew(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("youths:intake_minutes", args=[youth.public_id, meeting.public_id]))
    messages.success(request, _("Version %(version)d of the minutes has been made.") % {"version": snapshot.version})
    url = reverse("youths:intake_minutes", args=[youth.public_id, meeting.public_id])
    return redirect(f"{url}?version={snapshot.version}")


@login_required
def intake_minutes_pdf(request: HttpRequest, youth_id, meeting_id) -> HttpResponse:
    """The minutes as a PDF the youth can take home; the export is audited."""
    from kui.lib.pdf import render_pdf  # WeasyPrint takes ~0.6 s to import: only load it when a PDF is made

    youth = youth_for_staff(request.user, youth_id)
    meeting = _meeting(youth, meeting_id)
    context = _minutes_context(youth, meeting, _snapshot(request, meeting))
    pdf = render_pdf("youths/pdf/intake_minutes.html", context, request=request)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=meeting,
        subject_id=youth.public_id,
        purpose="intake minutes PDF",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # No name in the file name: it ends up in download folders and browser histories.
    filename = _("intake-minutes-%(date)s.pdf") % {"date": meeting.held_on.isoformat()}
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    patch_cache_control(response, private=True, no_store=True)
    return response
