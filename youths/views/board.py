from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kui.accounts.models import Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib import cpr as cpr_lib
from youths.board import EXTENSIONS, board_queryset, board_rows
from youths.filters import BoardFilter
from youths.models import Youth

# One screen of rows to render; a team lead's 500 youths are pages, not one table.
BOARD_PAGE_SIZE = 50


def _default_filters(request: HttpRequest):
    """A contact person starts on their own caseload; a team lead on their team."""
    data = request.GET.copy()
    if not data:
        if request.user.role == Role.CONTACT_PERSON:
            data["contact_person"] = str(request.user.pk)
        elif request.user.team_id:
            data["team"] = str(request.user.team_id)
    data.setdefault("sort", "-days")
    return data


@login_required
def board(request: HttpRequest) -> HttpResponse:
    if not request.user.does_casework:
        raise Http404
    # The filters narrow this to the caseload (a semi-join on the person's
    # current assignments) or the team (an index on team): never a scan.
    base = Youth.objects.case_files_visible_to(request.user)
    board_filter = BoardFilter(_default_filters(request), queryset=board_queryset(base), user=request.user)
    page = Paginator(board_filter.qs, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = board_rows(page.object_list)
    people = User.objects.in_bulk({row.youth.primary_contact_person_id for row in rows} - {None})
    for row in rows:
        row.contact_person = people.get(row.youth.primary_contact_person_id)
    context = {"filter": board_filter, "page": page, "rows": rows, "extensions": EXTENSIONS}
    return render(request, "youths/board.html", context)


@sensitive_post_parameters("cpr")
@login_required
@require_POST
def cpr_lookup(request: HttpRequest) -> HttpResponse:
    """Exact lookup by CPR. The number comes by POST so it never lands in a
    URL, a browser history or an access log."""
    if not request.user.does_casework:
        raise Http404
    try:
        number = cpr_lib.normalise(request.POST.get("cpr", ""))
    except cpr_lib.InvalidCpr:
        messages.error(request, _("This is not a valid CPR number (10 digits with a real birth date)."))
        return redirect("youths:board")
    youth = Youth.objects.case_files_visible_to(request.user).filter(cpr_hash__in=cpr_lib.lookup_hashes(number)).first()
    if youth is None:
        elsewhere = Youth.objects.in_organisation_of(request.user).filter(cpr_hash=cpr_lib.lookup_hash(number)).first()
        if elsewhere is not None:
            # Known in the organisation but outside the user's need to know: only with a stated reason.
            return redirect(reverse("youths:break_glass", args=[elsewhere.public_id]))
        messages.info(request, _("No youth you have access to has that CPR number."))
        return redirect("youths:board")
    audit_record(
        actor=request.user, action=AuditAction.READ, obj=youth, subject_id=youth.public_id, purpose="CPR lookup"
    )
    return redirect(reverse("youths:profile", args=[youth.public_id]))
