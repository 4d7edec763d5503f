"""Who uses kui, where they work and what they may see.

Every user belongs to one organisation (a municipal unit or a partner) and has
one role. Visibility of everything else is derived from these two facts, so the
access model lives here, in the core, from the first migration.
"""

import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    KUI_UNIT = "kui_unit", _("Municipal youth unit (UU/KUI)")
    JOBCENTRE = "jobcentre", _("Jobcentre")
    FAMILY = "family", _("Family department")
    SOCIAL_PSYCHIATRY = "social_psychiatry", _("Social psychiatry")
    HEALTH = "health", _("Health")
    PSYCHIATRY = "psychiatry", _("Psychiatry")
    SUBSTANCE_USE = "substance_use", _("Substance-use centre")
    PRODUCTION_SCHOOL = "production_school", _("Production school / FGU")
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
    ADULT_EDUCATION = "adult_education", _("Adult education (VUC)")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Culture or sports association")
    VOLUNTEER = "volunteer", _("Volunteer organisation")

    @classmethod
    def municipal(cls) -> set[str]:
        return {cls.KUI_UNIT, cls.JOBCENTRE, cls.FAMILY, cls.SOCIAL_PSYCHIATRY, cls.HEALTH, cls.SUBSTANCE_USE}

    @classmethod
    def other_departments(cls) -> set[str]:
        """The services around a youth besides the youth unit and the partners:
        their professionals make up the youth's professional network."""
        return {cls.JOBCENTRE, cls.FAMILY, cls.SOCIAL_PSYCHIATRY, cls.HEALTH, cls.PSYCHIATRY, cls.SUBSTANCE_USE}


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganisationQuerySet":
        """Organisations are the partnership's shared directory: every staff
        member may look them up; youths and anonymous users may not."""
        if not user.is_authenticated or user.role == Role.YOUTH:
            return self.none()
        return self.all()

    def municipal(self) -> "OrganisationQuerySet":
        return self.filter(kind__in=OrganisationKind.municipal())

    def partners(self) -> "OrganisationQuerySet":
        return self.exclude(kind__in=OrganisationKind.municipal())


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("what they offer"), blank=True, max_length=4000)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipal(self) -> bool:
        return self.kind in OrganisationKind.municipal()


class Team(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONTACT_PERSON = "contact_person", _("Contact person")
    TEAM_LEAD = "team_lead", _("Team lead")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    STEERING = "steering", _("Steering group member")
    YOUTH = "youth", _("Youth")
    ADMINISTRATOR = "administrator", _("Administrator")


CASEWORK_ROLES = {Role.CONTACT_PERSON, Role.TEAM_LEAD}


class KuiUserManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "team")


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CONTACT_PERSON)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    caseload_limit = models.PositiveSmallIntegerField(
        _("caseload limit"),
        default=25,
        help_text=_("Warn when this contact person has more active youths than this."),
    )

    # Every session signed in before this moment is over (log out everywhere,
    # logout, password change, factor reset, deactivation). Re-activating the
    # user leaves it in place, so no old session comes back to life.
    sessions_ended_at = models.DateTimeField(_("sessions ended"), null=True, blank=True, editable=False)

    objects = KuiUserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK_ROLES

    @property
    def is_team_lead(self) -> bool:
        return self.role == Role.TEAM_LEAD

    @property
    def needs_second_factor(self) -> bool:
        """Everyone who can reach personal data of others signs in with two
        factors; a youth sees only their own page (and signs in by MitID)."""
        return self.role != Role.YOUTH

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser
