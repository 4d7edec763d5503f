from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kui.accounts.models import Role
from kui.audit import subjects
from kui.audit.filters import AuditEventFilter
from kui.audit.models import AuditEvent
from kui.lib.access import role_required


@role_required(Role.ADMINISTRATOR)
def audit_list(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.visible_to(request.user).select_related("content_type")
    event_filter = AuditEventFilter(request.GET, queryset=events)
    page = Paginator(event_filter.qs, 50).get_page(request.GET.get("page"))
    # Names only for youths the viewer may see in their own right; the rest stay public ids.
    shown = {str(e.subject_id) for e in page if e.subject_id} | {s for e in page for s in e.subjects}
    names = subjects.names_for(shown, request.user)
    for event in page:
        ids = [str(event.subject_id)] if event.subject_id and not event.subjects else event.subjects
        event.subject_labels = [names.get(i, i) for i in ids]
    return render(request, "audit/list.html", {"filter": event_filter, "page": page})
