"""Writes to pathways, plans and the ball. Each service validates, saves,
writes the plan's history and the audit trail, and queues a re-scan of the
youth so flags follow the change."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kui.accounts.models import Organisation, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.dates import check_ends_after_start, check_not_in_future
from pathways import aftercare
from pathways.models import (
    PURPOSE_MAX_LENGTH,
    BallHandover,
    GroupCourse,
    Pathway,
    Step,
    StepEvent,
    StepEventKind,
    StepStatus,
    StepType,
    Task,
)
from youths.case_dates import STEP_END_HORIZON_YEARS, check_case_date, check_planned_date
from youths.models import NetworkPerson, Youth

STEP_FIELDS = [
    "step_type",
    "education_kind",
    "title",
    "purpose",
    "partner",
    "mentor",
    "group_course",
    "starts_on",
    "ends_on",
    "review_on",
    "hours_per_week",
    "weekdays",
]
WAITING_FIELDS = ["waiting_for", "expected_from", "expected_until", "check_in_on"]


class StaleEdit(ValidationError):
    pass


def _rescan(youth: Youth) -> None:
    """Flags follow the change at once for this youth (see receivers.py)."""
    from pathways import engine

    engine.scan(youth_ids=[youth.pk])


def _audit(by, action, obj, youth, fields=()):
    audit_record(actor=by, action=action, obj=obj, subject_id=youth.public_id, fields=fields)


@transaction.atomic
def pathway_start(*, youth: Youth, by: User, goal: str, started_on: datetime.date) -> Pathway:
    if youth.pathways.active().exists():
        raise ValidationError(_("The youth already has an active pathway."))
    pathway = Pathway(youth=youth, goal=goal, started_on=started_on)
    pathway.full_clean()
    pathway.save()
    _audit(by, AuditAction.CREATE, pathway, youth, ["goal", "started_on"])
    _rescan(youth)
    return pathway


@transaction.atomic
def pathway_close(
    *, pathway: Pathway, by: User, ended_on: datetime.date, outcome: str, education_kind: str = ""
) -> Pathway:
    if pathway.ended_on is not None:
        raise ValidationError(_("The pathway is already closed."))
    check_not_in_future(ended_on, "ended_on")
    check_ends_after_start(pathway.started_on, ended_on, "ended_on")
    if outcome == "education" and not education_kind:
        raise ValidationError({"education_kind": _("Say which education the youth started.")})
    pathway.ended_on, pathway.outcome, pathway.education_kind = ended_on, outcome, education_kind
    pathway.full_clean()
    pathway.save(update_fields=["ended_on", "outcome", "education_kind"])
    _audit(by, AuditAction.UPDATE, pathway, pathway.youth, ["ended_on", "outcome", "education_kind"])
    # Education or a job: aftercare check-ins follow (pathways/aftercare.py).
    aftercare.aftercare_schedule(pathway=pathway)
    _rescan(pathway.youth)
    return pathway


def _runs_on(step: Step, today: datetime.date) -> bool:
    return step.status == StepStatus.ACTIVE or (step.status == StepStatus.PLANNED and step.starts_on <= today)


def _validate_step(step: Step) -> None:
    today = timezone.localdate()
    if step.starts_on:
        check_case_date(step.pathway.youth, step.starts_on, field="starts_on", allow_future=True)
    check_ends_after_start(step.starts_on, step.ends_on)
    check_planned_date(step.ends_on, field="ends_on", years=STEP_END_HORIZON_YEARS)
    if step.review_on and step.review_on < step.starts_on:
        raise ValidationError({"review_on": _("The review date cannot be before the start date.")})
    if step.review_on:
        check_case_date(step.pathway.youth, step.review_on, field="review_on", allow_future=True)
    # Every running step has a date by which someone looks at it again:
    # its end, or (open-ended steps such as an education or a job) a review.
    if step.starts_on and _runs_on(step, today) and not (step.ends_on or step.review_on):
        raise ValidationError({"ends_on": _("A running step needs an end date or a review date.")})
    if step.status == StepStatus.WAITING:
        _validate_waiting(step)
    if any(day not in range(7) for day in step.weekdays or []):
        raise ValidationError({"weekdays": _("Choose weekdays from Monday to Sunday.")})
    if len(step.purpose or "") > PURPOSE_MAX_LENGTH:  # a TextField's max_length is not checked by full_clean
        raise ValidationError(
            {"purpose": _("Keep it short for the youth: at most %(max)d characters.") % {"max": PURPOSE_MAX_LENGTH}}
        )
    if step.group_course_id and step.group_course.organisation_id != step.pathway.youth.organisation_id:
        raise ValidationError({"group_course": _("Choose one of your own organisation's group courses.")})
    step.full_clean()


def _validate_waiting(step: Step) -> None:
    """A step waiting for a service says what for and when someone checks in;
    the service's expected window is optional (it is theirs, not ours)."""
    errors = {}
    if not step.waiting_for.strip():
        errors["waiting_for"] = _("Say which service the youth is waiting for.")
    if step.check_in_on is None:
        errors["check_in_on"] = _("Plan when you check in while the youth waits.")
    elif step.check_in_on < step.starts_on:
        errors["check_in_on"] = _("The check-in cannot be before the waiting began.")
    if step.expected_from and step.expected_until and step.expected_until < step.expected_from:
        errors["expected_until"] = _("The end of the expected window cannot be before its beginning.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def step_wait(*, pathway: Pathway, by: User, since: datetime.date, note: str = "", **fields) -> Step:
    """Record that the youth waits for an external service (a psychologist,
    treatment): the step has no start date yet, so none is invented — it
    keeps the day the waiting began, the service's expected window and the
    contact person's check-in date. Starting it later records the real start."""
    return step_add(pathway=pathway, by=by, note=note, status=StepStatus.WAITING, starts_on=since, **fields)


@transaction.atomic
def step_add(*, pathway: Pathway, by: User, note: str = "", **fields) -> Step:
    if pathway.ended_on is not None:
        raise ValidationError(_("Steps cannot be added to a closed pathway."))
    last = pathway.steps.aggregate(last=Max("position"))["last"]
    step = Step(pathway=pathway, position=(last or 0) + 1, **fields)
    if step.group_course_id and not fields.get("ends_on"):
        step.ends_on = step.group_course.ends_on
    _validate_step(step)
    step.save()
    StepEvent.objects.create(step=step, kind=StepEventKind.ADDED, fields=sorted(fields), note=note, by=by)
    _audit(by, AuditAction.CREATE, step, pathway.youth, sorted(fields))
    _rescan(pathway.youth)
    return step


@transaction.atomic
def step_add_to_active_pathway(*, youth: Youth, by: User, note: str = "", **fields) -> Step:
    """Add a step to the youth's active pathway (an accepted referral, a
    group-course place). No active pathway: refuse, rather than start one
    with a goal nobody agreed with the youth."""
    pathway = youth.pathways.active().first()
    if pathway is None:
        raise ValidationError(_("The youth has no active pathway; the contact person must start one first."))
    return step_add(pathway=pathway, by=by, note=note, **fields)


@transaction.atomic
def step_update(*, step: Step, by: User, version: int, note: str = "", **fields) -> Step:
    stored = Step.objects.get(pk=step.pk)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    for name, value in fields.items():
        setattr(step, name, value)
    _validate_step(step)
    if not Step.objects.filter(pk=step.pk, version=version).update(version=F("version") + 1):
        raise StaleEdit(_("Someone else has changed this step since you opened it. Reload and try again."))
    step.version = version + 1
    step.save(update_fields=[*STEP_FIELDS, *WAITING_FIELDS, "updated_at"])
    if changed:
        StepEvent.objects.create(step=step, kind=StepEventKind.CHANGED, fields=changed, note=note, by=by)
        _audit(by, AuditAction.UPDATE, step, step.pathway.youth, changed)
    _rescan(step.pathway.youth)
    return step


@transaction.atomic
def step_move(*, step: Step, by: User, direction: int) -> Step:
    """Swap the step with its neighbour above (-1) or below (+1)."""
    siblings = list(step.pathway.steps.order_by("position", "starts_on", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == step.pk)
    other = index + direction
    if direction not in (-1, 1) or not 0 <= other < len(siblings):
        raise ValidationError(_("The step cannot be moved further."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            Step.objects.filter(pk=sibling.pk).update(position=position)
    StepEvent.objects.create(step=step, kind=StepEventKind.MOVED, note="up" if direction < 0 else "down", by=by)
    return step


@transaction.atomic
def step_set_status(
    *, step: Step, by: User, status: str, on: datetime.date, outcome: str = "", evaluation_note: str = ""
) -> Step:
    """Start, complete, drop or cancel a step. Completing or dropping needs an
    outcome: that is what the evaluation conversation is for."""
    if status == step.status:
        raise ValidationError({"status": _("The step already has this status.")})
    if step.status in {StepStatus.COMPLETED, StepStatus.CANCELLED} and status != StepStatus.ACTIVE:
        raise ValidationError({"status": _("A finished step cannot change status; add a new step instead.")})
    check_case_date(step.pathway.youth, on, field="on")
    if status in {StepStatus.COMPLETED, StepStatus.DROPPED} and not (outcome or step.outcome):
        raise ValidationError({"outcome": _("Write the outcome of the step.")})
    if status == StepStatus.ACTIVE and not (step.ends_on or step.review_on):
        raise ValidationError({"status": _("Give the step an end date or a review date before it starts.")})
    if step.status == StepStatus.WAITING and status == StepStatus.ACTIVE:
        step.starts_on = on  # the service began: its real start, not the day the waiting began
    step.status, step.status_changed_on = status, on
    ended = status in {StepStatus.COMPLETED, StepStatus.DROPPED}
    if ended and (step.ends_on is None or step.ends_on > on):
        # The real end: the portfolio and the certificate show when it ended, not when it was meant to.
        step.ends_on = max(on, step.starts_on)
    if outcome:
        step.outcome = outcome
    if evaluation_note:
        step.evaluation_note = evaluation_note
    step.full_clean()
    step.save(
        update_fields=[
            "status",
            "status_changed_on",
            "starts_on",
            "ends_on",
            "outcome",
            "evaluation_note",
            "updated_at",
        ]
    )
    Step.objects.filter(pk=step.pk).update(version=F("version") + 1)
    StepEvent.objects.create(step=step, kind=StepEventKind.STATUS, fields=["status"], note=status, by=by)
    _audit(by, AuditAction.UPDATE, step, step.pathway.youth, ["status", "outcome", "evaluation_note"])
    _rescan(step.pathway.youth)
    return step


@transaction.atomic
def step_record_outcome(*, step: Step, by: User, outcome: str, evaluation_note: str = "") -> Step:
    if not outcome.strip():
        raise ValidationError({"outcome": _("Write the outcome of the step.")})
    step.outcome = outcome
    if evaluation_note:
        step.evaluation_note = evaluation_note
    step.full_clean()
    step.save(update_fields=["outcome", "evaluation_note", "updated_at"])
    StepEvent.objects.create(step=step, kind=StepEventKind.OUTCOME, fields=["outcome"], by=by)
    _audit(by, AuditAction.UPDATE, step, step.pathway.youth, ["outcome", "evaluation_note"])
    _rescan(step.pathway.youth)
    return step


@transaction.atomic
def step_replace(*, step: Step, by: User, note: str, **fields) -> Step:
    """Replace a planned or running step by a new one: the old one is
    cancelled and points at its successor, so the plan's history stays."""
    if not step.is_open:
        raise ValidationError(_("Only a planned or running step can be replaced."))
    successor = step_add(pathway=step.pathway, by=by, note=note, **fields)
    Step.objects.filter(pk=successor.pk).update(position=step.position)
    step.status, step.status_changed_on, step.replaced_by = StepStatus.CANCELLED, timezone.localdate(), successor
    step.save(update_fields=["status", "status_changed_on", "replaced_by", "updated_at"])
    StepEvent.objects.create(step=step, kind=StepEventKind.REPLACED, note=note, by=by)
    return successor


@transaction.atomic
def ball_hand_over(
    *,
    youth: Youth,
    by: User,
    handed_on: datetime.date,
    note: str = "",
    holder_user: User | None = None,
    holder_organisation: Organisation | None = None,
    holder_professional: NetworkPerson | None = None,
) -> BallHandover:
    if sum(holder is not None for holder in (holder_user, holder_organisation, holder_professional)) != 1:
        raise ValidationError(_("Choose either a person or an organisation to take the ball."))
    if holder_professional is not None and not _in_professional_network(youth, holder_professional):
        raise ValidationError(
            {"holder_professional": _("Choose a professional from the youth's professional network.")}
        )
    if holder_user is not None and (
        holder_user.organisation_id is None
        or not holder_user.is_active
        or holder_user.role not in {"contact_person", "team_lead", "partner_staff"}
    ):
        raise ValidationError({"holder_user": _("Choose a known staff member.")})
    check_case_date(youth, handed_on, field="handed_on")
    handover = BallHandover(
        youth=youth,
        holder_user=holder_user,
        holder_organisation=holder_organisation,
        holder_professional=holder_professional,
        handed_on=handed_on,
        note=note,
        by=by,
    )
    handover.full_clean()
    handover.save()
    _audit(by, AuditAction.CREATE, handover, youth, ["holder", "handed_on", "note"])
    return handover


def _in_professional_network(youth: Youth, person: NetworkPerson) -> bool:
    return youth.network.professional().current().filter(pk=person.pk).exists()


def task_create(*, youth: Youth, by: User, owner: User, title: str, due_on: datetime.date) -> Task:
    if owner.organisation_id != youth.organisation_id or not owner.does_casework:
        raise ValidationError({"owner": _("Choose an owner from the youth's own organisation.")})
    check_planned_date(due_on, field="due_on")
    task = Task(youth=youth, owner=owner, title=title, due_on=due_on, created_by=by)
    task.full_clean()
    task.save()
    _audit(by, AuditAction.CREATE, task, youth, ["title", "owner", "due_on"])
    _rescan(youth)
    return task


def task_complete(*, task: Task, by: User) -> Task:
    if task.done_at is not None:
        raise ValidationError(_("The task is already done."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    _audit(by, AuditAction.UPDATE, task, task.youth, ["done_at"])
    _rescan(task.youth)
    return task


# Dropping out or being cancelled frees a group-course place for someone else.
TAKES_A_PLACE = [StepStatus.PLANNED, StepStatus.ACTIVE, StepStatus.COMPLETED]


def group_course_create(*, by: User, **fields) -> GroupCourse:
    """A course in the creator's own organisation."""
    course = GroupCourse(organisation_id=by.organisation_id, **fields)
    check_ends_after_start(course.starts_on, course.ends_on)
    if course.capacity is not None and course.capacity < 1:
        raise ValidationError({"capacity": _("A course needs at least one place.")})
    course.full_clean()
    course.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=course, fields=sorted(fields))
    return course


@transaction.atomic
def group_course_enrol(*, course: GroupCourse, youth: Youth, by: User) -> Step:
    """Add the course as a step in the youth's active pathway, with the
    course's dates, weekdays and hours, if a place is free. The course row is
    locked so two enrolments cannot both take the last place."""
    course = GroupCourse.objects.select_for_update().get(pk=course.pk)
    taken = course.steps.filter(status__in=TAKES_A_PLACE)
    if taken.count() >= course.capacity:
        raise ValidationError(
            _("The course is full: all %(capacity)s places are taken.") % {"capacity": course.capacity}
        )
    if taken.filter(pathway__youth=youth).exists():
        raise ValidationError(_("The youth is already on this course."))
    return step_add_to_active_pathway(
        youth=youth,
        by=by,
        step_type=StepType.GROUP_COURSE,
        title=course.name,
        partner=course.partner,
        group_course=course,
        starts_on=course.starts_on,
        ends_on=course.ends_on,
        weekdays=course.weekdays,
        hours_per_week=course.hours_per_week,
    )


@transaction.atomic
def plan_start_at_intake(*, meeting, by: User) -> Step:
    """The intake meeting starts the plan: the pathway (with the youth's goal)
    if there is none, "what starts right away" as its first planned step, and
    the ball with the named contact person. Called when youths records the
    meeting (intake_recorded), inside the same transaction: all or nothing."""
    youth = meeting.youth
    if meeting.starts_now_kind not in StepType.values:
        raise ValidationError({"starts_now_kind": _("Choose the kind of activity.")})
    pathway = youth.pathways.active().first()
    if pathway is None:
        pathway = pathway_start(youth=youth, by=by, goal=meeting.goal, started_on=meeting.held_on)
    try:
        step = step_add(
            pathway=pathway,
            by=by,
            note=_("Agreed at the intake meeting"),
            step_type=meeting.starts_now_kind,
            title=meeting.starts_now,
            starts_on=meeting.starts_now_on,
            review_on=meeting.starts_now_review_on,
        )
    except ValidationError as error:
        raise ValidationError({"starts_now": error.messages}) from None
    holder = BallHandover.objects.filter(youth=youth).first()
    if holder is None or holder.holder_user_id != meeting.contact_person_id:
        ball_hand_over(
            youth=youth,
            by=by,
            handed_on=meeting.held_on,
            holder_user=meeting.contact_person,
            note=_("Named at the intake meeting"),
        )
    return step
