"""The partnership around the youths: the people to call at each partner, what
the partners offer, referrals to those offers, the partner's own record of
attendance and messages, the written partnership agreement and the bodies
that hold it together (steering group, key-person group).

The organisations themselves live in the core (kui.accounts.Organisation):
users belong to them from the first migration. Partners sits above pathways:
an accepted referral and an attendance row point at the pathways.Step they
are about by a foreign key, and an offer's kind is one of pathways' step
types (the accepted offer becomes a step of that type).
"""

import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, Role
from partners import access
from pathways.models import StepType
from youths.models import Youth


class OrganisationScopedQuerySet(models.QuerySet):
    """For the partner's own rows (contacts, offers): as visible as their
    organisation in the register (Organisation.objects.visible_to)."""

    def visible_to(self, user):
        return self.filter(organisation__in=Organisation.objects.visible_to(user))


class PartnerContact(models.Model):
    """A named person at a partner, so a contact person knows whom to call."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="partner_contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("E.g. mentor, workshop teacher."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self) -> str:
        return self.name


# The step types a partner can offer: an accepted referral becomes a step of
# the offer's kind.
OFFER_KINDS = [StepType.INTERNSHIP, StepType.BRIDGING, StepType.WORKSHOP, StepType.GROUP_COURSE, StepType.LEISURE]


class Trade(models.TextChoices):
    WAREHOUSE = "warehouse", _("Warehouse and logistics")
    RETAIL = "retail", _("Retail")
    KITCHEN = "kitchen", _("Kitchen and restaurant")
    BAKERY = "bakery", _("Bakery")
    MECHANICS = "mechanics", _("Cars and mechanics")
    CONSTRUCTION = "construction", _("Building and construction")
    CARE = "care", _("Care and health")
    OFFICE = "office", _("Office and administration")
    GREEN = "green", _("Gardening and green areas")
    SERVICE = "service", _("Cleaning and service")
    OTHER = "other", _("Other")


class OfferQuerySet(OrganisationScopedQuerySet):
    def active(self) -> "OfferQuerySet":
        return self.filter(is_active=True)


class Offer(models.Model):
    """An internship placement at a company, a course or a workshop."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="offers",
        verbose_name=_("partner"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=[(kind.value, kind.label) for kind in OFFER_KINDS],
        default=StepType.INTERNSHIP,
    )
    title = models.CharField(_("title"), max_length=200)
    trade = models.CharField(_("trade"), max_length=16, choices=Trade.choices, blank=True)
    job_function = models.CharField(_("job function"), max_length=200, blank=True)
    mentor = models.ForeignKey(
        PartnerContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_offers",
        verbose_name=_("mentor"),
    )
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    is_active = models.BooleanField(_("open for referrals"), default=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=0), name="offer_capacity_not_negative"),
        ]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.title


class YouthScopedQuerySet(models.QuerySet):
    """For rows about one youth that only casework staff open (searches,
    messages from partners): as visible as the youth's case file."""

    def visible_to(self, user):
        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))


class InternshipSearch(models.Model):
    """A youth looking for an internship in a trade; shown next to the free
    placements of that trade."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="internship_searches")
    trade = models.CharField(_("trade"), max_length=16, choices=Trade.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    note = models.CharField(_("wishes"), max_length=500, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = YouthScopedQuerySet.as_manager()

    class Meta:
        ordering = ["since"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "trade"],
                condition=Q(closed_on__isnull=True),
                name="one_open_search_per_trade",
            ),
        ]
        verbose_name = _("internship search")
        verbose_name_plural = _("internship searches")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        """Casework staff see the referrals of the youths they may see; a
        partner sees the pending referrals to their organisation while the
        youth's consent covers it (see partners/access.py)."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.PARTNER_STAFF:
            return access.referrals_for_partner(user, self)
        return self.filter(youth__in=Youth.objects.case_files_visible_to(user))

    def overdue(self, today: datetime.date) -> "ReferralQuerySet":
        """Pending referrals whose answer deadline has passed: the one home
        of "overdue" (the partner's list, the case file, the nightly notice)."""
        return self.filter(status=ReferralStatus.PENDING, answer_by__lt=today)


