"""The review of a youth's request for access (indsigt), beside the case file:
the youth's contact person (or the team lead) reads each free text, leaves
out what must be left out with a reason, and releases. Entries about another
person are listed apart and never released. Others get a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portfolio import services
from portfolio.export import free_texts
from portfolio.forms import AccessReviewForm
from youths import services as youth_services
from youths.access import youth_for_staff
from youths.models import reads_confidential


@login_required
@require_http_methods(["GET", "POST"])
def access_review(request: HttpRequest, youth_id, request_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    if not reads_confidential(request.user, youth):
        raise Http404
    access_request = get_object_or_404(youth.access_requests.select_related("released_by"), public_id=request_id)
    access_request.youth = youth
    own, others = free_texts(youth)
    form = AccessReviewForm(request.POST or None, entries=own)
    release_all = "release_all" in request.POST
    if request.method == "POST" and (release_all or form.is_valid()):
        decisions = form.release_all() if release_all else form.decisions()
        try:
            services.access_request_release(request=access_request, by=request.user, decisions=decisions)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Released. The youth can now download the reviewed texts under My data."))
            return redirect(reverse("portfolio:staff_portfolio", args=[youth.public_id]))
    youth_services.youth_read(youth=youth, by=request.user, purpose="access request review")
    context = {
        "youth": youth,
        "access_request": access_request,
        "form": form,
        "others": others,
        "overdue": access_request.due_on < timezone.localdate() and access_request.released_at is None,
    }
    return render(request, "portfolio/staff/access_review.html", context)
