import django.db.models.deletion
from django.db import migrations, models

import checklist.validators


class Migration(migrations.Migration):
    dependencies = [
        ("checklist", "0010_answer_warning_heard_and_costs"),
    ]

    operations = [
        migrations.CreateModel(
            name="Clinic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField()),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        max_length=120,
                        validators=[checklist.validators.single_line],
                        verbose_name="Clinic name",
                    ),
                ),
                (
                    "city",
                    models.CharField(
                        blank=True,
                        max_length=80,
                        validators=[checklist.validators.single_line],
                        verbose_name="City",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        max_length=80,
                        validators=[checklist.validators.single_line],
                        verbose_name="Country",
                    ),
                ),
                (
                    "appointment_date",
                    models.DateField(
                        blank=True,
                        null=True,
                        validators=[checklist.validators.plausible_date],
                        verbose_name="Appointment date",
                    ),
                ),
                (
                    "attendees",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        validators=[checklist.validators.single_line],
                        verbose_name="Who will attend",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "checklist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="clinics",
                        to="checklist.checklist",
                    ),
                ),
            ],
            options={
                "ordering": ["position"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("checklist", "position"), name="unique_clinic_position"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="checklist",
            name="clinic",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="checklist.clinic",
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="clinic",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="checklist.clinic",
            ),
        ),
        migrations.AddField(
            model_name="answer",
            name="own_key",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
    ]
