"""When a contact person leaves — deactivated, or moved out of the team —
each of their active and paused youths needs a new contact person. The team
lead chooses one per youth here (or later, from the list of youths without a
contact person, where the scan's "no contact person" flag puts them). An
administrator may deactivate or move a person too, but sees no youths:
the team lead is flagged instead."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kui.accounts.models import CASEWORK_ROLES, User
from kui.lib.forms import add_service_error
from youths import services
from youths.contact_persons import SEARCH_MIN_LENGTH, eligible_contact_persons, search_contact_persons
from youths.forms_staff import ProposalDecisionForm, StaffLeaveForm, StaffLeavePickForm
from youths.models import ContactPersonProposal, Youth

ORPHANS_PAGE_SIZE = 200


def _person_for(user, user_id) -> User:
    if user.is_administrator:
        people = User.objects.filter(role__in=CASEWORK_ROLES)
    elif user.is_team_lead and user.organisation_id:
        people = User.objects.filter(role__in=CASEWORK_ROLES, organisation_id=user.organisation_id)
    else:
        raise Http404
    return get_object_or_404(people.exclude(pk=user.pk), public_id=user_id, is_active=True)


@login_required
@require_http_methods(["GET", "POST"])
def staff_leave_pick(request: HttpRequest) -> HttpResponse:
    """Where administrators (and team leads) start when someone leaves or
    changes team: pick the person, then decide for each of their youths."""
    if not (request.user.is_administrator or request.user.is_team_lead):
        raise Http404
    form = StaffLeavePickForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        return redirect("youths:staff_leave", form.cleaned_data["person"].public_id)
    return render(request, "youths/staff_leave_pick.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_leave(request: HttpRequest, user_id) -> HttpResponse:
    person = _person_for(request.user, user_id)
    held = Youth.objects.in_caseload_of(person).on_board()
    # Only the team lead, who may open the case files, sees the youths by name.
    youths = list(held.case_files_visible_to(request.user).order_by("first_name", "last_name", "pk"))
    form = StaffLeaveForm(request.POST or None, person=person, youths=youths, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            left = services.staff_leave(person=person, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        except IntegrityError:
            form.add_error(None, _("Someone else changed a contact person at the same time. Reload and try again."))
        else:
            messages.success(request, _("%(name)s has been updated.") % {"name": person})
            if left:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d youth has no contact person yet and is flagged for the team lead.",
                        "%(count)d youths have no contact person yet and are flagged for the team lead.",
                        len(left),
                    )
                    % {"count": len(left)},
                )
            return redirect("youths:without_contact_person" if request.user.is_team_lead else "admin:index")
    context = {"person": person, "form": form, "youths": youths, "held_count": held.count()}
    return render(request, "youths/staff_leave.html", context)


@login_required
@require_GET
def without_contact_person(request: HttpRequest) -> HttpResponse:
    """The team lead's list of youths whose thread nobody holds."""
    if not request.user.is_team_lead:
        raise Http404
    youths = (
        Youth.objects.case_files_visible_to(request.user)
        .without_contact_person()
        .with_primary_contact_person()
        .select_related("team")
        .order_by("first_name", "last_name", "pk")[:ORPHANS_PAGE_SIZE]
    )
    rows = list(youths)
    former = User.objects.in_bulk({y.primary_contact_person_id for y in rows} - {None})
    for youth in rows:
        youth.former_contact_person = former.get(youth.primary_contact_person_id)
    return render(request, "youths/without_contact_person.html", {"rows": rows})


@login_required
@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    """The youths' proposals of a contact person, waiting for the team lead."""
    if not request.user.is_team_lead:
        raise Http404
    pending = (
        ContactPersonProposal.objects.decided_by(request.user)
        .pending()
        .select_related("youth", "proposed_user__organisation")
        .order_by("proposed_at", "pk")[:ORPHANS_PAGE_SIZE]
    )
    return render(request, "youths/proposals.html", {"proposals": list(pending)})


def _people_searched(youth: Youth, request: HttpRequest) -> list[User]:
    found = search_contact_persons(youth, request.GET.get("q", ""))
    posted = request.POST.get("contact_person", "")
    if posted:
        try:
            chosen = eligible_contact_persons(youth).filter(public_id=uuid.UUID(posted)).first()
        except ValueError:
            chosen = None
        if chosen is not None and chosen not in found:
            found.append(chosen)
    return found


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decide(request: HttpRequest, proposal_id) -> HttpResponse:
    queryset = ContactPersonProposal.objects.decided_by(request.user).select_related(
        "youth", "proposed_user__organisation", "network_person"
    )
    proposal = get_object_or_404(queryset, public_id=proposal_id)
    youth = proposal.youth
    found = [] if proposal.proposed_user_id else _people_searched(youth, request)
    form = ProposalDecisionForm(request.POST or None, proposal=proposal, found=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_proposal_decide(proposal=proposal, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_error(form, error)
        except IntegrityError:
            form.add_error(None, _("Someone else changed the contact person at the same time. Reload and try again."))
        else:
            messages.success(request, _("The proposal has been decided."))
            return redirect("youths:proposals")
    services.youth_read(youth=youth, by=request.user, purpose="contact person proposal")
    context = {
        "proposal": proposal,
        "youth": youth,
        "form": form,
        "query": request.GET.get("q", ""),
        "searched": len(request.GET.get("q", "").strip()) >= SEARCH_MIN_LENGTH,
    }
    return render(request, "youths/proposal_decide.html", context)
