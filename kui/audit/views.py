from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kui.accounts.models import Role
from kui.audit.filters import AuditEventFilter
from kui.audit.models import AuditEvent
from kui.lib.access import role_required


@role_required(Role.ADMINISTRATOR)
def audit_list(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.visible_to(request.user).select_related("content_type")
    event_filter = AuditEventFilter(request.GET, queryset=events)
    page = Paginator(event_filter.qs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"filter": event_filter, "page": page})
