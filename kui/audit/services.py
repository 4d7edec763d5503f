"""Recording audit events. Every service that reads or writes personal data
calls `audit_record`; views never write audit rows themselves."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from kui.audit import context
from kui.audit.models import AuditAction, AuditEvent


def audit_record(
    *,
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    subject_id=None,
    fields: Iterable[str] = (),
    purpose: str = "",
    actor_label: str = "",
) -> AuditEvent:
    ctx = context.current()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor_label or (str(actor) if is_user else ""))[:200],
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:200] if obj is not None else "",
        subject_id=subject_id,
        fields=sorted(set(fields)),
        purpose=purpose[:200],
        ip_address=ctx.ip_address if ctx else None,
        path=ctx.path if ctx else "",
    )


def audit_denied(*, actor, model: type[models.Model], lookup: dict) -> None:
    """A refused request for an object (the 404 of visible_to): who asked for
    which id of which type. Only the ids asked for are kept, never values of
    the object (which the asker must not learn, and may not exist)."""
    requested = "; ".join(f"{key}={value}" for key, value in sorted(lookup.items()))[:64]
    denial = {"actor": actor, "model": model, "object_id": requested, "fields": sorted(lookup)}
    pending = context.pending_denials()
    if pending is None:
        audit_denials_write([denial])
    else:
        pending.append(denial)


def audit_denials_write(denials: list[dict]) -> None:
    ctx = context.current()
    for denial in denials:
        actor = denial["actor"]
        is_user = actor is not None and getattr(actor, "is_authenticated", False)
        AuditEvent.objects.create(
            actor=actor if is_user else None,
            actor_label=str(actor)[:200] if is_user else "",
            action=AuditAction.DENIED,
            content_type=ContentType.objects.get_for_model(denial["model"]),
            object_id=denial["object_id"],
            fields=denial["fields"],
            purpose="not visible to the user",
            ip_address=ctx.ip_address if ctx else None,
            path=ctx.path if ctx else "",
        )


def changed_fields(before: dict, after: dict) -> list[str]:
    """Names of the keys whose values differ between two snapshots."""
    return sorted(key for key in after if before.get(key) != after.get(key))


def audit_prune(*, now=None) -> int:
    """Delete events older than KUI_AUDIT_RETENTION_DAYS; returns how many.
    Logging is kept as long as the municipality's retention rules require,
    and no longer (data minimisation)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.KUI_AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
