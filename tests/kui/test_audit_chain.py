"""The audit trail is append-only in the database and its hash chain shows
any change that got around that."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from kui.audit import guard
from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_prune, audit_record, audit_verify

TABLE = guard.TABLE


def _three_events(alice):
    return [audit_record(actor=alice, action=AuditAction.READ, purpose=f"step {n}") for n in range(3)]


def _refused(statement: str, params=()):
    with pytest.raises((DatabaseError, IntegrityError)) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
    assert "append-only" in str(error.value)


def test_the_orm_cannot_change_an_event(alice):
    event = audit_record(actor=alice, action=AuditAction.LOGIN)
    event.purpose = "rewritten"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="someone else")
    assert AuditEvent.objects.get(pk=event.pk).purpose == ""


def test_the_orm_cannot_delete_an_event(alice):
    event = audit_record(actor=alice, action=AuditAction.LOGIN)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()
    assert AuditEvent.objects.count() == 1


def test_raw_sql_as_the_application_role_is_refused(alice):
    _three_events(alice)
    _refused(f"UPDATE {TABLE} SET purpose = 'x'")
    _refused(f"DELETE FROM {TABLE}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the test's own inserts must not be what stops the TRUNCATE
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _refused(f"TRUNCATE {TABLE}")
    assert AuditEvent.objects.count() == 3


def test_even_the_prune_mode_deletes_nothing_younger_than_the_floor(alice):
    _three_events(alice)
    with pytest.raises(DatabaseError, match="append-only"), guard.audit_mode("prune"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 3


def test_the_triggers_survive_every_migration(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [TABLE])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        names = {row[0] for row in cursor.fetchall()}
    expected = (
        {"kui_audit_append_only", "kui_audit_no_truncate"}
        if connection.vendor == "postgresql"
        else {
            "kui_audit_no_update",
            "kui_audit_no_delete",
        }
    )
    assert names == expected


def test_each_event_points_at_the_one_before(alice):
    first, second, third = _three_events(alice)
    assert (second.prev_hash, third.prev_hash) == (first.hash, second.hash)
    assert audit_verify() == (3, None)


def test_a_changed_event_is_named(alice):
    events = _three_events(alice)
    with guard.audit_mode("wipe"):
        AuditEvent.objects.filter(pk=events[1].pk).update(purpose="nothing to see")
    checked, broken = audit_verify()
    assert (checked, broken.event_id) == (1, events[1].pk)
    assert "changed" in broken.reason


def test_a_removed_event_is_named_by_its_successor(alice):
    events = _three_events(alice)
    with guard.audit_mode("wipe"):
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    _checked, broken = audit_verify()
    assert broken.event_id == events[2].pk
    assert "removed" in broken.reason


def test_the_command_names_the_first_broken_link(alice):
    events = _three_events(alice)
    call_command("audit_verify")
    with guard.audit_mode("wipe"):
        AuditEvent.objects.filter(pk=events[0].pk).update(actor_label="mallory")
    with pytest.raises(CommandError, match=f"broken at event {events[0].pk}"):
        call_command("audit_verify")


def test_pruning_is_the_one_way_out_and_leaves_a_verifiable_chain(alice, settings):
    settings.KUI_AUDIT_RETENTION_DAYS = 365
    with time_machine.travel(timezone.now() - datetime.timedelta(days=400), tick=False):
        old = _three_events(alice)
    kept = audit_record(actor=alice, action=AuditAction.LOGIN)
    assert audit_prune() == 3
    prune = AuditEvent.objects.get(action=AuditAction.PRUNE)
    assert old[-1].hash in prune.purpose
    assert list(AuditEvent.objects.order_by("id")) == [kept, prune]
    assert audit_verify() == (2, None)


def test_retention_shorter_than_the_floor_is_raised_to_it(alice, settings):
    settings.KUI_AUDIT_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - datetime.timedelta(days=100), tick=False):
        _three_events(alice)
    assert audit_prune() == 0
    assert AuditEvent.objects.count() == 3


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(alice):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (set DATABASE_URL)")
    barrier = threading.Barrier(6)
    errors = []

    def write(n):
        try:
            barrier.wait()
            for i in range(10):
                with transaction.atomic():
                    audit_record(actor=alice, action=AuditAction.READ, purpose=f"writer {n} event {i}")
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.count() == 60
    assert len(set(AuditEvent.objects.values_list("prev_hash", flat=True))) == 60
    assert audit_verify() == (60, None)