class Referral(models.Model):
    """A contact person refers a youth to an offer; the partner accepts (the
    result becomes a step of the plan) or declines with a reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="partner_referrals")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("offer"))
    note = models.TextField(
        _("message to the partner"),
        max_length=2000,
        blank=True,
        help_text=_("Only what the partner needs to know. The partner sees the youth's first name."),
    )
    wished_start = models.DateField(_("wished start"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The partner answers within EffortLimits.referral_answer_working_days,
    # counted from the referral; set when it is made (partners/deadlines.py).
    answer_by = models.DateField(_("answer by"), null=True, blank=True, editable=False)
    # When the referrer was told that the answer is overdue: told once.
    overdue_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    # The step the acceptance became; kept (null) if the step is ever deleted.
    step = models.ForeignKey(
        "pathways.Step",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="partner_referrals",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="referral_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["offer", "status"], name="referral_offer_status_idx"),
            models.Index(fields=["status", "answer_by"], name="referral_answer_by_idx"),
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return str(self.offer)

    @property
    def is_overdue(self) -> bool:
        """ReferralQuerySet.overdue for a row already loaded."""
        return (
            self.status == ReferralStatus.PENDING
            and self.answer_by is not None
            and self.answer_by < timezone.localdate()
        )


class Attendance(models.Model):
    """The partner's attendance record: one row per youth, partner and day."""

    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="partner_attendance")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    step = models.ForeignKey("pathways.Step", on_delete=models.CASCADE, related_name="partner_attendance")
    day = models.DateField(_("date"))
    present = models.BooleanField(_("present"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["youth", "organisation", "day"], name="one_attendance_per_day"),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")


class PartnerMessage(models.Model):
    """A message from partner staff to the youth's contact person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    youth = models.ForeignKey("youths.Youth", on_delete=models.CASCADE, related_name="partner_messages")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_messages",
    )
    body = models.TextField(_("message"), max_length=2000)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = YouthScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message from a partner")
        verbose_name_plural = _("messages from partners")


# --- The partnership agreement and its bodies ---------------------------------


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In force")
    ENDED = "ended", _("Ended")


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AgreementQuerySet":
        """Administrators see every agreement; casework staff the agreements
        their organisation is a party to; a steering member those whose
        bodies they sit in. Nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self.all()
        if user.does_casework and user.organisation_id:
            return self.filter(parties=user.organisation_id)
        if user.role == Role.STEERING:
            return self.filter(pk__in=BodyMember.objects.filter(user=user).values("body__agreement"))
        return self.none()

    def editable_by(self, user) -> "AgreementQuerySet":
        """Team leads of a party and administrators keep agreements up to date."""
        if user.is_authenticated and (user.is_administrator or user.role == Role.TEAM_LEAD):
            return self.visible_to(user)
        return self.none()

    def due_for_review_reminder(self, today, days_ahead: int) -> "AgreementQuerySet":
        """Agreements in force whose review date lies within `days_ahead`
        days, whose owner was not yet reminded of this review date."""
        return self.filter(
            status=AgreementStatus.ACTIVE,
            review_on__gte=today,
            review_on__lte=today + datetime.timedelta(days=days_ahead),
        ).exclude(review_reminded_for=models.F("review_on"))


class AgreementScopedQuerySet(models.QuerySet):
    """For the rows of an agreement (parties, documents, bodies): as visible
    and as editable as the agreement itself. `agreement_path` is the
    relation from the row to its agreement."""

    agreement_path = "agreement"

    def visible_to(self, user):
        return self.filter(**{f"{self.agreement_path}__in": PartnershipAgreement.objects.visible_to(user)})

    def editable_by(self, user):
        return self.filter(**{f"{self.agreement_path}__in": PartnershipAgreement.objects.editable_by(user)})


class BodyScopedQuerySet(AgreementScopedQuerySet):
    """For the rows of a governance body (members, meetings)."""

    agreement_path = "body__agreement"


class PartnershipAgreement(models.Model):
    """The written partnership agreement (samarbejdsaftale)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        verbose_name=_("owner"),
        help_text=_("Reminded before the review date."),
    )
    parties = models.ManyToManyField(
        "accounts.Organisation",
        through="AgreementParty",
        related_name="agreements",
        verbose_name=_("parties"),
    )
    # The review date the owner was last reminded of: one reminder per date.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(review_on__gte=models.F("signed_on")),
                name="agreement_review_after_signing",
            ),
        ]
        indexes = [models.Index(fields=["status", "review_on"], name="agreement_review_idx")]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    agreement = models.ForeignKey(PartnershipAgreement, on_delete=models.CASCADE, related_name="party_rows")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    commitments = models.TextField(_("commitments"), max_length=4000, blank=True)

    objects = AgreementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="one_party_row_per_organisation"),
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return str(self.organisation)


def agreement_document_path(instance, filename: str) -> str:
    """A random name under agreements/: the uploader's file name never
    reaches the disk (it is kept as text for the download only)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"agreements/{secrets.token_hex(16)}.{extension}"


class AgreementDocument(models.Model):
    """The signed agreement as a file, stored under MEDIA_ROOT (outside the
    web root, no MEDIA_URL) and served only by a view that checks access."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(PartnershipAgreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=agreement_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(max_length=8)  # "pdf" or "docx", from the file's content
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = AgreementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return self.original_name


class BodyKind(models.TextChoices):
    STEERING = "steering", _("Steering group")
    KEY_PERSONS = "key_persons", _("Key-person group")


class GovernanceBody(models.Model):
    """The steering group (leaders) or the key-person group (practitioners)
    of a partnership; its members come from the agreement's parties."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        PartnershipAgreement, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("partnership agreement")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    mandate = models.TextField(_("mandate"), max_length=4000, blank=True)

    objects = AgreementScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("E.g. chair, head of department."))
    email = models.EmailField(_("e-mail"), blank=True)
    # A kui login of the member, which lets a steering member open the body's pages.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("login"),
    )

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name


class GovernanceMeeting(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), max_length=4000)
    minutes = models.TextField(_("minutes"), max_length=10000, blank=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"


class Decision(models.Model):
    meeting = models.ForeignKey(GovernanceMeeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text
