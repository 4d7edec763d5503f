"""The audit trail becomes append-only and tamper-evident: object names leave
the trail (free text), lists record the youths they showed, every event joins
a hash chain, and database triggers refuse UPDATE, DELETE and TRUNCATE.

A later migration that alters this table on SQLite rebuilds it and drops the
triggers with it: such a migration must call kui.audit.guard.install again
(tests/kui/test_audit_chain.py checks that the triggers are there)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def chain_existing_events(apps, schema_editor):
    from kui.audit import chain

    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev = chain.GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        event.prev_hash = prev
        event.hash = chain.event_hash(event, prev_hash=prev)
        event.save(update_fields=["prev_hash", "hash"])
        prev = event.hash


def install_guard(apps, schema_editor):
    from kui.audit import guard

    guard.install(schema_editor)


def uninstall_guard(apps, schema_editor):
    from kui.audit import guard

    guard.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="auditevent", name="object_label"),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="who",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("update", "Changed"),
                    ("delete", "Deleted"),
                    ("read", "Read"),
                    ("export", "Exported"),
                    ("login", "Logged in"),
                    ("login_failed", "Failed login"),
                    ("logout", "Logged out"),
                    ("prune", "Pruned past retention"),
                ],
                max_length=16,
                verbose_name="action",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="subjects",
            field=models.JSONField(blank=True, default=list, verbose_name="youths shown"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.RunPython(install_guard, uninstall_guard),
    ]
