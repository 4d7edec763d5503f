"""Group courses (gruppeforløb, e.g. Roskilde's 10-week course): a course
with fixed dates that several youths join, each as a step in their own plan."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kui.accounts.models import Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.access import role_required, visible_or_404
from pathways import services
from pathways.forms import EnrolForm, GroupCourseForm, add_service_error
from pathways.models import GroupCourse, Step, StepStatus, StepType

casework_only = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)
# Dropping out or being cancelled frees the place for someone else.
TAKES_A_PLACE = [StepStatus.PLANNED, StepStatus.ACTIVE, StepStatus.COMPLETED]


def group_course_create(*, by: User, **fields) -> GroupCourse:
    """Create a course in the creator's own organisation.
    TODO(lead): belongs in pathways/services.py; kept here until moved."""
    course = GroupCourse(organisation_id=by.organisation_id, **fields)
    course.full_clean()
    course.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=course, fields=sorted(fields))
    return course


def _participants(course: GroupCourse):
    return course.steps.filter(status__in=TAKES_A_PLACE).select_related("pathway__youth").order_by(
        "pathway__youth__first_name", "pathway__youth__last_name")


@casework_only
def course_list(request: HttpRequest) -> HttpResponse:
    courses = GroupCourse.objects.visible_to(request.user).select_related("partner").annotate(
        taken=Count("steps", filter=Q(steps__status__in=TAKES_A_PLACE)))
    return render(request, "pathways/group_courses.html", {"courses": courses})


@casework_only
def course_create(request: HttpRequest) -> HttpResponse:
    form = GroupCourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = group_course_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The group course has been created."))
            return redirect(reverse("pathways:course_detail", args=[course.public_id]))
    return render(request, "pathways/group_course_form.html", {"form": form})


def _detail_page(request, course: GroupCourse, form: EnrolForm) -> HttpResponse:
    participants = list(_participants(course))
    context = {"course": course, "participants": participants, "places_left": course.capacity - len(participants),
               "form": form}
    return render(request, "pathways/group_course_detail.html", context)


@casework_only
def course_detail(request: HttpRequest, course_id) -> HttpResponse:
    course = visible_or_404(GroupCourse.objects.select_related("partner"), request.user, public_id=course_id)
    return _detail_page(request, course, EnrolForm(user=request.user))


def _enrol(course: GroupCourse, youth, by: User) -> Step:
    """Add the course as a step in the youth's active pathway, with the
    course's dates, weekdays and hours, if a place is free."""
    if _participants(course).count() >= course.capacity:
        raise ValidationError(_("The course is full: all %(capacity)s places are taken.") % {
            "capacity": course.capacity})
    if _participants(course).filter(pathway__youth=youth).exists():
        raise ValidationError(_("The youth is already on this course."))
    pathway = youth.pathways.filter(ended_on__isnull=True).first()
    if pathway is None:
        raise ValidationError(_("The youth has no active pathway; start one first."))
    return services.step_add(
        pathway=pathway, by=by, step_type=StepType.GROUP_COURSE, title=course.name, partner=course.partner,
        group_course=course, starts_on=course.starts_on, ends_on=course.ends_on, weekdays=course.weekdays,
        hours_per_week=course.hours_per_week,
    )


@casework_only
@require_POST
@transaction.atomic
def course_enrol(request: HttpRequest, course_id) -> HttpResponse:
    # Lock the course so two enrolments cannot both take the last place.
    course = visible_or_404(GroupCourse.objects.select_for_update(), request.user, public_id=course_id)
    form = EnrolForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            _enrol(course, form.cleaned_data["youth"], request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The youth has been added to the course."))
            return redirect(reverse("pathways:course_detail", args=[course.public_id]))
    return _detail_page(request, course, form)
