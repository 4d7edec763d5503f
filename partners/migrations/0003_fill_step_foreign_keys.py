"""Map each old step public id to the step's foreign key. An attendance row
whose step no longer exists cannot point anywhere and is removed (the
service only ever wrote ids of existing steps, and a deleted step's youth
takes its attendance with it, so there should be none). A referral keeps
no step then, as a referral of a deleted step would."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Step = apps.get_model("pathways", "Step")
    Referral = apps.get_model("partners", "Referral")
    Attendance = apps.get_model("partners", "Attendance")
    step_of = Subquery(Step.objects.filter(public_id=OuterRef("step_public_id")).values("pk")[:1])
    Referral.objects.filter(step_public_id__isnull=False).update(step_id=step_of)
    Attendance.objects.update(step_id=step_of)
    Attendance.objects.filter(step_id__isnull=True).delete()


def backwards(apps, schema_editor):
    Step = apps.get_model("pathways", "Step")
    Referral = apps.get_model("partners", "Referral")
    Attendance = apps.get_model("partners", "Attendance")
    public_id_of = Subquery(Step.objects.filter(pk=OuterRef("step_id")).values("public_id")[:1])
    Referral.objects.filter(step_id__isnull=False).update(step_public_id=public_id_of)
    Attendance.objects.update(step_public_id=public_id_of)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_step_foreign_keys"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
