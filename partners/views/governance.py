"""The bodies that hold the partnership together: the steering group
(leaders, a few meetings a year) and the key-person group (practitioners),
with members from the agreement's parties, meetings with agenda, minutes and
decisions. A steering meeting links to the statistics pack when the
dashboards are installed."""

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from kui.lib.forms import saved_or_form_errors
from partners import services
from partners.forms import BodyForm, DecisionForm, MeetingForm, MemberForm
from partners.models import (
    BodyKind,
    BodyMember,
    GovernanceBody,
    GovernanceMeeting,
    PartnershipAgreement,
)
from partners.views import only_get, register_editors

body_readers = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.ADMINISTRATOR, Role.STEERING)
# The dashboards' statistics pack (the first name that resolves), for the
# roles that see statistics. Dashboards sit on top; nothing here imports them.
STEERING_PACK_URL_NAMES = ("dashboards:steering", "dashboards:overview")
STATISTICS_ROLES = {Role.STEERING, Role.TEAM_LEAD, Role.ADMINISTRATOR}


def _body(user, body_id) -> GovernanceBody:
    return visible_or_404(GovernanceBody.objects.select_related("agreement"), user, public_id=body_id)


def _editable_body(user, body_id) -> GovernanceBody:
    return get_object_or_404(GovernanceBody.objects.editable_by(user).select_related("agreement"), public_id=body_id)


def _meeting(user, meeting_id, editable: bool = False) -> GovernanceMeeting:
    meetings = GovernanceMeeting.objects.editable_by(user) if editable else GovernanceMeeting.objects.visible_to(user)
    return get_object_or_404(meetings.select_related("body__agreement"), public_id=meeting_id)


def _may_edit(user, agreement: PartnershipAgreement) -> bool:
    return PartnershipAgreement.objects.editable_by(user).filter(pk=agreement.pk).exists()


def _body_url(body: GovernanceBody) -> str:
    return reverse("partners:body_detail", args=[body.public_id])


def _meeting_url(meeting: GovernanceMeeting) -> str:
    return reverse("partners:governance_meeting_detail", args=[meeting.public_id])


def steering_pack_url(user) -> str | None:
    """The dashboards' statistics pack, if that app is installed and the
    user may open it."""
    if user.role not in STATISTICS_ROLES and not user.is_superuser:
        return None
    for name in STEERING_PACK_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@body_readers
@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    bodies = (
        GovernanceBody.objects.visible_to(request.user)
        .select_related("agreement")
        .annotate(
            member_count=Count("members", distinct=True),
            next_meeting_on=Min("meetings__held_on", filter=Q(meetings__held_on__gte=today)),
        )
    )
    return render(request, "partners/body_list.html", {"bodies": bodies})


@register_editors
def body_create(request: HttpRequest, agreement_id) -> HttpResponse:
    agreement = get_object_or_404(PartnershipAgreement.objects.editable_by(request.user), public_id=agreement_id)
    form = BodyForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.body_create(agreement=agreement, by=request.user, **form.cleaned_data),
                success=_("The body has been created. Add its members."),
                then=lambda body: _body_url(body),
            )
        )
    ):
        return done
    back = reverse("partners:agreement_detail", args=[agreement.public_id])
    return render(request, "partners/form.html", {"form": form, "title": _("New body"), "back": back})


def _body_page(request, body: GovernanceBody, member_form=None) -> HttpResponse:
    may_edit = _may_edit(request.user, body.agreement)
    context = {
        "body": body,
        "members": body.members.select_related("organisation", "user"),
        "meetings": body.meetings.annotate(decision_count=Count("decisions")),
        "may_edit": may_edit,
        "member_form": (member_form or MemberForm(body=body)) if may_edit else None,
    }
    return render(request, "partners/body_detail.html", context)


@body_readers
def body_detail(request: HttpRequest, body_id) -> HttpResponse:
    body = _body(request.user, body_id)
    return only_get(request) or _body_page(request, body)


@register_editors
@require_POST
def member_add(request: HttpRequest, body_id) -> HttpResponse:
    body = _editable_body(request.user, body_id)
    form = MemberForm(request.POST, body=body)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.member_add(body=body, by=request.user, **form.cleaned_data),
            success=_("The member has been added."),
            then=_body_url(body),
        )
    ):
        return done
    return _body_page(request, body, member_form=form)


@register_editors
@require_POST
def member_remove(request: HttpRequest, member_id) -> HttpResponse:
    member = get_object_or_404(BodyMember.objects.editable_by(request.user).select_related("body"), public_id=member_id)
    body = member.body
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("The member has been removed."))
    return redirect(_body_url(body))


@register_editors
def meeting_create(request: HttpRequest, body_id) -> HttpResponse:
    body = _editable_body(request.user, body_id)
    form = MeetingForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.meeting_schedule(body=body, by=request.user, **form.meeting_fields()),
                success=_("The meeting has been scheduled."),
                then=lambda meeting: _meeting_url(meeting),
            )
        )
    ):
        return done
    return render(request, "partners/form.html", {"form": form, "title": _("New meeting"), "back": _body_url(body)})


def _meeting_page(request, meeting: GovernanceMeeting, decision_form=None) -> HttpResponse:
    may_edit = _may_edit(request.user, meeting.body.agreement)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "decisions": meeting.decisions.all(),
        "may_edit": may_edit,
        "decision_form": (decision_form or DecisionForm()) if may_edit else None,
        "steering_pack_url": steering_pack_url(request.user) if meeting.body.kind == BodyKind.STEERING else None,
    }
    return render(request, "partners/governance_meeting_detail.html", context)


@body_readers
def meeting_detail(request: HttpRequest, governance_meeting_id) -> HttpResponse:
    meeting = _meeting(request.user, governance_meeting_id)
    return only_get(request) or _meeting_page(request, meeting)


@register_editors
def meeting_edit(request: HttpRequest, governance_meeting_id) -> HttpResponse:
    meeting = _meeting(request.user, governance_meeting_id, editable=True)
    form = MeetingForm(request.POST or None, instance=meeting)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.meeting_update(meeting=meeting, by=request.user, **form.meeting_fields()),
                success=_("Changes saved."),
                then=_meeting_url(meeting),
            )
        )
    ):
        return done
    return render(
        request, "partners/form.html", {"form": form, "title": _("Agenda and minutes"), "back": _meeting_url(meeting)}
    )


@register_editors
@require_POST
def decision_add(request: HttpRequest, governance_meeting_id) -> HttpResponse:
    meeting = _meeting(request.user, governance_meeting_id, editable=True)
    form = DecisionForm(request.POST)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.decision_add(meeting=meeting, by=request.user, **form.cleaned_data),
            success=_("The decision has been recorded."),
            then=_meeting_url(meeting),
        )
    ):
        return done
    return _meeting_page(request, meeting, decision_form=form)
