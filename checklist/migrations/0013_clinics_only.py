import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("checklist", "0012_clinics_data"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="answer", name="one_answer_per_question"),
        migrations.AlterField(
            model_name="answer",
            name="clinic",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="checklist.clinic",
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                condition=Q(question__isnull=False),
                fields=("clinic", "question"),
                name="one_answer_per_question",
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                condition=Q(own_key__isnull=False),
                fields=("clinic", "own_key"),
                name="one_answer_per_own_question",
            ),
        ),
        migrations.RemoveField(model_name="checklist", name="clinic_name"),
        migrations.RemoveField(model_name="checklist", name="clinic_city"),
        migrations.RemoveField(model_name="checklist", name="clinic_country"),
        migrations.RemoveField(model_name="checklist", name="appointment_date"),
        migrations.RemoveField(model_name="checklist", name="attendees"),
    ]
