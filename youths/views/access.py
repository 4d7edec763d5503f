"""Break the glass: a caseworker opens a case file outside their caseload and
team by stating a reason; team leads review the list of such openings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kui.accounts.models import Role
from kui.lib.access import deny, role_required
from kui.lib.forms import add_service_error
from youths import services
from youths.forms import BreakGlassForm
from youths.models import CaseFileAccess, Youth


@login_required
def break_glass(request: HttpRequest, youth_id) -> HttpResponse:
    """Only for a youth of the user's own organisation (others: 404); a youth
    the user may already open goes straight to the case file."""
    youth = Youth.objects.in_organisation_of(request.user).filter(public_id=youth_id).first()
    if youth is None:
        deny(request.user, Youth, public_id=youth_id)
    if Youth.objects.visible_to(request.user).filter(pk=youth.pk).exists():
        return redirect(reverse("youths:profile", args=[youth.public_id]))
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_file_access_open(youth=youth, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.warning(
                request, _("You have opened this case file with a stated reason. The opening is logged and reviewed.")
            )
            return redirect(reverse("youths:profile", args=[youth.public_id]))
    context = {"youth": youth, "form": form, "grant_hours": settings.KUI_BREAK_GLASS_HOURS}
    return render(request, "youths/break_glass.html", context)


@role_required(Role.TEAM_LEAD, Role.ADMINISTRATOR)
def break_glass_review(request: HttpRequest) -> HttpResponse:
    accesses = CaseFileAccess.objects.visible_to(request.user).select_related("youth", "user")
    page = Paginator(accesses, 50).get_page(request.GET.get("page"))
    return render(request, "youths/break_glass_review.html", {"page": page})
