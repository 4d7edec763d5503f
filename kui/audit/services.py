"""Recording audit events. Every service that reads or writes personal data
calls `audit_record`; views never write audit rows themselves.

An event names its object by type and id and its data subject by public id,
never by a name or title: those are free text, and the trail is kept for years.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from kui.audit import chain, context, guard
from kui.audit import subjects as subject_registry
from kui.audit.models import AuditAction, AuditEvent

# Any constant will do: the key of the PostgreSQL advisory lock on the chain's head.
_CHAIN_LOCK = 0x6B7569  # "kui"


def _lock_chain_head() -> None:
    """Serialise writers of the chain until this transaction ends, so two
    concurrent events never both point at the same predecessor (a fork).
    PostgreSQL: a transaction-level advisory lock. SQLite: a write statement
    that changes nothing takes the database's write lock now rather than at
    the insert, after the head was read."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        else:
            cursor.execute(f"UPDATE {guard.TABLE} SET id = id WHERE 0 = 1")  # nosec B608  # a constant table name


def _append(event: AuditEvent) -> AuditEvent:
    # No savepoint of its own: a failed insert fails the caller's transaction.
    with transaction.atomic(savepoint=False):
        _lock_chain_head()
        head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event.prev_hash = head or chain.GENESIS
        event.hash = chain.event_hash(event, prev_hash=event.prev_hash)
        event.save(force_insert=True)
    return event


def audit_record(
    *,
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    subject_id=None,
    fields: Iterable[str] = (),
    purpose: str = "",
    actor_label: str = "",
    subjects: Iterable = (),
) -> AuditEvent:
    """`purpose` is a fixed phrase from the code ("portfolio PDF"), never user input.
    `subjects` lists the public ids of the youths a list or search showed."""
    return _append(
        audit_event(
            actor=actor,
            action=action,
            obj=obj,
            subject_id=subject_id,
            fields=fields,
            purpose=purpose,
            actor_label=actor_label,
            subjects=subjects,
        )
    )


def audit_event(
    *,
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    subject_id=None,
    fields: Iterable[str] = (),
    purpose: str = "",
    actor_label: str = "",
    subjects: Iterable = (),
) -> AuditEvent:
    """The event audit_record would append, unsaved and unchained: services
    that write many rows at once (the spreadsheet import) append theirs with
    audit_record_many."""
    ctx = context.current()
    subjects = list(subjects)
    subject_registry.note_recorded([subject_id, *subjects])
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=(actor_label or (str(actor) if is_user else ""))[:200],
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        subject_id=subject_id,
        subjects=sorted({str(s) for s in subjects}),
        fields=sorted(set(fields)),
        purpose=purpose[:200],
        ip_address=ctx.ip_address if ctx else None,
        path=ctx.path if ctx else "",
    )


def audit_record_many(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Appends events made by audit_event in one INSERT per thousand, chained
    in list order under the same head lock as audit_record (ids follow the
    list order, which is the order audit_verify walks)."""
    events = list(events)
    with transaction.atomic(savepoint=False):
        _lock_chain_head()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or chain.GENESIS
        for event in events:
            event.prev_hash = previous
            event.hash = previous = chain.event_hash(event, prev_hash=previous)
        return AuditEvent.objects.bulk_create(events, batch_size=1000)


def audit_denied(*, actor, model: type[models.Model] | None, lookup: dict) -> None:
    """A refused request for an object (the 404 of visible_to): who asked for
    which id of which type (None when only the URL parameter names it). Only the ids asked for are kept, never values of
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
        _append(
            AuditEvent(
                at=timezone.now(),
                actor=actor if is_user else None,
                actor_label=str(actor)[:200] if is_user else "",
                action=AuditAction.DENIED,
                content_type=ContentType.objects.get_for_model(denial["model"]) if denial["model"] else None,
                object_id=denial["object_id"],
                fields=denial["fields"],
                purpose="not visible to the user",
                ip_address=ctx.ip_address if ctx else None,
                path=ctx.path if ctx else "",
            )
        )


def changed_fields(before: dict, after: dict) -> list[str]:
    """Names of the keys whose values differ between two snapshots."""
    return sorted(key for key in after if before.get(key) != after.get(key))


def audit_prune(*, now=None) -> int:
    """Delete events older than KUI_AUDIT_RETENTION_DAYS; returns how many.
    Logging is kept as long as the municipality's retention rules require,
    and no longer (data minimisation).

    This is the one way events leave the trail: it opens the guard's `prune`
    mode (which the database still limits to events older than its hard
    floor) and appends a prune event naming the hash of the last event it
    removed, so `audit_verify` accepts the new start of the chain."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=max(settings.KUI_AUDIT_RETENTION_DAYS, guard.HARD_FLOOR_DAYS))
    with transaction.atomic():
        _lock_chain_head()
        doomed = AuditEvent.objects.filter(at__lt=cutoff)
        last = doomed.order_by("-id").values_list("hash", flat=True).first()
        if last is None:
            return 0
        with guard.audit_mode("prune"):
            deleted, _ = doomed.delete()
        audit_record(
            actor=None,
            action=AuditAction.PRUNE,
            actor_label="retention job",
            purpose=f"{deleted} events before {cutoff:%Y-%m-%d}; anchor {last}",
        )
    return deleted


def prune_anchors() -> set[str]:
    """The hashes prune events named as the last event they removed."""
    purposes = AuditEvent.objects.filter(action=AuditAction.PRUNE).values_list("purpose", flat=True)
    return {purpose.rsplit("anchor ", 1)[-1] for purpose in purposes if "anchor " in purpose}


def audit_verify() -> tuple[int, chain.BrokenLink | None]:
    """Walk the whole trail in insertion order (streamed) and check the chain."""
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    return chain.verify(events, anchors=prune_anchors())
