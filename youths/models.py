"""The youth's case file: who they are, where they stand, who holds the thread.

State changes (status, contact person) are rows of history written by services
in youths/services.py, never overwrites: the history *is* the case file.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import OrganisationKind, Role
from kui.lib.cpr import masked
from kui.lib.encryption import StrictEncryptedCharField


class YouthStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting list")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def on_board(cls) -> set[str]:
        """Followed by a contact person: on the board. Waiting youths are on
        the waiting list; completed and withdrawn ones are off the board."""
        return {cls.ACTIVE, cls.PAUSED}

    @classmethod
    def closed(cls) -> set[str]:
        return {cls.COMPLETED, cls.WITHDRAWN}


class SupportLevel(models.TextChoices):
    CLOSE = "close", _("Close follow")
    EXTERNAL = "external", _("Follow in external course")
    EXIT = "exit", _("Exit phase")


class ReferralSource(models.TextChoices):
    UU = "uu", _("UU (youth guidance)")
    JOBCENTRE = "jobcentre", _("Jobcentre")
    PRODUCTION_SCHOOL = "production_school", _("Production school / FGU")
    SELF = "self", _("The youth themselves")
    OTHER = "other", _("Other")


class TargetGroup(models.TextChoices):
    NO_EDUCATION = "no_education", _("No education beyond primary school")
    DROPPED_OUT = "dropped_out", _("Dropped out of education")
    MENTAL_HEALTH = "mental_health", _("Mental health problems")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    SOCIAL = "social", _("Social problems")
    UNEMPLOYED = "unemployed", _("Unemployed, on education benefit")
    OTHER = "other", _("Other")


class Benefit(models.TextChoices):
    EDUCATION_BENEFIT = "education_benefit", _("Education benefit (uddannelseshjælp)")
    CASH_BENEFIT = "cash_benefit", _("Cash benefit (kontanthjælp)")
    STUDENT_GRANT = "student_grant", _("Student grant (SU)")
    UNEMPLOYMENT = "unemployment", _("Unemployment benefit")
    WAGE = "wage", _("Wage or apprentice pay")
    NONE = "none", _("No public benefit")
    OTHER = "other", _("Other")


def need_to_know(user) -> Q:
    """Which youths of their organisation a caseworker may open: those they
    follow, those of their own team (the youth's team, or the team of the
    youth's current contact person), the organisation's not yet placed youths
    (no team and no contact person: the waiting list and intake), and others
    only through a current "break the glass" access with a stated reason."""
    now = timezone.now()
    follows = ContactPersonAssignment.objects.filter(youth=OuterRef("pk"), contact_person=user, ended_on__isnull=True)
    unplaced = Q(team__isnull=True) & ~Exists(
        ContactPersonAssignment.objects.filter(youth=OuterRef("pk"), ended_on__isnull=True)
    )
    granted = CaseFileAccess.objects.filter(youth=OuterRef("pk"), user=user, expires_at__gt=now)
    rule = Exists(follows) | unplaced | Exists(granted)
    if user.team_id:
        team_follows = ContactPersonAssignment.objects.filter(
            youth=OuterRef("pk"), ended_on__isnull=True, is_primary=True, contact_person__team_id=user.team_id
        )
        rule |= Q(team_id=user.team_id) | Exists(team_follows)
    return rule


def own_team(user, youth_field: str = "youth_id") -> Q:
    """Rows whose youth (`youth_field`: a youth id; "pk" on Youth itself) is
    of the user's own team (for a team lead's sensitive notes)."""
    if not user.team_id:
        return Q(pk__in=[])
    team_follows = ContactPersonAssignment.objects.filter(
        youth=OuterRef(youth_field), ended_on__isnull=True, is_primary=True, contact_person__team_id=user.team_id
    )
    team = {"team_id": user.team_id} if youth_field == "pk" else {"youth__team_id": user.team_id}
    return Q(**team) | Exists(team_follows)


def waiting_cutoff(today: datetime.date, waiting_days: int | None = None) -> datetime.date:
    """Youths referred before this day have waited too long (more than
    EffortLimits.waiting_days days)."""
    if waiting_days is None:
        waiting_days = EffortLimits.current().waiting_days
    return today - datetime.timedelta(days=waiting_days)


class YouthQuerySet(models.QuerySet):
    def visible_to(self, user) -> "YouthQuerySet":
        """Casework staff (contact persons, team leads) see the youths of their
        own organisation; a youth sees only themselves. Administrators manage
        users and settings, not cases; partner staff get their narrow view
        through the partners app, and the case files of the youths they are
        contact person of; steering members see no youth at all."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.YOUTH:
            return self.filter(user=user)
        if user.does_casework and user.organisation_id:
            return self.filter(organisation_id=user.organisation_id).filter(need_to_know(user))
        if user.role == Role.PARTNER_STAFF:
            return self.followed_by(user)
        return self.none()

    def followed_by(self, user) -> "YouthQuerySet":
        """The youths a user is a current contact person of. Partner staff
        named as a youth's contact person (the production school's tovholder,
        the teacher the youth proposed) open those case files, and no other:
        following the youth is their need to know."""
        follows = ContactPersonAssignment.objects.filter(
            youth=OuterRef("pk"), contact_person=user, ended_on__isnull=True
        )
        return self.filter(Exists(follows))

    def in_organisation_of(self, user) -> "YouthQuerySet":
        """Every youth of a caseworker's organisation, whatever the need to
        know: only for offering "break the glass", never for showing data."""
        if not user.is_authenticated or not user.does_casework or not user.organisation_id:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def case_files_visible_to(self, user) -> "YouthQuerySet":
        """The staff case file: never the youth's own login."""
        if not user.is_authenticated or user.role == Role.YOUTH:
            return self.none()
        return self.visible_to(user)

    def active(self) -> "YouthQuerySet":
        return self.filter(status=YouthStatus.ACTIVE)

    def open(self) -> "YouthQuerySet":
        """Case files still being worked on: not completed or withdrawn."""
        return self.exclude(status__in=[YouthStatus.COMPLETED, YouthStatus.WITHDRAWN])

    def waiting_too_long(self, today) -> "YouthQuerySet":
        """Waiting youths referred more than EffortLimits.waiting_days ago: the
        waiting list's own clock (not the board's contact clock). The one home
        of that rule: the waiting list marks them, the scan flags them."""
        return self.filter(status=YouthStatus.WAITING, referral_date__lt=waiting_cutoff(today))

    def on_board(self) -> "YouthQuerySet":
        return self.filter(status__in=YouthStatus.on_board())

    def without_contact_person(self) -> "YouthQuerySet":
        """Youths on the board whose thread nobody holds: no current primary
        contact person, or one who has been deactivated or has left the
        youth's team. The team lead must name a new one."""
        held = (
            ContactPersonAssignment.objects.current()
            .filter(youth=OuterRef("pk"), contact_person__is_active=True)
            .filter(
                Q(youth__team__isnull=True)
                | Q(contact_person__team_id=OuterRef("team_id"))
                | ~Q(contact_person__organisation_id=OuterRef("organisation_id"))
            )
        )
        return self.on_board().exclude(Exists(held))

    def in_caseload_of(self, user) -> "YouthQuerySet":
        """The youths whose current contact person the user is."""
        return self.filter(pk__in=ContactPersonAssignment.objects.current().filter(contact_person=user).youth_ids())

    def with_last_contact(self) -> "YouthQuerySet":
        """The newest reached contact, as a subquery (one index probe per youth
        on contact_youth_time_idx) rather than a GROUP BY over all contacts."""
        newest = Contact.objects.filter(youth=OuterRef("pk"), reached=True).order_by("-happened_at")
        return self.annotate(last_contact_at=Subquery(newest.values("happened_at")[:1]))

    def with_current_contact_person(self, name: str = "current_contact_person_id") -> "YouthQuerySet":
        """Annotate the pk of the youth's current contact person (None without one)."""
        current = ContactPersonAssignment.objects.current().filter(youth=OuterRef("pk")).values("contact_person_id")
        return self.annotate(**{name: Subquery(current[:1])})

    def with_primary_contact_person(self) -> "YouthQuerySet":
        """with_current_contact_person under the name the board reads
        (primary_contact_person_id)."""
        return self.with_current_contact_person(name="primary_contact_person_id")


