"""The waiting list (venteliste): referred youths not yet admitted, most
urgent first, so the team lead can see who is next for an intake meeting.
Its clock is the days since the referral, against the limit administrators
set (EffortLimits.waiting_days) — not the board's contact clock."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from youths.models import EffortLimits, Youth, YouthStatus, waiting_cutoff

WAITING_PAGE_SIZE = 100


def waiting_youths(user):
    """Priority 1 first; within a priority, whoever was referred first."""
    return (
        Youth.objects.case_files_visible_to(user)
        .filter(status=YouthStatus.WAITING)
        .select_related("team")
        .order_by("priority", "referral_date", "last_name", "first_name", "pk")
    )


@login_required
def waiting_list(request: HttpRequest) -> HttpResponse:
    if not request.user.does_casework:
        raise Http404
    page = Paginator(waiting_youths(request.user), WAITING_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    limit = EffortLimits.current().waiting_days
    cutoff = waiting_cutoff(today, limit)
    rows = []
    for youth in page.object_list:
        days = (today - youth.referral_date).days
        rows.append(
            {"youth": youth, "age": youth.age_on(today), "days_waiting": days, "too_long": youth.referral_date < cutoff}
        )
    return render(request, "youths/waiting_list.html", {"page": page, "rows": rows, "waiting_days": limit})
