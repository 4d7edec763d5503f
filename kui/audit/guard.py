"""The database guard that keeps the audit trail append-only.

Triggers (installed by migration 0002) refuse UPDATE, DELETE and TRUNCATE on
the audit table. Exactly two ways through exist, both named by a *mode* set on
the current transaction:

- ``prune``: DELETE of events older than the hard floor below, used only by
  `audit_prune`, which records its own event in the chain;
- ``wipe``: anything, honoured by PostgreSQL only in a database whose name
  starts with ``test_`` (the test suite flushes tables between tests).

On PostgreSQL the mode is a transaction-local setting (`SET LOCAL`), on SQLite
a per-connection SQL function the trigger calls. Anyone holding the
application's database password can set the mode too; the hash chain is what
catches that, and SECURITY.md describes the grants that take even that away.
"""

import contextlib

from django.db import DEFAULT_DB_ALIAS, connections, transaction

# Whatever KUI_AUDIT_RETENTION_DAYS says, the database deletes nothing younger.
HARD_FLOOR_DAYS = 180

TABLE = "audit_auditevent"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION kui_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mode text := coalesce(current_setting('kui.audit_mode', true), '');
BEGIN
    IF mode = 'wipe' AND current_database() LIKE 'test\\_%' THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'DELETE' AND mode = 'prune' AND OLD."at" < now() - interval '{HARD_FLOOR_DAYS} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'kui: the audit trail is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS kui_audit_append_only ON {TABLE};
CREATE TRIGGER kui_audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION kui_audit_refuse_change();
DROP TRIGGER IF EXISTS kui_audit_no_truncate ON {TABLE};
CREATE TRIGGER kui_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION kui_audit_refuse_change();
"""

POSTGRES_UNINSTALL = f"""
DROP TRIGGER IF EXISTS kui_audit_append_only ON {TABLE};
DROP TRIGGER IF EXISTS kui_audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS kui_audit_refuse_change();
"""

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS kui_audit_no_update BEFORE UPDATE ON {TABLE}
        WHEN kui_audit_mode() != 'wipe'
        BEGIN SELECT RAISE(ABORT, 'kui: the audit trail is append-only (UPDATE refused)'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS kui_audit_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT (kui_audit_mode() = 'wipe'
                  OR (kui_audit_mode() = 'prune' AND OLD."at" < datetime('now', '-{HARD_FLOOR_DAYS} days')))
        BEGIN SELECT RAISE(ABORT, 'kui: the audit trail is append-only (DELETE refused)'); END""",
]

SQLITE_UNINSTALL = ["DROP TRIGGER IF EXISTS kui_audit_no_update", "DROP TRIGGER IF EXISTS kui_audit_no_delete"]


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the SQL function SQLite triggers ask for
    the mode. Only this process can set it, per connection."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "kui_audit_mode", 0, lambda: getattr(connection, "kui_audit_mode", ""), deterministic=False
    )


@contextlib.contextmanager
def audit_mode(mode: str, *, using: str = DEFAULT_DB_ALIAS):
    """Open one of the two ways through the guard for the block (inside a transaction)."""
    if mode not in {"prune", "wipe"}:
        raise ValueError(f"unknown audit mode {mode!r}")
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('kui.audit_mode', %s, true)", [mode])
            yield
            # On an error the block's rollback (to its savepoint) undoes the setting.
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('kui.audit_mode', '', true)")
        else:
            connection.ensure_connection()
            connection.kui_audit_mode = mode
            try:
                yield
            finally:
                connection.kui_audit_mode = ""


def install(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INSTALL, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def uninstall(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UNINSTALL, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UNINSTALL:
            schema_editor.execute(statement)
