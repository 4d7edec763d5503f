"""The hash chain that makes the audit trail tamper-evident.

Each event stores the hash of the event before it and a hash over its own
content plus that previous hash. Changing, removing or inserting a row in the
middle breaks the chain at that row, and `manage.py audit_verify` names it.
The database triggers (migration 0002) refuse UPDATE, DELETE and TRUNCATE from
the application; the chain is what still catches someone who got around them.

Pruning removes the oldest events. The prune writes an event naming the hash
of the last removed event (its *anchor*), so the first surviving event may
point at an anchor instead of the genesis value.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

GENESIS = "0" * 64


def _iso(at: datetime.datetime) -> str:
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def event_hash(event, *, prev_hash: str) -> str:
    """sha256 over a canonical JSON of every stored fact of the event."""
    facts = {
        "prev": prev_hash,
        "at": _iso(event.at),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "content_type": event.content_type_id,
        "object_id": event.object_id,
        "subject": str(event.subject_id) if event.subject_id else None,
        "subjects": [str(s) for s in event.subjects],
        "fields": list(event.fields),
        "purpose": event.purpose,
        "ip": event.ip_address,
        "path": event.path,
    }
    canonical = json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    reason: str


def verify(events: Iterator, *, anchors: set[str]) -> tuple[int, BrokenLink | None]:
    """Walk the events in insertion (id) order; return how many were checked
    and the first broken link, if any. `anchors` are the hashes prune events
    named as the last event they removed."""
    checked = 0
    expected_prev = None
    for event in events:
        if expected_prev is None:
            if event.prev_hash != GENESIS and event.prev_hash not in anchors:
                return checked, BrokenLink(event.pk, "the first event points at an unknown predecessor")
        elif event.prev_hash != expected_prev:
            return checked, BrokenLink(event.pk, "does not point at the event before it (removed or inserted)")
        if event_hash(event, prev_hash=event.prev_hash) != event.hash:
            return checked, BrokenLink(event.pk, "its content does not match its hash (changed)")
        expected_prev = event.hash
        checked += 1
    return checked, None