class Youth(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="youths", verbose_name=_("organisation")
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="youths",
        verbose_name=_("team"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="youth",
        verbose_name=_("login"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    cpr_encrypted = StrictEncryptedCharField(_("CPR number"), max_length=10, blank=True, null=True)
    cpr_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # Which keys protect the number (kui.lib.cpr.key_id); `rotate_cpr_key` works through the others.
    cpr_key_id = models.CharField(max_length=16, blank=True, editable=False, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    education_background = models.TextField(_("school and education background"), blank=True, max_length=4000)
    target_group = models.CharField(_("target group"), max_length=32, choices=TargetGroup.choices)
    benefit = models.CharField(_("benefit"), max_length=32, choices=Benefit.choices, blank=True)
    support_level = models.CharField(
        _("support level"), max_length=16, choices=SupportLevel.choices, default=SupportLevel.CLOSE
    )
    status = models.CharField(_("status"), max_length=16, choices=YouthStatus.choices, default=YouthStatus.WAITING)
    referral_source = models.CharField(
        _("referred by"), max_length=32, choices=ReferralSource.choices, default=ReferralSource.UU
    )
    referral_date = models.DateField(_("referral date"), default=timezone.localdate)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=2,
        help_text=_("1 is most urgent, 3 least."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by the retention job (youths/retention.py).
    trimmed_on = models.DateField(_("trimmed to what may be kept"), null=True, blank=True, editable=False)
    anonymised_on = models.DateField(_("anonymised"), null=True, blank=True, editable=False)
    # Optimistic locking: a form carries the version it was read at, and a
    # save against a newer version is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = YouthQuerySet.as_manager()

    class Meta:
        ordering = ["first_name", "last_name"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="youth_org_status_idx"),
            models.Index(fields=["last_name", "first_name", "birth_date"], name="youth_name_birth_idx"),
            # The duplicate check's candidates: everyone born that day (youths/services.py find_duplicates).
            models.Index(fields=["birth_date"], name="youth_birth_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(priority__gte=1, priority__lte=3), name="youth_priority_1_to_3"),
        ]
        verbose_name = _("youth")
        verbose_name_plural = _("youths")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    # Django's get_FOO_display builds a dict of every (lazy) choice on each call,
    # ~8 translations; the board shows both on every row, so one lookup instead.
    def get_status_display(self) -> str:
        return _choice_label(YouthStatus, self.status)

    def get_support_level_display(self) -> str:
        return _choice_label(SupportLevel, self.support_level)

    @property
    def cpr_masked(self) -> str:
        return masked(self.cpr_encrypted or "")

    def age_on(self, day: datetime.date) -> int:
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value  # as Django's own get_FOO_display: an unknown value shows as itself


class StatusChange(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=YouthStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=YouthStatus.choices)
    changed_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=500)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded_at"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class AssignmentRole(models.TextChoices):
    TOVHOLDER = "tovholder", _("Tovholder")
    UNGEGUIDE = "ungeguide", _("Ungeguide")
    KONTAKTPERSON = "kontaktperson", _("Contact person")
    KONTAKTPERSON_PLUS = "kontaktperson_plus", _("Contact person+")


class ContactPersonAssignmentQuerySet(models.QuerySet):
    def current(self) -> "ContactPersonAssignmentQuerySet":
        """The current contact person: the primary assignment that has not
        ended (the database allows one per youth). The one home of that rule."""
        return self.filter(is_primary=True, ended_on__isnull=True)

    def current_on(self, day) -> "ContactPersonAssignmentQuerySet":
        """The primary assignments that were current on a past day."""
        return self.filter(is_primary=True, started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))

    def prefetch_current(self, lookup: str = "assignments", to_attr: str = "current_primary") -> Prefetch:
        """Prefetch the current assignment (a list of 0 or 1, contact person
        loaded) onto each youth reached by `lookup`."""
        return Prefetch(lookup, queryset=self.current().select_related("contact_person"), to_attr=to_attr)

    def current_for(self, youth) -> "ContactPersonAssignment | None":
        """The youth's current assignment, with the contact person loaded."""
        return self.current().filter(youth=youth).select_related("contact_person").first()

    def youth_ids(self) -> models.QuerySet:
        return self.values("youth_id")


class ContactPersonAssignment(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="assignments")
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("contact person"),
    )
    role = models.CharField(_("role"), max_length=32, choices=AssignmentRole.choices, default=AssignmentRole.TOVHOLDER)
    is_primary = models.BooleanField(_("primary"), default=True)
    nominated_by_youth = models.BooleanField(_("nominated by the youth"), default=False)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ContactPersonAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-recorded_at"]
        constraints = [
            # Exactly one current primary contact person per youth, enforced by the database.
            models.UniqueConstraint(
                fields=["youth"],
                condition=Q(is_primary=True, ended_on__isnull=True),
                name="one_current_primary_contact_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["contact_person", "ended_on"], name="assignment_person_idx")]
        verbose_name = _("contact person assignment")
        verbose_name_plural = _("contact person assignments")

    @property
    def is_current(self) -> bool:
        """ContactPersonAssignmentQuerySet.current() for a row already loaded."""
        return self.is_primary and self.ended_on is None


class ContactMedium(models.TextChoices):
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    SMS = "sms", _("SMS")
    HOME_VISIT = "home_visit", _("Home visit")
    WORKPLACE = "workplace", _("At workplace or school")
    ONLINE = "online", _("Online")
    OUTREACH = "outreach", _("Outreach")


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ContactQuerySet":
        """An entry about a third party (a person on the network map) only for
        the youth's own contact persons and team lead; the rest follows the
        case file."""
        contacts = self.filter(youth__in=Youth.objects.case_files_visible_to(user))
        if not user.is_authenticated:
            return contacts.none()
        return contacts.filter(Q(concerns__isnull=True) | may_read_confidential(user))

    def about_the_youth(self) -> "ContactQuerySet":
        return self.filter(concerns__isnull=True)


def _concerns_field() -> models.ForeignKey:
    """A note or contact entry about a named person in the youth's network
    (the mother, say): confidential, never shown to the youth or shared."""
    return models.ForeignKey(
        "youths.NetworkPerson",
        # A person is taken off the map by ending their row, never deleted; only
        # retention deletes them, together with the notes and the contacts' text.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concerns another person"),
        help_text=_("Only the youth's own contact persons and team lead can read it."),
    )


class Contact(models.Model):
    """One entry in the contact log."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="contacts")
    happened_at = models.DateTimeField(_("when"))
    medium = models.CharField(_("medium"), max_length=16, choices=ContactMedium.choices, default=ContactMedium.PHONE)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    reached = models.BooleanField(_("reached"), default=True)
    note = models.TextField(_("short note"), blank=True, max_length=2000)
    concerns = _concerns_field()
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking for corrections: a correction against an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Chosen by the form (or the phone's offline queue) when the contact was
    # typed: the same contact sent again, after a lost answer or when the
    # network returns, is recognised and never saved twice.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["logged_by", "client_key"],
                condition=Q(client_key__isnull=False),
                name="one_contact_per_client_key",
            ),
        ]
        indexes = [
            models.Index(fields=["youth", "-happened_at"], name="contact_youth_time_idx"),
            # The steering dashboard's "last reached contact before the period" per youth (index-only).
            models.Index(fields=["youth", "happened_at"], condition=Q(reached=True), name="contact_reached_idx"),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return str(_("Contact on %(day)s")) % {"day": formats.date_format(timezone.localtime(self.happened_at))}

    def correctable_until(self) -> datetime.datetime:
        """A contact is corrected or removed by its author within the window
        (settings.KUI_CONTACT_CORRECTION_HOURS) after it was logged."""
        return self.recorded_at + datetime.timedelta(hours=settings.KUI_CONTACT_CORRECTION_HOURS)

    def is_correctable_by(self, user, now: datetime.datetime | None = None) -> bool:
        return self.logged_by_id == user.pk and (now or timezone.now()) <= self.correctable_until()


class RevisionKind(models.TextChoices):
    CORRECTED = "corrected", _("Corrected")
    REMOVED = "removed", _("Removed")


class ContactRevision(models.Model):
    """What a contact said before it was corrected or removed: the log is
    changed, never rewritten without a trace. A removed contact's row is gone
    (it no longer counts as a contact anywhere); its words stay here."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="contact_revisions")
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions")
    # The contact's own id, kept when the contact itself is removed.
    contact_number = models.PositiveIntegerField()
    kind = models.CharField(_("what was done"), max_length=16, choices=RevisionKind.choices)
    happened_at = models.DateTimeField(_("when"))
    medium = models.CharField(_("medium"), max_length=16, choices=ContactMedium.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    reached = models.BooleanField(_("reached"))
    note = models.TextField(_("short note"), blank=True)
    version = models.PositiveIntegerField()
    revised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revised_at = models.DateTimeField(auto_now_add=True)
    # The contact's idempotency key (Contact.client_key). Kept when the
    # contact is removed, so the same contact replayed later (the phone's
    # offline queue, a lost answer) is refused, not saved again.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-revised_at", "-pk"]
        indexes = [
            models.Index(
                fields=["revised_by", "client_key"],
                condition=Q(kind="removed", client_key__isnull=False),
                name="contact_removed_key_idx",
            ),
        ]
        verbose_name = _("earlier version of a contact")
        verbose_name_plural = _("earlier versions of contacts")


class SupportLevelThreshold(models.Model):
    """How many days may pass without a contact at each support level before
    the youth counts as stalled. Editable by administrators."""

    DEFAULT_DAYS = {SupportLevel.CLOSE: 7, SupportLevel.EXTERNAL: 14, SupportLevel.EXIT: 30}
    # Randers: the plan is reviewed with the youth every 4–8 weeks, more
    # often the closer the follow-up.
    DEFAULT_REVIEW_WEEKS = {SupportLevel.CLOSE: 4, SupportLevel.EXTERNAL: 6, SupportLevel.EXIT: 8}

    support_level = models.CharField(_("support level"), max_length=16, choices=SupportLevel.choices, unique=True)
    max_days_without_contact = models.PositiveSmallIntegerField(_("max days without contact"))
    review_every_weeks = models.PositiveSmallIntegerField(_("plan review every (weeks)"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact threshold")
        verbose_name_plural = _("contact thresholds")

    def __str__(self) -> str:
        return f"{self.get_support_level_display()}: {self.max_days_without_contact}"

    @classmethod
    def as_dict(cls) -> dict[str, int]:
        days = dict(cls.DEFAULT_DAYS)
        days.update(cls.objects.values_list("support_level", "max_days_without_contact"))
        return days

    @classmethod
    def review_weeks(cls) -> dict[str, int]:
        """Weeks between plan reviews per support level (defaults unless set)."""
        weeks = dict(cls.DEFAULT_REVIEW_WEEKS)
        weeks.update(
            cls.objects.filter(review_every_weeks__isnull=False).values_list("support_level", "review_every_weeks")
        )
        return weeks


def default_aftercare_months() -> list[int]:
    return [3, 6, 12]


class EffortLimits(models.Model):
    """The effort's other limits, in one row administrators edit in the app
    (Danish settings page, audited): the KUI law's deadlines for 15–17-year-olds
    who drop out, the standard caseload per contact person, and how long a
    youth may wait for an intake meeting. The no-contact days per support
    level are SupportLevelThreshold rows beside it. Unsaved, the defaults apply."""

    DEFAULT_KUI_CONTACT_WORKING_DAYS = 5
    DEFAULT_KUI_ACTIVITY_DAYS = 30
    DEFAULT_CASELOAD_LIMIT = 25
    DEFAULT_WAITING_DAYS = 14
    DEFAULT_REFERRAL_ANSWER_WORKING_DAYS = 5

    kui_contact_working_days = models.PositiveSmallIntegerField(
        _("KUI deadline for contact (working days)"),
        default=DEFAULT_KUI_CONTACT_WORKING_DAYS,
        help_text=_("A youth under 18 who drops out must be contacted within this many working days."),
    )
    kui_activity_days = models.PositiveSmallIntegerField(
        _("KUI deadline for a new activity (days)"),
        default=DEFAULT_KUI_ACTIVITY_DAYS,
        help_text=_("A youth under 18 who drops out must be offered a new activity within this many days."),
    )
    caseload_limit = models.PositiveSmallIntegerField(
        _("standard caseload limit"),
        default=DEFAULT_CASELOAD_LIMIT,
        help_text=_("Active youths per contact person. Contact persons on the standard limit follow a change."),
    )
    waiting_days = models.PositiveSmallIntegerField(
        _("longest wait for an intake meeting (days)"),
        default=DEFAULT_WAITING_DAYS,
        help_text=_("The waiting list marks youths referred longer ago than this."),
    )
    referral_answer_working_days = models.PositiveSmallIntegerField(
        _("a partner answers a referral within (working days)"),
        default=DEFAULT_REFERRAL_ANSWER_WORKING_DAYS,
        help_text=_("Past this, the referral shows as overdue and the contact person gets a task."),
    )
    # Aftercare (efterværn): check-in contacts this many months after a youth
    # started education or a job.
    aftercare_months = models.JSONField(
        _("aftercare check-ins (months after the start)"), default=default_aftercare_months
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="one_row_of_effort_limits")]
        verbose_name = _("limits of the effort")
        verbose_name_plural = _("limits of the effort")

    def __str__(self) -> str:
        return str(_("Limits of the effort"))

    @classmethod
    def current(cls) -> "EffortLimits":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def kui_contact_deadline(self, dropped_on: datetime.date) -> datetime.date:
        from kui.lib.dates import add_working_days

        return add_working_days(dropped_on, self.kui_contact_working_days)

    def kui_activity_deadline(self, dropped_on: datetime.date) -> datetime.date:
        return dropped_on + datetime.timedelta(days=self.kui_activity_days)

    def referral_answer_deadline(self, referred_on: datetime.date) -> datetime.date:
        from kui.lib.dates import add_working_days

        return add_working_days(referred_on, self.referral_answer_working_days)


class ConsentArea(models.TextChoices):
    EDUCATION = "education", _("Education institution")
    JOBCENTRE = "jobcentre", _("Jobcentre")
    SOCIAL = "social", _("Social services")
    HEALTH = "health", _("Health")
    SUBSTANCE_USE = "substance_use", _("Substance-use service")


# Which consent area (receiving service kind) covers an organisation when the
# consent names no organisation. The substance-use service is an area of its
# own: a consent for the youth's health does not cover it. Companies,
# associations and volunteers are not an area: the consent must name them.
CONSENT_AREA_OF_KIND = {
    OrganisationKind.PRODUCTION_SCHOOL: ConsentArea.EDUCATION,
    OrganisationKind.VOCATIONAL_SCHOOL: ConsentArea.EDUCATION,
    OrganisationKind.ADULT_EDUCATION: ConsentArea.EDUCATION,
    OrganisationKind.JOBCENTRE: ConsentArea.JOBCENTRE,
    OrganisationKind.FAMILY: ConsentArea.SOCIAL,
    OrganisationKind.SOCIAL_PSYCHIATRY: ConsentArea.SOCIAL,
    OrganisationKind.HEALTH: ConsentArea.HEALTH,
    OrganisationKind.PSYCHIATRY: ConsentArea.HEALTH,
    OrganisationKind.SUBSTANCE_USE: ConsentArea.SUBSTANCE_USE,
}


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")


class ConsentQuerySet(models.QuerySet):
    def current(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_on__isnull=True)

    def covering(self, organisation) -> "ConsentQuerySet":
        """Current consents that allow sharing with this receiving
        organisation: naming it, or naming its kind of service."""
        covers = Q(organisation=organisation)
        area = CONSENT_AREA_OF_KIND.get(organisation.kind)
        if area is not None:
            covers |= Q(organisation__isnull=True, area=area)
        return self.current().filter(covers)


def consent_covers(youth, organisation) -> bool:
    """The one check before information about a youth goes to another
    organisation (partner pages, referrals, conferences with outside attendees)."""
    return Consent.objects.covering(organisation).filter(youth=youth).exists()


class Consent(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="consents")
    area = models.CharField(_("may be shared with"), max_length=16, choices=ConsentArea.choices)
    # A specific organisation the consent names (e.g. one company); blank = the whole area.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("organisation"),
    )
    form = models.CharField(_("form"), max_length=8, choices=ConsentForm.choices, default=ConsentForm.WRITTEN)
    given_on = models.DateField(_("given"))
    withdrawn_on = models.DateField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def clean(self):
        """A named organisation must be of the area the youth agreed to (health does not reach the family
        department), and the youth unit itself receives nothing: it holds the case."""
        if self.organisation_id is None:
            return
        kind = self.organisation.kind
        if kind == OrganisationKind.KUI_UNIT:
            raise ValidationError(
                {"organisation": _("The youth unit holds the case; choose who receives the information.")}
            )
        area = CONSENT_AREA_OF_KIND.get(kind)
        if area is not None and area != self.area:
            raise ValidationError(
                {
                    "organisation": _(
                        "%(organisation)s belongs to “%(area)s”; choose that area or another organisation."
                    )
                    % {"organisation": self.organisation.name, "area": ConsentArea(area).label}
                }
            )


class NoteTheme(models.TextChoices):
    HOUSING = "housing", _("Housing")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    HEALTH = "health", _("Health")
    NETWORK = "network", _("Network")
    EDUCATION = "education", _("Education")
    ECONOMY = "economy", _("Economy")
    CRIME = "crime", _("Crime")
    FAMILY = "family", _("Family and home")
    OTHER = "other", _("Other")

    @classmethod
    def sensitive(cls) -> set[str]:
        return {cls.SUBSTANCE_USE, cls.HEALTH, cls.CRIME, cls.FAMILY}


def may_read_confidential(user) -> Q:
    """On rows with a youth_id: the user is one of the youth's current contact
    persons, or a team lead of the youth's own team. The one home of who reads
    sensitive themes and entries about a third party."""
    follows = ContactPersonAssignment.objects.filter(
        youth=OuterRef("youth_id"), contact_person=user, ended_on__isnull=True
    )
    rule = Exists(follows)
    if user.role == Role.TEAM_LEAD:
        rule |= own_team(user)
    return rule


def reads_confidential(user, youth: "Youth") -> bool:
    """may_read_confidential for one youth already loaded."""
    if not user.is_authenticated or not Youth.objects.case_files_visible_to(user).filter(pk=youth.pk).exists():
        return False
    if ContactPersonAssignment.objects.filter(youth=youth, contact_person=user, ended_on__isnull=True).exists():
        return True
    if user.role != Role.TEAM_LEAD or not user.team_id:
        return False
    return Youth.objects.filter(pk=youth.pk).filter(own_team(user, youth_field="pk")).exists()


class LogbookNoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LogbookNoteQuerySet":
        """Notes on sensitive themes (substance use, health, crime, family)
        and notes about a third party (a person on the network map) are read
        only by the youth's current contact persons and the team leads of the
        youth's own team; other colleagues see the rest of the case file (a
        "break the glass" access opens the case file, not these notes)."""
        notes = self.filter(youth__in=Youth.objects.case_files_visible_to(user))
        if not user.is_authenticated:
            return notes.none()
        open_to_colleagues = Q(theme__in=set(NoteTheme) - NoteTheme.sensitive(), concerns__isnull=True)
        return notes.filter(open_to_colleagues | may_read_confidential(user))

    def about_the_youth(self) -> "LogbookNoteQuerySet":
        """Notes not about a third party: the only ones an access request may release."""
        return self.filter(concerns__isnull=True)


class LogbookNote(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="notes")
    theme = models.CharField(_("theme"), max_length=16, choices=NoteTheme.choices)
    written_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("note"), max_length=5000)
    concerns = _concerns_field()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = LogbookNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_on", "-recorded_at"]
        verbose_name = _("logbook note")
        verbose_name_plural = _("logbook notes")

    @property
    def is_sensitive(self) -> bool:
        return self.theme in NoteTheme.sensitive() or self.concerns_id is not None


class Closeness(models.IntegerChoices):
    INNER = 1, _("Closest")
    MIDDLE = 2, _("Close")
    OUTER = 3, _("Further away")


class NetworkKind(models.TextChoices):
    PRIVATE = "private", _("Family and private network")
    PROFESSIONAL = "professional", _("Professional network")


class NetworkPersonQuerySet(models.QuerySet):
    def private(self) -> "NetworkPersonQuerySet":
        return self.filter(kind=NetworkKind.PRIVATE)

    def professional(self) -> "NetworkPersonQuerySet":
        """The other departments' professionals around the youth (family
        worker, psychologist, job-centre consultant …)."""
        return self.filter(kind=NetworkKind.PROFESSIONAL)

    def current(self) -> "NetworkPersonQuerySet":
        """Who is on the map today: not taken off it."""
        return self.filter(valid_to__isnull=True)

    def on(self, day: datetime.date) -> "NetworkPersonQuerySet":
        """Who was on the map on a past day: the network as it was then."""
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class NetworkPerson(models.Model):
    """A person on the youth's network map (netværkskort).

    The map keeps its history: taking someone off it ends their row
    (valid_to) instead of deleting it, so one can see how the network grew
    and what it was on the day of a meeting."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("name"), max_length=100)
    relation = models.CharField(_("relation"), max_length=100)
    ring = models.PositiveSmallIntegerField(_("ring of closeness"), choices=Closeness.choices, default=Closeness.MIDDLE)
    supportive = models.BooleanField(_("supportive"), default=True, help_text=_("Untick if the relation is straining."))
    kind = models.CharField(_("kind"), max_length=16, choices=NetworkKind.choices, default=NetworkKind.PRIVATE)
    # A professional's service (an organisation of another department), role and phone.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    valid_from = models.DateField(_("on the map from"), default=timezone.localdate)
    valid_to = models.DateField(_("taken off the map"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkPersonQuerySet.as_manager()

    class Meta:
        ordering = ["ring", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ring__gte=1, ring__lte=3), name="network_ring_1_to_3"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="network_person_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="private") | Q(organisation__isnull=False), name="professional_has_a_service"
            ),
        ]
        verbose_name = _("network person")
        verbose_name_plural = _("network people")

    def __str__(self) -> str:
        if self.kind == NetworkKind.PROFESSIONAL and self.organisation_id:
            return f"{self.name} ({self.relation}, {self.organisation})"
        return self.name

    @property
    def is_professional(self) -> bool:
        return self.kind == NetworkKind.PROFESSIONAL


class IntakeMeeting(models.Model):
    """The visitation meeting: the youth, their network and professionals agree
    what starts right away and who becomes the contact person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="intake_meetings")
    held_on = models.DateField(_("date"))
    participants = models.TextField(_("participants"), max_length=2000)
    youth_wishes = models.TextField(_("the youth's own wishes"), max_length=4000)
    agreements = models.TextField(_("agreements"), max_length=4000)
    starts_now = models.TextField(_("what starts right away"), max_length=2000)
    # What starts right away becomes the first planned step of the plan, and
    # the youth's goal the pathway's long-term goal (pathways/receivers.py).
    goal = models.CharField(_("long-term goal"), max_length=200, blank=True)
    starts_now_kind = models.CharField(_("kind of activity"), max_length=16, blank=True)
    starts_now_on = models.DateField(_("starts on"), null=True, blank=True)
    starts_now_review_on = models.DateField(_("follow-up date"), null=True, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("contact person")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("intake meeting")
        verbose_name_plural = _("intake meetings")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Nothing was imported")


class YouthImport(models.Model):
    """A spreadsheet checked at upload, waiting to be imported, and then the
    record of how its import went.

    The background job takes this row's id, never the file: the rows (CPR
    numbers among them) stay encrypted here with the key that protects CPR
    numbers at rest, and are wiped as soon as the import has run."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    row_count = models.PositiveIntegerField(_("rows"))
    payload = models.BinaryField(editable=False)  # the parsed rows, Fernet-encrypted JSON; empty once run
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    # Problems found when the job checked the rows again: [{"row", "column", "message"}] (no cell values of CPR).
    problems = models.JSONField(default=list, blank=True, editable=False)
    language = models.CharField(max_length=8, blank=True, editable=False)  # the confirmer's: the job's messages
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


def correctable_fields() -> list[tuple[str, str]]:
    """The youth's facts whose earlier values are kept (callable choices: a new
    field on Youth needs no migration here)."""
    names = [
        "first_name",
        "last_name",
        "preferred_name",
        "birth_date",
        "cpr_encrypted",
        "phone",
        "email",
        "address",
        "education_background",
        "target_group",
        "benefit",
        "support_level",
        "referral_source",
        "referral_date",
        "priority",
        "team",
    ]
    return [(name, Youth._meta.get_field(name).verbose_name) for name in names]


class YouthCorrection(models.Model):
    """An earlier value of one of the youth's facts (GDPR art. 16: rectification
    keeps history). Written by `youth_update` for every field it changes, shown
    on the case file and in the youth's data export; deleted with the youth."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("fact"), max_length=32, choices=correctable_fields)
    # As shown at the time (a CPR number masked; a team or a choice by its name).
    earlier_value = models.TextField(_("earlier value"), blank=True, max_length=4000)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["youth", "-changed_at"], name="correction_youth_time_idx")]
        verbose_name = _("earlier value")
        verbose_name_plural = _("earlier values")


