"""The youth's portfolio: competence certificates (kompetencebeviser) issued
for completed steps, the youth's own reflections and goals (meddesign), and
the cached PDF of the whole portfolio.

A certificate is never deleted or rewritten once issued: revoking it keeps
the row, with who revoked it, when and why, so the verification page can say
"revoked" instead of "unknown" and the history stays readable.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Role

REFLECTION_MAX_LENGTH = 4000


class CompetenceCategory(models.TextChoices):
    WORK = "work", _("Work skills")
    SAFETY = "safety", _("Safety and hygiene")
    PERSONAL = "personal", _("Personal and social skills")
    SCHOOL = "school", _("School subjects")
    OTHER = "other", _("Other")


class CompetenceQuerySet(models.QuerySet):
    def active(self) -> "CompetenceQuerySet":
        return self.filter(is_active=True)


class Competence(models.Model):
    """One entry in the catalogue administrators maintain. Retired entries
    stay (old certificates name them) but cannot be chosen any more."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    category = models.CharField(
        _("category"), max_length=16, choices=CompetenceCategory.choices, default=CompetenceCategory.WORK
    )
    is_active = models.BooleanField(_("can be chosen"), default=True)

    objects = CompetenceQuerySet.as_manager()

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return self.name


def _youths_visible_to(user):
    """Staff see certificates and reflections of the case files they may
    open; a youth sees only their own."""
    from youths.models import Youth

    if user.is_authenticated and user.role == Role.YOUTH:
        return Youth.objects.visible_to(user)
    return Youth.objects.case_files_visible_to(user)


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CertificateQuerySet":
        return self.filter(youth__in=_youths_visible_to(user))

    def valid(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="certificates", verbose_name=_("youth")
    )
    competences = models.ManyToManyField(Competence, related_name="certificates", verbose_name=_("competences"))
    issuer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("issued by (organisation)"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    issued_on = models.DateField(_("date"))
    evidence = models.TextField(_("what the youth did"), max_length=2000)
    # RESTRICT, not PROTECT: a step cannot be deleted under its certificate, but deleting the
    # whole case file (which cascades to both) is allowed.
    step = models.ForeignKey(
        "pathways.Step", on_delete=models.RESTRICT, related_name="certificates", verbose_name=_("step")
    )
    # Short, random and unique: printed on the certificate and in its QR code.
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]
        verbose_name = _("competence certificate")
        verbose_name_plural = _("competence certificates")

    def __str__(self) -> str:
        return self.display_code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def display_code(self) -> str:
        """The code in two groups of five, easier to read aloud and type."""
        code = self.verification_code
        return f"{code[:5]}-{code[5:]}" if len(code) == 10 else code


class ReflectionKind(models.TextChoices):
    REFLECTION = "reflection", _("Reflection")
    GOAL = "goal", _("Goal")
    IDEA = "idea", _("Idea")


class ReflectionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReflectionQuerySet":
        return self.filter(youth__in=_youths_visible_to(user))


class Reflection(models.Model):
    """The youth's own words (meddesign). Only the youth writes or changes
    them; staff may read them, and nothing in kui lets staff edit them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="reflections", verbose_name=_("youth")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReflectionKind.choices, default=ReflectionKind.REFLECTION)
    text = models.TextField(_("text"), max_length=REFLECTION_MAX_LENGTH)
    written_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # A goal the youth has marked as reached (portfolio/services.py goal_mark_reached).
    reached_on = models.DateField(_("reached"), null=True, blank=True, editable=False)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.written_at:%Y-%m-%d}"


class PriorLearningSource(models.TextChoices):
    WORK = "work", _("Work")
    VOLUNTEERING = "volunteering", _("Voluntary work")
    LEISURE = "leisure", _("Leisure and associations")
    EDUCATION = "education", _("Education, also abroad")
    OTHER = "other", _("Other")


class PriorLearningQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PriorLearningQuerySet":
        return self.filter(youth__in=_youths_visible_to(user))


class PriorLearning(models.Model):
    """Prior learning (realkompetence): what the youth can already do,
    learnt outside the effort — a job, voluntary work, school abroad —
    assessed by staff with evidence. It belongs to the youth's portfolio:
    the youth sees it on /mig/ and in the portfolio PDF."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="prior_learning", verbose_name=_("youth")
    )
    title = models.CharField(_("what the youth can"), max_length=200)
    source = models.CharField(_("learnt through"), max_length=16, choices=PriorLearningSource.choices)
    evidence = models.TextField(_("evidence"), max_length=2000)
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="prior_learning", verbose_name=_("competences")
    )
    assessed_on = models.DateField(_("assessed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PriorLearningQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("prior learning")
        verbose_name_plural = _("prior learning")

    def __str__(self) -> str:
        return self.title


class PdfStatus(models.TextChoices):
    PENDING = "pending", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PortfolioPdf(models.Model):
    """A rendered portfolio PDF, keyed by a fingerprint of everything that
    went into it. Changed data gives a new fingerprint, so a stale PDF is
    never served; the renderer deletes the youth's older copies."""

    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="portfolio_pdfs")
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    content = models.BinaryField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField()
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["youth", "fingerprint"], name="one_pdf_per_fingerprint")]

    def __str__(self) -> str:
        return f"{self.youth_id}:{self.fingerprint[:8]} {self.status}"


