"""Pathways (forløb), their activity plans of steps, who has the ball, and the
flags raised by the "always a next step" engine.

Plans change often; a step is never silently rewritten: each change writes a
StepEvent, and a replaced step points at its successor.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Role
from youths.models import EffortLimits


class PathwayOutcome(models.TextChoices):
    EDUCATION = "education", _("Started education")
    JOB = "job", _("Job")
    OTHER = "other", _("Other")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class EducationKind(models.TextChoices):
    VUC = "vuc", _("VUC")
    EUD_BASIC = "eud_basic", _("EUD basic course")
    EGU = "egu", _("EGU")
    FGU = "fgu", _("FGU")
    STU = "stu", _("STU")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary")


class PathwayQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PathwayQuerySet":
        from youths.models import Youth

        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))

    def active(self) -> "PathwayQuerySet":
        return self.filter(ended_on__isnull=True)


class Pathway(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="pathways")
    goal = models.CharField(_("long-term goal"), max_length=200)
    started_on = models.DateField(_("start"), default=timezone.localdate)
    ended_on = models.DateField(_("end"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=PathwayOutcome.choices, blank=True)
    education_kind = models.CharField(_("kind of education"), max_length=20, choices=EducationKind.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PathwayQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["youth"], condition=Q(ended_on__isnull=True), name="one_active_pathway"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="pathway_ends_after_start",
            ),
        ]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def __str__(self) -> str:
        return self.goal


class StepType(models.TextChoices):
    INTERNSHIP = "internship", _("Company internship")
    BRIDGING = "bridging", _("Bridging course")
    WORKSHOP = "workshop", _("Open workshop")
    GROUP_COURSE = "group_course", _("Group course")
    EDUCATION = "education", _("Education")
    CONVERSATION = "conversation", _("Conversation")
    TREATMENT = "treatment", _("Treatment")
    LEISURE = "leisure", _("Leisure or association")
    JOB = "job", _("Job")
    OTHER = "other", _("Other")


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")
    CANCELLED = "cancelled", _("Cancelled")
    # On an external service's waiting list (a psychologist, treatment): no
    # start date is known, so none is invented; not a next step by itself.
    WAITING = "waiting", _("Waiting for a service")

    @classmethod
    def open(cls) -> set[str]:
        return {cls.PLANNED, cls.ACTIVE}

    @classmethod
    def unfinished(cls) -> set[str]:
        """Not over yet: open, or waiting for the service to begin."""
        return {*cls.open(), cls.WAITING}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class GroupCourseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "GroupCourseQuerySet":
        if not user.is_authenticated or not user.does_casework:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class GroupCourse(models.Model):
    """A course with fixed start and end that several youths join as a step
    (e.g. Roskilde's 10-week group course)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="group_courses")
    partner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_courses",
        verbose_name=_("held by"),
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, default=0)
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)

    objects = GroupCourseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="course_ends_after_start"),
        ]
        verbose_name = _("group course")
        verbose_name_plural = _("group courses")

    def __str__(self) -> str:
        return self.name


PURPOSE_MAX_LENGTH = 500