class SpotCheckConclusion(models.TextChoices):
    IN_ORDER = "in_order", _("All lookups in order")
    FOLLOW_UP = "follow_up", _("Follow-up needed")


class SpotCheckSample(models.Model):
    """The month's random sample of lookups, drawn for the data-protection
    coordinator to review and sign off (youths/spotchecks.py)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))
    event_ids = models.JSONField(_("sampled events"), default=list)
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=SpotCheckConclusion.choices, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["organisation", "month"], name="one_spot_check_sample_a_month")]
        verbose_name = _("spot-check sample")
        verbose_name_plural = _("spot-check samples")


class CaseFileAccessQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseFileAccessQuerySet":
        """The review list: team leads see their organisation's; administrators all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self.all()
        if user.is_team_lead and user.organisation_id:
            return self.filter(youth__organisation_id=user.organisation_id)
        return self.filter(user=user)

    def current(self) -> "CaseFileAccessQuerySet":
        return self.filter(expires_at__gt=timezone.now())


class CaseFileAccess(models.Model):
    """ "Break the glass": a caseworker opens the case file of a youth outside
    their caseload and team, stating why. The access lasts KUI_BREAK_GLASS_HOURS,
    is audited as such and listed for the team leads to review."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))

    objects = CaseFileAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["user", "youth", "expires_at"], name="casefile_access_idx")]
        verbose_name = _("access with a stated reason")
        verbose_name_plural = _("accesses with a stated reason")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the team lead")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ContactPersonProposalQuerySet(models.QuerySet):
    def pending(self) -> "ContactPersonProposalQuerySet":
        return self.filter(status=ProposalStatus.PENDING)

    def decided_by(self, user) -> "ContactPersonProposalQuerySet":
        """Proposals a team lead decides: those of the case files they may open."""
        if not user.is_authenticated or not user.is_team_lead:
            return self.none()
        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))


class ContactPersonProposal(models.Model):
    """The youth nominates whom they want as contact person (Brøndby: "the
    youth picks a trusted teacher"): a staff member, or someone from their
    network map. The team lead decides; an accepted proposal becomes the
    assignment, marked as nominated by the youth."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="contact_person_proposals")
    proposed_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed staff member"),
    )
    network_person = models.ForeignKey(
        NetworkPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed person from the network"),
    )
    # The name as proposed, kept if the person later leaves the network map.
    proposed_name = models.CharField(_("proposed person"), max_length=200)
    reason = models.CharField(_("why this person"), max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignment = models.OneToOneField(
        ContactPersonAssignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    objects = ContactPersonProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"], condition=Q(status="pending"), name="one_pending_proposal_per_youth"
            ),
        ]
        verbose_name = _("contact person proposal")
        verbose_name_plural = _("contact person proposals")

    def __str__(self) -> str:
        return self.proposed_name


