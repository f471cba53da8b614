"""Every checklist becomes a family with one clinic: the clinic's details move from the
checklist to it, and every answer is its answer. A question the family wrote gets its own key
(its id: unique, and below any key given later)."""

from typing import Any

from django.db import migrations
from django.db.models import F

DETAILS = ["name", "city", "country", "appointment_date", "attendees"]


def forwards(apps: Any, schema_editor: Any) -> None:
    Checklist = apps.get_model("checklist", "Checklist")
    Clinic = apps.get_model("checklist", "Clinic")
    Answer = apps.get_model("checklist", "Answer")
    for checklist in Checklist.objects.all().iterator():
        clinic = Clinic.objects.create(
            checklist=checklist,
            position=1,
            name=checklist.clinic_name,
            city=checklist.clinic_city,
            country=checklist.clinic_country,
            appointment_date=checklist.appointment_date,
            attendees=checklist.attendees,
        )
        # update(), so the answers' and the checklist's "updated" stay as the family left them.
        Checklist.objects.filter(pk=checklist.pk).update(clinic=clinic)
        Answer.objects.filter(checklist=checklist).update(clinic=clinic)
    Answer.objects.filter(question__isnull=True).update(own_key=F("pk"))


def backwards(apps: Any, schema_editor: Any) -> None:
    """Back to one clinic per checklist: the first clinic's details and answers stay."""
    Checklist = apps.get_model("checklist", "Checklist")
    Clinic = apps.get_model("checklist", "Clinic")
    Answer = apps.get_model("checklist", "Answer")
    for clinic in Clinic.objects.filter(position=1).iterator():
        Checklist.objects.filter(pk=clinic.checklist_id).update(
            **{
                f"clinic_{n}" if n in ("name", "city", "country") else n: getattr(clinic, n)
                for n in DETAILS
            }
        )
        Answer.objects.filter(checklist_id=clinic.checklist_id).exclude(clinic=clinic).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("checklist", "0011_clinics"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
