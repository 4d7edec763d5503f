"""Referrals and attendance point at their pathways.Step by a foreign key
instead of a copied public id (partners now sits above pathways). First the
new columns, nullable; 0003 fills them, 0004 drops the old columns."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("pathways", "0002_conference_done"),
    ]

    operations = [
        # Nullable while it is being replaced, so the migrations run backwards too.
        migrations.AlterField(
            model_name="attendance", name="step_public_id", field=models.UUIDField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="referral",
            name="step",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="partner_referrals",
                to="pathways.step",
            ),
        ),
        migrations.AddField(
            model_name="attendance",
            name="step",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="partner_attendance",
                to="pathways.step",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
            name="kind",
            field=models.CharField(
                choices=[
                    ("internship", "Company internship"),
                    ("bridging", "Bridging course"),
                    ("workshop", "Open workshop"),
                    ("group_course", "Group course"),
                    ("leisure", "Leisure or association"),
                ],
                default="internship",
                max_length=16,
                verbose_name="kind",
            ),
        ),
    ]