class StepQuerySet(models.QuerySet):
    def visible_to(self, user) -> "StepQuerySet":
        from youths.models import Youth

        return self.filter(pathway__youth__in=Youth.objects.case_files_visible_to(user))

    def open(self) -> "StepQuerySet":
        return self.filter(status__in=StepStatus.open())

    def next_steps(self, today) -> "StepQuerySet":
        """Planned or running steps with a date ahead: a next step. Only a
        date counts — a start, an end or a review date on or after today —
        so a running step with neither end nor review date never keeps a
        pathway looking alive for ever. A step waiting for a service is a
        next step only through its planned check-in; past it, the youth needs
        an interim activity (another dated step) or a new check-in."""
        dated = Q(starts_on__gte=today) | Q(ends_on__gte=today) | Q(ends_on__isnull=True, review_on__gte=today)
        return self.filter(
            (Q(status__in=StepStatus.open()) & dated) | Q(status=StepStatus.WAITING, check_in_on__gte=today)
        )

    def waiting(self) -> "StepQuerySet":
        return self.filter(status=StepStatus.WAITING)

    def in_active_pathway(self) -> "StepQuerySet":
        return self.filter(pathway__ended_on__isnull=True)

    def of_youth(self, youth) -> "StepQuerySet":
        """Steps of one youth (a Youth, a pk or an OuterRef)."""
        return self.filter(pathway__youth=youth)

    def of_youths(self, youths) -> "StepQuerySet":
        return self.filter(pathway__youth__in=youths)

    def at(self, organisation) -> "StepQuerySet":
        """Steps hosted by this partner organisation."""
        return self.filter(partner=organisation)

    def current(self, today) -> "StepQuerySet":
        """What the youth is doing now: a planned or running step of the
        active pathway that has started and not yet ended. The one home of
        "current step" (the plan card, the board, the partner's access)."""
        return (
            self.open()
            .in_active_pathway()
            .filter(starts_on__lte=today)
            .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True))
        )

    def not_started(self, today) -> "StepQuerySet":
        """Planned steps whose start date has passed with no start recorded:
        nobody knows whether the youth began, so the contact person is asked
        "did it start?" (a flag) and the board does not call it the current
        activity. Recording the start, moving the date or cancelling ends it."""
        return self.filter(status=StepStatus.PLANNED, starts_on__lt=today)

    def confirmed_current(self, today) -> "StepQuerySet":
        """The current steps known to be under way (for the board and the plan
        card): a planned step counts on its start day, not after it."""
        return self.current(today).exclude(status=StepStatus.PLANNED, starts_on__lt=today)

    def upcoming(self, today) -> "StepQuerySet":
        """Planned or running steps of the active pathway that start after
        today, soonest first: the first of them is the youth's next step
        (see Step.objects.next_for)."""
        return self.open().in_active_pathway().filter(starts_on__gt=today).order_by("starts_on", "position", "pk")

    def next_for(self, youth, today) -> "Step | None":
        """The youth's next step: the soonest upcoming step, or None."""
        return self.upcoming(today).of_youth(youth).first()

    def awaiting_outcome_for(self, youth, today) -> "Step | None":
        """The step whose outcome the contact person records next (the case
        file's one-tap action): the current step, or else the latest open one
        that ended without an outcome. One query."""
        running = Q(starts_on__lte=today) & (Q(ends_on__gte=today) | Q(ends_on__isnull=True))
        ended_without_outcome = Q(ends_on__lt=today, outcome="")
        return (
            self.open()
            .in_active_pathway()
            .of_youth(youth)
            .filter(running | ended_without_outcome)
            .annotate(not_running=Case(When(running, then=Value(0)), default=Value(1)))
            .select_related("partner")
            .order_by("not_running", F("ends_on").desc(nulls_first=True), "position", "pk")
            .first()
        )

    def youth_ids(self) -> models.QuerySet:
        """The pks of the youths these steps belong to, for `pk__in=`."""
        return self.values("pathway__youth_id")

    def partner_ids(self) -> models.QuerySet:
        """The pks of the organisations hosting these steps, for `pk__in=`."""
        return self.filter(partner__isnull=False).values("partner_id")

    def overdue(self, today) -> "StepQuerySet":
        """Open steps past their end date without an outcome."""
        return self.open().filter(ends_on__lt=today, outcome="")

    def due_for_review(self, today) -> "StepQuerySet":
        """Open steps without an end date whose review date has passed: the
        plan must be looked at again (and the review date moved or the step ended)."""
        return self.open().filter(ends_on__isnull=True, review_on__lt=today)


