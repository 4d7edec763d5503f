"""Case conference pages: schedule, pick cases, print the agenda, record each
case with its action item, close the meeting, and follow the open action
items per owner."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from pathways import conferences
from pathways.forms_conferences import AttendeeForm, CaseNotesForm, CasePickForm, CaseRecordForm, ConferenceForm
from pathways.models import CaseConference, ConferenceCase
from youths.models import DocumentKind, DocumentSnapshot

CASEWORK = (Role.CONTACT_PERSON, Role.TEAM_LEAD)
PAST_SHOWN = 20


def _posted(request: HttpRequest):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _conference_for(user, conference_id) -> CaseConference:
    """404 for anyone outside the conference's organisation or without casework."""
    return visible_or_404(CaseConference.objects.select_related("team", "chaired_by"), user, public_id=conference_id)


def _managed_conference_for(user, conference_id) -> CaseConference:
    """404 (audited) for anyone who may not change the conference's participants or close it."""
    return visible_or_404(
        CaseConference.objects.managed_by(user).select_related("team", "chaired_by"), user, public_id=conference_id
    )


def _attendees_closed(request: HttpRequest, conference: CaseConference) -> HttpResponse | None:
    """Back to the conference with the reason, if its participants may no longer change."""
    try:
        conferences.check_attendees_open(conference, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(conference))
    return None


def _detail_url(conference: CaseConference) -> str:
    return reverse("pathways:conference_detail", args=[conference.public_id])


@role_required(*CASEWORK)
def conference_list(request: HttpRequest) -> HttpResponse:
    found = (
        CaseConference.objects.visible_to(request.user)
        .select_related("team", "chaired_by")
        .annotate(case_count=Count("cases"), missing=Count("cases", filter=Q(cases__action_item__isnull=True)))
    )
    today = timezone.localdate()
    sections = [
        ("coming", _("Coming"), found.filter(held_on__gte=today).order_by("held_on")),
        ("held", _("Held"), found.filter(held_on__lt=today).order_by("-held_on")[:PAST_SHOWN]),
    ]
    return render(request, "pathways/conference_list.html", {"sections": sections})


