"""Group courses (gruppeforløb, e.g. Roskilde's 10-week course): a course
with fixed dates that several youths join, each as a step in their own plan."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kui.accounts.models import Role
from kui.lib.access import role_required, visible_or_404
from kui.lib.forms import saved_or_form_errors
from pathways import services
from pathways.forms import EnrolForm, GroupCourseForm
from pathways.models import GroupCourse

casework_only = role_required(Role.CONTACT_PERSON, Role.TEAM_LEAD)


def _participants(course: GroupCourse):
    return (
        course.steps.filter(status__in=services.TAKES_A_PLACE)
        .select_related("pathway__youth")
        .order_by("pathway__youth__first_name", "pathway__youth__last_name")
    )


@casework_only
def course_list(request: HttpRequest) -> HttpResponse:
    courses = (
        GroupCourse.objects.visible_to(request.user)
        .select_related("partner")
        .annotate(taken=Count("steps", filter=Q(steps__status__in=services.TAKES_A_PLACE)))
    )
    return render(request, "pathways/group_courses.html", {"courses": courses})


@casework_only
def course_create(request: HttpRequest) -> HttpResponse:
    form = GroupCourseForm(request.POST or None, user=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            done := saved_or_form_errors(
                request,
                form,
                lambda: services.group_course_create(by=request.user, **form.cleaned_data),
                success=_("The group course has been created."),
                then=lambda course: reverse("pathways:course_detail", args=[course.public_id]),
            )
        )
    ):
        return done
    return render(request, "pathways/group_course_form.html", {"form": form})


def _detail_page(request, course: GroupCourse, form: EnrolForm) -> HttpResponse:
    participants = list(_participants(course))
    context = {
        "course": course,
        "participants": participants,
        "places_left": course.capacity - len(participants),
        "form": form,
    }
    return render(request, "pathways/group_course_detail.html", context)


@casework_only
def course_detail(request: HttpRequest, course_id) -> HttpResponse:
    course = visible_or_404(GroupCourse.objects.select_related("partner"), request.user, public_id=course_id)
    return _detail_page(request, course, EnrolForm(user=request.user))


@casework_only
@require_POST
def course_enrol(request: HttpRequest, course_id) -> HttpResponse:
    course = visible_or_404(GroupCourse.objects.all(), request.user, public_id=course_id)
    form = EnrolForm(request.POST, user=request.user)
    if form.is_valid() and (
        done := saved_or_form_errors(
            request,
            form,
            lambda: services.group_course_enrol(course=course, youth=form.cleaned_data["youth"], by=request.user),
            success=_("The youth has been added to the course."),
            then=reverse("pathways:course_detail", args=[course.public_id]),
        )
    ):
        return done
    return _detail_page(request, course, form)
