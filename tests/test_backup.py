"""Backup and restore on PostgreSQL: scripts/backup.sh dumps the database,
scripts/restore.sh restores it into a fresh one; the row counts match, a CPR
number decrypts with the configured keys and the audit chain verifies."""

import datetime
import os
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from kui.audit import chain
from kui.audit.models import AuditAction, AuditEvent
from kui.audit.services import audit_record, prune_anchors
from kui.lib.encryption import current_fernet
from youths import services as youth_services

ROOT = Path(__file__).resolve().parents[1]
RESTORED = "kui_dataprot_restore_test"


def _url(name: str) -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # nosec B608  # names from pg_tables
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_backup_restore_keeps_every_row_the_cpr_and_the_chain(alice, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are of PostgreSQL (set DATABASE_URL)")
    youth = youth_services.youth_create(
        by=alice,
        first_name="Åse",
        last_name="Ærø",
        birth_date=datetime.date(2004, 6, 1),
        target_group="other",
        cpr="0106044234",
    )
    audit_record(actor=alice, action=AuditAction.READ, obj=youth, subject_id=youth.public_id)
    env = {**os.environ, "DATABASE_URL": _url(connection.settings_dict["NAME"])}
    made = subprocess.run(
        ["bash", "scripts/backup.sh", str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    backup_dir = made.stdout.strip().splitlines()[-1]

    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        cursor.execute(f'CREATE DATABASE "{RESTORED}"')
    try:
        restore_env = {**os.environ, "DATABASE_URL": _url(RESTORED), "PYTHON": os.sys.executable}
        restore_env.pop("KUI_TESTING", None)
        restored = subprocess.run(
            ["bash", "scripts/restore.sh", backup_dir], cwd=ROOT, env=restore_env, capture_output=True, text=True
        )
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert "Audit chain intact" in restored.stdout

        copy = psycopg2.connect(_url(RESTORED))
        with connection.cursor() as original, copy.cursor() as cursor:
            assert _counts(cursor) == _counts(original)
            cursor.execute("SELECT cpr_encrypted FROM youths_youth WHERE public_id = %s", [str(youth.public_id)])
            assert current_fernet().decrypt(cursor.fetchone()[0].encode()).decode() == "0106044234"
            columns = [f.column for f in AuditEvent._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(columns)} FROM audit_auditevent ORDER BY id")  # nosec B608  # model columns
            events = [
                AuditEvent(**dict(zip([f.attname for f in AuditEvent._meta.concrete_fields], row, strict=True)))
                for row in cursor.fetchall()
            ]
        copy.close()
        checked, broken = chain.verify(iter(events), anchors=prune_anchors())
        assert broken is None and checked == AuditEvent.objects.count() >= 2
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        admin.close()
