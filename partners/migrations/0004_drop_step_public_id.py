import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_fill_step_foreign_keys"),
    ]

    operations = [
        migrations.RemoveField(model_name="referral", name="step_public_id"),
        migrations.RemoveField(model_name="attendance", name="step_public_id"),
        migrations.AlterField(
            model_name="attendance",
            name="step",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="partner_attendance",
                to="pathways.step",
            ),
        ),
    ]
