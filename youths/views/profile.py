"""The case file: create, edit and read a youth (every read is audited)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from kui.lib import cpr as cpr_lib
from kui.lib.throttle import over_limit
from youths import services
from youths.access import youth_for_staff
from youths.forms import YouthForm
from youths.models import Youth
from youths.selectors import profile_context


def _require_casework(user) -> None:
    if not user.does_casework:
        raise Http404


@login_required
def profile(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    services.youth_read(youth=youth, by=request.user)
    return render(request, "youths/profile.html", profile_context(youth, request.user, request.GET.get("page")))


def _duplicates_message(request, form: YouthForm) -> list[dict]:
    """What the user may learn about an already-known youth: a link if they
    may open the record; within their organisation which team to contact (and
    "break the glass"); of another organisation only that the youth is
    possibly known elsewhere. Each match is audited as a lookup."""
    data = form.cleaned_data
    found = services.find_duplicates(
        organisation_scope=Youth.objects.all(),
        first_name=data["first_name"],
        last_name=data["last_name"],
        birth_date=data["birth_date"],
        cpr=data.get("cpr", ""),
    )
    visible = set(
        Youth.objects.visible_to(request.user).filter(pk__in=[y.pk for y in found]).values_list("pk", flat=True)
    )
    matches = []
    for youth in found:
        services.youth_read(youth=youth, by=request.user, purpose="duplicate check")
        same_organisation = youth.organisation_id == request.user.organisation_id
        matches.append(
            {
                "youth": youth if same_organisation else None,
                "visible": youth.pk in visible,
                "elsewhere": not same_organisation,
                "owner": (youth.team or youth.organisation) if same_organisation else None,
                "same_cpr": bool(data.get("cpr")) and youth.cpr_hash in cpr_lib.lookup_hashes(data["cpr"]),
                # A spelling variant, not the name as typed: worth a second look before registering.
                "similar_name": (youth.first_name.lower(), youth.last_name.lower())
                != (data["first_name"].strip().lower(), data["last_name"].strip().lower()),
            }
        )
    return matches


def _duplicate_checks_exhausted(request) -> bool:
    """Registering is also a way to test whether a name, birth date or CPR
    number is known: the checks are counted per user and hour."""
    return over_limit(
        "duplicate-check",
        str(request.user.pk),
        limit=settings.KUI_DUPLICATE_CHECK_RATE_PER_HOUR,
        window_seconds=3600,
    )


@sensitive_post_parameters("cpr")
@login_required
def youth_create(request: HttpRequest) -> HttpResponse:
    _require_casework(request.user)
    form = YouthForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid() and _duplicate_checks_exhausted(request):
        form.add_error(None, _("Too many registrations in a short time. Wait an hour, or ask your KUI coordinator."))
        return render(request, "youths/youth_form.html", {"form": form, "creating": True}, status=429)
    if request.method == "POST" and form.is_valid():
        duplicates = _duplicates_message(request, form)
        # Same name and birth date may be two people; the same CPR never is.
        may_override = request.POST.get("confirm_new") == "1" and not any(d["same_cpr"] for d in duplicates)
        if not duplicates or may_override:
            try:
                youth = services.youth_create(by=request.user, cpr=form.cleaned_data["cpr"], **form.model_fields())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The youth has been registered on the waiting list."))
                return redirect(reverse("youths:profile", args=[youth.public_id]))
    return render(request, "youths/youth_form.html", {"form": form, "duplicates": duplicates, "creating": True})


@sensitive_post_parameters("cpr")
@login_required
def youth_edit(request: HttpRequest, youth_id) -> HttpResponse:
    youth = youth_for_staff(request.user, youth_id)
    if request.method == "GET":
        services.youth_read(youth=youth, by=request.user, purpose="edit form")
    form = YouthForm(request.POST or None, instance=youth, user=request.user)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.youth_update(
                youth=youth,
                by=request.user,
                version=version,
                cpr=form.cleaned_data["cpr"] or None,
                **form.model_fields(),
            )
        except services.StaleEdit as error:
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(reverse("youths:profile", args=[youth.public_id]))
    return render(request, "youths/youth_form.html", {"form": form, "youth": youth, "creating": False})
