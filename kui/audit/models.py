"""The audit trail: who did what to whose data, when and from where.

Rows name the changed *fields*, never their values, and the object by its type
and id, never by its name or title (titles are free text). That keeps personal data
(and CPR numbers above all) out of the trail while still answering the
questions a data-protection officer asks: who looked at this youth, who changed
the phone number, from which address.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    READ = "read", _("Read")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    PRUNE = "prune", _("Pruned past retention")
    # A request for an object the user may not see (the 404 of visible_to): who asked for which id.
    DENIED = "denied", _("Access refused")
    # A case file outside the user's team opened with a stated reason ("break the glass").
    BREAK_GLASS = "break_glass", _("Opened with a stated reason")


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AuditEventQuerySet":
        """Administrators see the events of their own organisation: what its
        staff did, and what anyone (the system included) did to its youths."""
        if not (user.is_authenticated and user.is_administrator and user.organisation_id):
            return self.none()
        from kui.audit import subjects

        return self.filter(
            models.Q(actor__organisation_id=user.organisation_id)
            | models.Q(subject_id__in=subjects.of_organisation(user.organisation_id))
        )

    def about_subject(self, subject_id) -> "AuditEventQuerySet":
        """Events about one youth: named as the subject, or among the youths a list showed.
        (`subjects` holds UUID strings; a substring match is exact for them, and works on SQLite.)"""
        return self.filter(models.Q(subject_id=subject_id) | models.Q(subjects__icontains=str(subject_id)))


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # No database constraint: deleting a user must not rewrite the (append-only)
    # trail; the label below still names them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text so the trail still reads after a user is deleted.
    actor_label = models.CharField(_("who"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # The public id of the youth whose personal data this is (if any), so a
    # youth's own data export can list the lookups in their file.
    subject_id = models.UUIDField(_("data subject"), null=True, blank=True, db_index=True)
    # For lists and searches: the public ids of every youth shown.
    subjects = models.JSONField(_("youths shown"), default=list, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    # The hash chain (kui/audit/chain.py): the previous event's hash and this one's.
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        # The data-protection coordinator: reviews spot checks of the trail (youths/spotchecks.py).
        permissions = [("review_spot_checks", _("Can review spot checks of the audit trail"))]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_id}"

    @property
    def field_labels(self) -> list[str]:
        """The changed fields by their Danish names (the rows keep the code
        names, which stay stable when a label is reworded)."""
        model = self.content_type.model_class() if self.content_type_id else None
        return [_field_label(model, name) for name in self.fields]

    @property
    def object_text(self) -> str:
        """The object's id; a refused lookup ("public_id=…") by the Danish
        name of the field it asked for."""
        if "=" not in self.object_id:
            return self.object_id
        model = self.content_type.model_class() if self.content_type_id else None
        pairs = (part.partition("=") for part in self.object_id.split("; "))
        return "; ".join(f"{_field_label(model, key)} {value}" for key, _sep, value in pairs)


# Every model's public id is one field by one name; most declare no verbose name.
PUBLIC_ID = _("public id")


def _field_label(model, name: str) -> str:
    if name == "public_id":
        return str(PUBLIC_ID)
    if model is None and name.endswith("_id"):
        return _url_parameter_label(name)
    try:
        # A reverse relation has no verbose name; its code name is all there is.
        return str(getattr(model._meta.get_field(name), "verbose_name", name)) if model else name
    except FieldDoesNotExist:
        return name


def _url_parameter_label(name: str) -> str:
    """A refusal the URL asked for ("agreement_id") by the Danish name of the
    kind of object: URL parameters name a model by the end of its class name
    (agreement_id for PartnershipAgreement, governance_meeting_id for GovernanceMeeting)."""
    model = _model_named_by(name.removesuffix("_id").replace("_", ""))
    return str(model._meta.verbose_name) if model else name


@functools.cache
def _model_named_by(stem: str):
    """The one model of that name, else the one whose name ends so; None when unclear."""
    candidates = [model for model in apps.get_models() if model._meta.model_name == stem]
    candidates = candidates or [model for model in apps.get_models() if model._meta.model_name.endswith(stem)]
    return candidates[0] if len(candidates) == 1 else None