class DocumentKind(models.TextChoices):
    INTAKE_MINUTES = "intake_minutes", _("Minutes of the intake meeting")
    CONFERENCE_AGENDA = "conference_agenda", _("Agenda of the case conference")
    CONFERENCE_MINUTES = "conference_minutes", _("Minutes of the case conference")


class DocumentSnapshotQuerySet(models.QuerySet):
    def of(self, kind: str, source_id: int) -> "DocumentSnapshotQuerySet":
        return self.filter(kind=kind, source_id=source_id)

    def latest_of(self, kind: str, source_id: int) -> "DocumentSnapshot | None":
        return self.of(kind, source_id).order_by("-version").first()


class DocumentSnapshot(models.Model):
    """What a generated document (minutes, an agenda) said when it was made:
    the participants, the network, the agreements as they stood at the
    meeting. The page and the PDF are drawn from this data, never from
    today's case file, so a later edit of the network map or a contact
    person's phone number does not rewrite them. A new version is a new
    row; earlier versions stay."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("document"), max_length=32, choices=DocumentKind.choices)
    # The meeting (IntakeMeeting, CaseConference) the document is about.
    source_id = models.PositiveBigIntegerField()
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    data = models.JSONField(default=dict)
    made_at = models.DateTimeField(_("made"), default=timezone.now)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DocumentSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "source_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id", "version"], name="one_document_version"),
        ]
        verbose_name = _("document as made")
        verbose_name_plural = _("documents as made")


class YouthTargetGroup(models.Model):
    """A youth often fits several target groups; `Youth.target_group` is the
    main one (the statistics' breakdown), these are all that apply."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=32, choices=TargetGroup.choices)

    class Meta:
        ordering = ["group"]
        constraints = [models.UniqueConstraint(fields=["youth", "group"], name="one_row_per_target_group")]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Readiness(models.TextChoices):
    EDUCATION_READY = "education_ready", _("Ready for education (uddannelsesparat)")
    ACTIVITY_READY = "activity_ready", _("Ready for activity (aktivitetsparat)")


class ReadinessAssessment(models.Model):
    """The job centre's education-readiness assessment: dated, with who made
    it. History is kept; the newest is the current one."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="readiness_assessments")
    readiness = models.CharField(_("assessment"), max_length=32, choices=Readiness.choices)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.CharField(_("assessed by"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-recorded_at"]
        verbose_name = _("education-readiness assessment")
        verbose_name_plural = _("education-readiness assessments")


class DepartmentMeasureQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DepartmentMeasureQuerySet":
        """Another department's measure (support under the social services
        act, treatment …) is sensitive by default: only the youth's own
        contact persons and team lead read it, unless marked as open to the team."""
        measures = self.filter(youth__in=Youth.objects.case_files_visible_to(user))
        if not user.is_authenticated:
            return measures.none()
        return measures.filter(Q(sensitive=False) | may_read_confidential(user))


class DepartmentMeasure(models.Model):
    """A measure another department has granted the youth, as a structured entry."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="department_measures")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    measure = models.CharField(_("measure"), max_length=200, help_text=_("For example: family treatment, § 52."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    sensitive = models.BooleanField(
        _("confidential"), default=True, help_text=_("Only the youth's own contact persons and team lead see it.")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DepartmentMeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            ),
        ]
        verbose_name = _("other department's measure")
        verbose_name_plural = _("other departments' measures")
