"""The audit trail: who did what to whose data, when and from where.

Rows name the changed *fields*, never their values. That keeps personal data
(and CPR numbers above all) out of the trail while still answering the
questions a data-protection officer asks: who looked at this youth, who changed
the phone number, from which address.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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
    # A request for an object the user may not see (the 404 of visible_to): who asked for which id.
    DENIED = "denied", _("Access refused")
    # A case file outside the user's team opened with a stated reason ("break the glass").
    BREAK_GLASS = "break_glass", _("Opened with a stated reason")


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AuditEventQuerySet":
        if user.is_authenticated and user.is_administrator:
            return self.all()
        return self.none()

    def about_subject(self, subject_id) -> "AuditEventQuerySet":
        return self.filter(subject_id=subject_id)


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
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
    object_label = models.CharField(_("what"), max_length=200, blank=True)
    # The public id of the youth whose personal data this is (if any), so a
    # youth's own data export can list the lookups in their file.
    subject_id = models.UUIDField(_("data subject"), null=True, blank=True, db_index=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