class Step(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    step_type = models.CharField(_("type"), max_length=16, choices=StepType.choices)
    education_kind = models.CharField(_("kind of education"), max_length=20, choices=EducationKind.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    # Shown to the youth on their own pages: why this step, and how it
    # brings them nearer the pathway's goal (Roskilde's "hvorfor").
    purpose = models.TextField(
        _("why this step"),
        max_length=PURPOSE_MAX_LENGTH,
        blank=True,
        help_text=_("In plain words for the youth: why this step, and how it brings them closer to their goal."),
    )
    partner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("partner"),
    )
    mentor = models.CharField(_("contact or mentor at the partner"), max_length=200, blank=True)
    group_course = models.ForeignKey(
        GroupCourse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("group course"),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    # A running step without a known end (an education, a job, treatment) is
    # reviewed instead: every running step has an end or a review date.
    review_on = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("For a step without an end date: when the plan is looked at again."),
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    # Waiting for an external service (status WAITING): what for, when the
    # service expects to begin (a window, as the service states it) and when
    # the contact person checks in. starts_on is then the day the waiting began.
    waiting_for = models.CharField(
        _("waiting for"), max_length=100, blank=True, help_text=_("The service, in a few words, e.g. psychologist.")
    )
    expected_from = models.DateField(_("expected from"), null=True, blank=True)
    expected_until = models.DateField(_("expected by"), null=True, blank=True)
    check_in_on = models.DateField(
        _("check-in date"), null=True, blank=True, help_text=_("When you ask the service or the youth how it goes.")
    )
    status = models.CharField(_("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.PLANNED)
    status_changed_on = models.DateField(_("status date"), default=timezone.localdate)
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    evaluation_note = models.TextField(_("evaluation conversation"), blank=True, max_length=4000)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["position", "starts_on", "pk"]
        indexes = [
            models.Index(fields=["status", "ends_on"], name="step_status_end_idx"),
            models.Index(fields=["pathway", "status"], name="step_pathway_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="step_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=0, hours_per_week__lte=60),
                name="step_hours_0_to_60",
            ),
        ]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in StepStatus.open()


class StepEventKind(models.TextChoices):
    ADDED = "added", _("Added")
    CHANGED = "changed", _("Changed")
    MOVED = "moved", _("Moved")
    REPLACED = "replaced", _("Replaced")
    STATUS = "status", _("Status changed")
    OUTCOME = "outcome", _("Outcome recorded")


class StepEvent(models.Model):
    """The plan's history: every change to a step, who made it and why."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="events", verbose_name=_("step"))
    kind = models.CharField(_("kind"), max_length=16, choices=StepEventKind.choices)
    fields = models.JSONField(_("changed fields"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change to a step")
        verbose_name_plural = _("changes to steps")


class BallHandover(models.Model):
    """Who has the ball: exactly one party at a time, handed over by a dated
    event. The newest handover is the current holder; history is kept."""

    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="ball_handovers", verbose_name=_("youth")
    )
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    holder_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # A professional of another department (family worker, psychologist …) from the youth's professional network.
    holder_professional = models.ForeignKey(
        "youths.NetworkPerson",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional"),
    )
    handed_on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-handed_on", "-recorded_at", "-pk"]
        verbose_name = _("handover of the ball")
        verbose_name_plural = _("handovers of the ball")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(holder_user__isnull=False, holder_organisation__isnull=True, holder_professional__isnull=True)
                    | Q(holder_user__isnull=True, holder_organisation__isnull=False, holder_professional__isnull=True)
                    | Q(holder_user__isnull=True, holder_organisation__isnull=True, holder_professional__isnull=False)
                ),
                name="ball_has_exactly_one_holder",
            ),
        ]
        indexes = [models.Index(fields=["youth", "-handed_on", "-recorded_at"], name="ball_youth_idx")]

    def __str__(self) -> str:
        return str(self.holder)

    @property
    def holder(self):
        return self.holder_user or self.holder_organisation or self.holder_professional


class FlagKind(models.TextChoices):
    NO_NEXT_STEP = "no_next_step", _("No next step")
    NO_CONTACT = "no_contact", _("No contact")
    OVERDUE_STEP = "overdue_step", _("Step without outcome")
    KUI_DEADLINE = "kui_deadline", _("KUI deadline")
    OVERDUE_TASK = "overdue_task", _("Overdue task")
    DUE_FOR_REVIEW = "due_for_review", _("Step due for review")
    NO_CONTACT_PERSON = "no_contact_person", _("No contact person")
    WAITING_TOO_LONG = "waiting_too_long", _("Waiting too long")
    NOT_STARTED = "not_started", _("Did it start?")
    PLAN_REVIEW_OVERDUE = "plan_review_overdue", _("Plan review overdue")
    LOSING_CONTACT = "losing_contact", _("Losing contact")

    @classmethod
    def alarming(cls) -> set[str]:
        """Red on the board; the rest are amber."""
        return {cls.NO_NEXT_STEP, cls.NO_CONTACT, cls.KUI_DEADLINE, cls.NO_CONTACT_PERSON, cls.LOSING_CONTACT}

    @classmethod
    def for_team_lead(cls) -> set[str]:
        """Flags the team lead resolves or must know of, not only the contact person:
        a youth nobody follows, a youth waiting too long for an intake, a youth
        the contact person is losing contact with."""
        return {cls.NO_CONTACT_PERSON, cls.WAITING_TOO_LONG, cls.LOSING_CONTACT}


class FlagQuerySet(models.QuerySet):
    def open(self) -> "FlagQuerySet":
        return self.filter(resolved_at__isnull=True)

    def visible_to(self, user) -> "FlagQuerySet":
        from youths.models import Youth

        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))


class Flag(models.Model):
    """A reason to act, raised and resolved by the scan (pathways/engine.py).
    Nobody touches a flag by hand: fixing its cause resolves it."""

    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    # What the flag is about within the youth ("" or "step:12", "task:7", "drop:12"):
    # with kind and youth it identifies the cause, so raising is idempotent.
    cause = models.CharField(max_length=40, blank=True, default="")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    task = models.ForeignKey("pathways.Task", on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "kind", "cause"], condition=Q(resolved_at__isnull=True), name="one_open_flag_per_cause"
            ),
        ]
        indexes = [models.Index(fields=["kind", "resolved_at"], name="flag_kind_open_idx")]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def contact_deadline(self):
        """KUI deadline: contact within 5 working days of dropping out (15–17-year-olds)."""
        if self.kind != FlagKind.KUI_DEADLINE or self.step is None:
            return None
        return self._limits().kui_contact_deadline(self.step.status_changed_on)

    @property
    def activity_deadline(self):
        """KUI deadline: a new activity offered within 30 days of dropping out."""
        if self.kind != FlagKind.KUI_DEADLINE or self.step is None:
            return None
        return self._limits().kui_activity_deadline(self.step.status_changed_on)

    def _limits(self) -> EffortLimits:
        """A list of flags reads the limits once and hands them to each flag (`limits`)."""
        if getattr(self, "limits", None) is None:
            self.limits = EffortLimits.current()
        return self.limits

    @property
    def open_days(self) -> int:
        end = self.resolved_at or timezone.now()
        return (end - self.raised_at).days


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskQuerySet":
        from youths.models import Youth

        if not user.is_authenticated or not user.does_casework:
            return self.none()
        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))

    def open(self) -> "TaskQuerySet":
        return self.filter(done_at__isnull=True)


class Task(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="tasks")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("owner"),
        limit_choices_to={"role__in": [Role.CONTACT_PERSON, Role.TEAM_LEAD]},
    )
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="task_open_due_idx")]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class CaseConferenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseConferenceQuerySet":
        if not user.is_authenticated or not user.does_casework:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def managed_by(self, user) -> "CaseConferenceQuerySet":
        """Who may change who takes part: the chair and the team the
        conference is held for (without a team, the chair's team). A colleague
        of another team sees the agenda but not whose cases, so cannot judge
        sharing them with an outside organisation."""
        if not user.is_authenticated or not user.does_casework:
            return self.none()
        theirs = Q(chaired_by=user)
        if user.team_id:
            theirs |= Q(team_id=user.team_id) | Q(team__isnull=True, chaired_by__team_id=user.team_id)
        return self.visible_to(user).filter(theirs)


class CaseConference(models.Model):
    """Tværfaglig sagsdrøftelse: every 14 days a group discusses 10–12 cases,
    and each case leaves with something concrete to try."""

    DEFAULT_INTERVAL_DAYS = 14
    MAX_CASES = 12

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair")
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return str(self.held_on)


class ConferenceAttendee(models.Model):
    """Who took part in a case conference: profession and organisation, kept
    with its agenda and minutes. A professional from another department may
    come from a youth's professional network."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=100)
    profession = models.CharField(_("profession"), max_length=100)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    professional = models.ForeignKey(
        "youths.NetworkPerson", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.name}, {self.profession} ({self.organisation})"


class ConferenceCaseQuerySet(models.QuerySet):
    """Need-to-know at the case conference: the conference and its agenda are
    the organisation's, but a case (the question, the notes, the action item —
    free text about the youth) opens only to those who may open the youth's
    case file (contact persons, the youth's team, a stated reason) and to the
    conference's chair, who runs the meeting and records its outcome. A
    colleague from another team sees that there is a case, not whose or what."""

    @staticmethod
    def _may_open(user) -> Q:
        from youths.models import Youth

        return Q(youth__in=Youth.objects.case_files_visible_to(user)) | Q(conference__chaired_by=user)

    def visible_to(self, user) -> "ConferenceCaseQuerySet":
        if not user.is_authenticated or not user.does_casework:
            return self.none()
        return self.filter(conference__in=CaseConference.objects.visible_to(user)).filter(self._may_open(user))

    def with_access(self, user) -> "ConferenceCaseQuerySet":
        """Each case annotated `may_open` (see visible_to), in the same query."""
        return self.annotate(
            may_open=models.Case(
                models.When(self._may_open(user), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )


class ConferenceCase(models.Model):
    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="cases", verbose_name=_("case conference")
    )
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="conference_cases", verbose_name=_("youth")
    )
    position = models.PositiveSmallIntegerField(_("place on the agenda"), default=0)
    question = models.CharField(_("question for the group"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)

    objects = ConferenceCaseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("case on a case conference")
        verbose_name_plural = _("cases on case conferences")
        constraints = [
            models.UniqueConstraint(fields=["conference", "youth"], name="one_case_per_youth_per_conference")
        ]


class ActionItem(models.Model):
    """The mandatory outcome of a case: an owner, a due date, and what to try.
    It becomes a step in the plan or a task."""

    case = models.OneToOneField(ConferenceCase, on_delete=models.CASCADE, related_name="action_item")
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("owner")
    )
    # Carried out by a professional of another department; the owner (KUI staff) follows up.
    professional = models.ForeignKey(
        "youths.NetworkPerson",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried out by"),
    )
    due_on = models.DateField(_("due"))
    step = models.OneToOneField(Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_item")
    task = models.OneToOneField(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_item")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")


class ReminderLog(models.Model):
    """What each digest last told a person, so no e-mail goes out when
    nothing changed."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)  # "daily" or "weekly"
    fingerprint = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "kind"], name="one_reminder_log_per_kind")]


class PlanReview(models.Model):
    """Opfølgning på planen (Randers): the plan looked at again with the
    youth, on a cadence set per support level
    (SupportLevelThreshold.review_every_weeks). A dated event that keeps the
    youth's own words and who took part; pathways/reviews.py says when the
    next one is due."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("date of the review"))
    youth_words = models.TextField(_("the youth's own words"), max_length=4000)
    participants = models.CharField(_("who took part"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-recorded_at"]
        indexes = [models.Index(fields=["pathway", "-held_on"], name="plan_review_pathway_idx")]
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")


class NoShowKind(models.TextChoices):
    NOT_REACHED = "not_reached", _("Not reached")
    STEP_DAY = "step_day", _("Missed a step day")


class NoShow(models.Model):
    """A miss (Roskilde): a contact that did not reach the youth, or a step
    day the youth did not turn up for. Each one gives the contact person a
    follow-up task for the next working day; misses stay "in a row" until
    the youth is reached or turns up (`cleared_at`). pathways/no_shows.py."""

    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="no_shows")
    kind = models.CharField(_("kind"), max_length=16, choices=NoShowKind.choices)
    missed_at = models.DateTimeField(_("when"))
    contact = models.OneToOneField(
        "youths.Contact", on_delete=models.CASCADE, null=True, blank=True, related_name="no_show"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, null=True, blank=True, related_name="no_shows")
    task = models.ForeignKey("pathways.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-missed_at"]
        constraints = [
            models.UniqueConstraint(fields=["step", "missed_at"], name="one_no_show_per_step_day"),
        ]
        indexes = [models.Index(fields=["youth", "cleared_at"], name="no_show_youth_open_idx")]
        verbose_name = _("miss")
        verbose_name_plural = _("misses")


class AftercareCheckInQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AftercareCheckInQuerySet":
        from youths.models import Youth

        return self.filter(pathway__youth__in=Youth.objects.case_files_visible_to(user))

    def open(self) -> "AftercareCheckInQuerySet":
        return self.filter(held_on__isnull=True, cancelled_on__isnull=True)


class AftercareCheckIn(models.Model):
    """Efterværn (seed 001: "de skal ikke slippes, før man er sikker på, at
    de kan fastholdes"): after a pathway ends in education or a job, a
    check-in contact some months later (EffortLimits.aftercare_months). Still
    there, or dropped out — then the youth is back on the board at once.
    pathways/aftercare.py."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="aftercare_check_ins")
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due"))
    held_on = models.DateField(_("held"), null=True, blank=True)
    still_there = models.BooleanField(_("still in education or job"), null=True, blank=True)
    note = models.TextField(_("short note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    task = models.ForeignKey("pathways.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Later check-ins of a youth who dropped out are not held: the case is open again.
    cancelled_on = models.DateField(null=True, blank=True)

    objects = AftercareCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "months"], name="one_check_in_per_pathway_and_month"),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(still_there__isnull=False), name="check_in_held_has_answer"
            ),
        ]
        indexes = [models.Index(fields=["held_on", "due_on"], name="check_in_due_idx")]
        verbose_name = _("aftercare check-in")
        verbose_name_plural = _("aftercare check-ins")