# --- Reminders to the youth ----------------------------------------------------

REMINDER_DAYS_BEFORE_MAX = 7


class ReminderSettings(models.Model):
    """What the youth has chosen on /mig/: reminders by SMS and/or e-mail
    before their steps, and a personal calendar feed. Nothing is on until
    the youth turns it on; STOP by SMS turns SMS off."""

    youth = models.OneToOneField(
        "youths.Youth", on_delete=models.CASCADE, related_name="reminder_settings", verbose_name=_("youth")
    )
    by_sms = models.BooleanField(_("reminders by SMS"), default=False)
    # The number the youth confirmed, normalised (+45 and eight digits): where reminders go and
    # how an SMS answer (STOP) finds the youth.
    sms_number = models.CharField(_("mobile number"), max_length=16, blank=True, db_index=True)
    sms_stopped_at = models.DateTimeField(_("stopped by SMS"), null=True, blank=True, editable=False)
    by_email = models.BooleanField(_("reminders by e-mail"), default=False)
    days_before = models.PositiveSmallIntegerField(_("days before"), default=1)
    # The secret part of the calendar feed's address; a new one revokes the old address.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(days_before__gte=1, days_before__lte=REMINDER_DAYS_BEFORE_MAX),
                name="reminder_days_before_1_to_7",
            ),
        ]
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"{self.youth_id}"


class ReminderChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class ReminderSent(models.Model):
    """One reminder of one step's date by one channel. The unique constraint
    makes the job idempotent: a second run (or a second worker) cannot send
    the same reminder again. A moved step has a new date, so a new reminder."""

    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="reminders_sent")
    step = models.ForeignKey("pathways.Step", on_delete=models.CASCADE, related_name="reminders_sent")
    on_date = models.DateField()
    channel = models.CharField(max_length=8, choices=ReminderChannel.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    gateway_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "on_date", "channel"], name="one_reminder_per_step_date_channel")
        ]

    def __str__(self) -> str:
        return f"{self.step_id}:{self.on_date}:{self.channel}"


class AccessRequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    RELEASED = "released", _("Released")


class AccessRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AccessRequestQuerySet":
        """The youth their own; staff those of the case files they may open."""
        return self.filter(youth__in=_youths_visible_to(user))

    def open(self) -> "AccessRequestQuerySet":
        return self.filter(status=AccessRequestStatus.OPEN)

    def overdue(self, today) -> "AccessRequestQuerySet":
        """Open past the deadline (GDPR art. 12(3): one month)."""
        return self.open().filter(due_on__lt=today)


class AccessRequest(models.Model):
    """The youth asks to see what the automatic part of "My data" holds back:
    the free text staff wrote. The contact person reviews each text, leaves
    out what must be left out with a reason, and releases; what was released
    is kept here, so the download shows exactly the reviewed words."""

    DEADLINE_MONTHS = 1  # GDPR art. 12(3)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="access_requests")
    requested_at = models.DateTimeField(_("asked"))
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=AccessRequestStatus.choices, default=AccessRequestStatus.OPEN
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["youth"], condition=Q(status="open"), name="one_open_access_request"),
        ]
        verbose_name = _("request for access")
        verbose_name_plural = _("requests for access")


class ReleaseDecision(models.TextChoices):
    RELEASE = "release", _("Release as written")
    REDACT = "redact", _("Release with parts left out")
    WITHHOLD = "withhold", _("Withhold")


class AccessRequestItem(models.Model):
    """One reviewed free text: which row and field, what was decided, the
    words released (after redaction) and why anything was left out."""

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(_("kind of information"), max_length=64)  # model label, e.g. youths.logbooknote
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=64)
    decision = models.CharField(_("decision"), max_length=16, choices=ReleaseDecision.choices)
    released_text = models.TextField(_("released text"), blank=True, max_length=5000)
    reason = models.CharField(_("why left out"), max_length=500, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "source", "object_id", "field"], name="one_decision_per_text"),
            models.CheckConstraint(condition=Q(decision="release") | ~Q(reason=""), name="leaving_out_needs_a_reason"),
        ]
        verbose_name = _("reviewed text")
        verbose_name_plural = _("reviewed texts")