@role_required(*CASEWORK)
def conference_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "held_on": conferences.next_conference_date(
            organisation_id=user.organisation_id, team=user.team, today=timezone.localdate()
        ),
        "team": user.team,
    }
    form = ConferenceForm(_posted(request), user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conference = conferences.conference_schedule(by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case conference is scheduled. Now pick the cases."))
            return redirect(reverse("pathways:conference_pick", args=[conference.public_id]))
    return render(request, "pathways/conference_form.html", {"form": form})


def _detail_page(request: HttpRequest, conference: CaseConference, attendee_form=None) -> HttpResponse:
    cases = list(conferences.conference_cases(conference, request.user))
    attendees = list(conference.attendees.select_related("organisation"))
    gaps = conferences.consent_gaps(conference, [attendee.organisation for attendee in attendees])
    return render(
        request,
        "pathways/conference_detail.html",
        {
            "conference": conference,
            "cases": cases,
            "missing": sum(1 for case in cases if not hasattr(case, "action_item")),
            "attendees": attendees,
            "may_manage": CaseConference.objects.managed_by(request.user).filter(pk=conference.pk).exists(),
            "attendee_form": attendee_form or AttendeeForm(user=request.user),
            "consent_warning": conferences.gap_message(gaps, user=request.user, conference=conference) if gaps else "",
            "minutes": DocumentSnapshot.objects.latest_of(DocumentKind.CONFERENCE_MINUTES, conference.pk),
        },
    )


@login_required
def conference_detail(request: HttpRequest, conference_id) -> HttpResponse:
    return _detail_page(request, _conference_for(request.user, conference_id))


@login_required
@require_POST
def conference_attendee_add(request: HttpRequest, conference_id) -> HttpResponse:
    conference = _managed_conference_for(request.user, conference_id)
    if refused := _attendees_closed(request, conference):
        return refused
    form = AttendeeForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            conferences.conference_attendee_add(conference=conference, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s has been added as a participant.") % {"name": form.cleaned_data["name"]}
            )
            return redirect(_detail_url(conference))
    return _detail_page(request, conference, attendee_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def conference_attendee_remove(request: HttpRequest, conference_id, attendee_id: int) -> HttpResponse:
    """GET asks first, on a page of its own (works without JavaScript); POST removes."""
    conference = _managed_conference_for(request.user, conference_id)
    attendee = get_object_or_404(conference.attendees.select_related("organisation"), pk=attendee_id)
    if refused := _attendees_closed(request, conference):
        return refused
    if request.method == "GET":
        return render(
            request, "pathways/conference_attendee_remove.html", {"conference": conference, "attendee": attendee}
        )
    try:
        conferences.conference_attendee_remove(attendee=attendee, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s has been removed from the participants.") % {"name": attendee.name})
    return redirect(_detail_url(conference) + "#h-attendees")


@login_required
def conference_minutes(request: HttpRequest, conference_id) -> HttpResponse:
    """The minutes as they were made when the conference was done."""
    conference = _conference_for(request.user, conference_id)
    snapshot = DocumentSnapshot.objects.latest_of(DocumentKind.CONFERENCE_MINUTES, conference.pk)
    if snapshot is None:
        raise Http404
    # Need-to-know as on the agenda: a case the reader may not open shows only that it was there.
    may_open = {
        str(public_id)
        for public_id in ConferenceCase.objects.visible_to(request.user)
        .filter(conference=conference)
        .values_list("youth__public_id", flat=True)
    }
    cases = [
        {**case, "may_open": case.get("youth_id") in may_open, "due_on": _snapshot_day(case.get("action", {}))}
        for case in snapshot.data.get("cases", [])
    ]
    return render(
        request,
        "pathways/conference_minutes.html",
        {"conference": conference, "snapshot": snapshot, "cases": cases},
    )


@login_required
def conference_pick(request: HttpRequest, conference_id) -> HttpResponse:
    conference = _conference_for(request.user, conference_id)
    youths = list(conferences.candidate_youths(request.user, conference))
    questions = dict(conference.cases.values_list("youth_id", "question"))
    form = CasePickForm(_posted(request), youths=youths, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            conferences.conference_pick_cases(conference=conference, by=request.user, picks=form.picks())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agenda is saved."))
            return redirect(_detail_url(conference))
    return render(
        request,
        "pathways/conference_pick.html",
        {
            "conference": conference,
            "form": form,
            "max_cases": CaseConference.MAX_CASES,
        },
    )


@login_required
def conference_agenda(request: HttpRequest, conference_id) -> HttpResponse:
    conference = _conference_for(request.user, conference_id)
    attendees = list(conference.attendees.select_related("organisation"))
    return render(
        request,
        "pathways/conference_agenda.html",
        {
            "conference": conference,
            "cases": conferences.conference_cases(conference, request.user),
            "attendees": attendees,
            "consent_warning": (gaps := conferences.consent_gaps(conference, [a.organisation for a in attendees]))
            and conferences.gap_message(gaps, user=request.user, conference=conference),
        },
    )


@login_required
def conference_case(request: HttpRequest, conference_id, youth_id) -> HttpResponse:
    conference = _conference_for(request.user, conference_id)
    case = visible_or_404(
        ConferenceCase.objects.filter(conference=conference).select_related(
            "youth", "action_item__owner", "action_item__professional"
        ),
        request.user,
        youth__public_id=youth_id,
    )
    has_action = hasattr(case, "action_item")
    form_class = CaseNotesForm if has_action else CaseRecordForm
    kwargs = {} if has_action else {"user": request.user, "youth": case.youth}
    form = form_class(_posted(request), initial={"notes": case.notes}, **kwargs)
    agenda = list(conference.cases.select_related("youth").values_list("youth__public_id", flat=True))
    number = agenda.index(case.youth.public_id) + 1
    next_case = _case_url(conference, agenda[number]) if number < len(agenda) else None
    if request.method == "POST" and form.is_valid():
        try:
            conferences.conference_record_case(
                case=case,
                by=request.user,
                notes=form.cleaned_data["notes"],
                action=None if has_action else form.action(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The case is recorded."))
            # The meeting moves down its agenda: "Save and next case" goes straight on.
            if request.POST.get("then") == "next" and next_case:
                return redirect(next_case)
            return redirect(_detail_url(conference))
    return render(
        request,
        "pathways/conference_case.html",
        {
            "conference": conference,
            "case": case,
            "form": form,
            "has_action": has_action,
            "number": number,
            "total": len(agenda),
            "next_case": next_case,
        },
    )


def _snapshot_day(action: dict) -> datetime.date | None:
    """The action item's deadline as a date, so the template formats it the Danish way."""
    try:
        return datetime.date.fromisoformat(action["due_on"])
    except (KeyError, TypeError, ValueError):
        return None


def _case_url(conference: CaseConference, youth_public_id) -> str:
    return reverse("pathways:conference_case", args=[conference.public_id, youth_public_id])


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's field errors on the form's fields where they exist."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_POST
def conference_done(request: HttpRequest, conference_id) -> HttpResponse:
    # Closing the meeting is the chair's and the team's, like its participants.
    conference = _managed_conference_for(request.user, conference_id)
    try:
        conferences.conference_mark_done(conference=conference, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(conference))
    messages.success(request, _("The case conference is done. Every case left with an action item."))
    return redirect(reverse("pathways:conference_list"))


@role_required(*CASEWORK)
def action_items(request: HttpRequest) -> HttpResponse:
    if not request.user.organisation_id:
        raise Http404
    items = list(conferences.open_action_items(request.user))
    return render(
        request,
        "pathways/conference_action_items.html",
        {
            "items": items,
            "today": timezone.localdate(),
        },
    )
