"""Checklists made before families could compare clinics become a family with one clinic:
every detail and every answer kept (migrations 0011 to 0013), and back again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from checklist.models import Answer, Checklist

BEFORE = [("checklist", "0010_answer_warning_heard_and_costs")]
AFTER = None  # the latest migrations, which the models are


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def populate(apps):
    """Two families as the old schema held them: details, guide answers of every kind, and
    a question of their own."""
    Guide = apps.get_model("checklist", "Guide")
    GuideVersion = apps.get_model("checklist", "GuideVersion")
    Section = apps.get_model("checklist", "Section")
    Question = apps.get_model("checklist", "Question")
    Checklist = apps.get_model("checklist", "Checklist")
    Answer = apps.get_model("checklist", "Answer")
    guide = Guide.objects.create(slug="old-guide", visibility="public")
    version = GuideVersion.objects.create(
        guide=guide, number=1, title="Old", description="Old.", author="Someone"
    )
    section = Section.objects.create(version=version, position=1, key="s", title="S")
    questions = [
        Question.objects.create(
            version=version, section=section, position=n, key=f"q{n}", text=f"Q{n}?", why="W"
        )
        for n in (1, 2, 3)
    ]
    families = []
    for n, name in enumerate(["Clinic Old", ""], start=1):
        checklist = Checklist.objects.create(
            token_hash=f"{n:064d}",
            version=version,
            child_name=f"Child {n}",
            clinic_name=name,
            clinic_city="Lima",
            clinic_country="Peru",
            appointment_date=datetime.date(2026, 12, n),
            attendees="Mum",
        )
        for q in questions:
            Answer.objects.create(
                checklist=checklist,
                section=section,
                question=q,
                position=q.position,
                included=q.position != 3,
                starred=q.position == 1,
                response=f"Answer {n}.{q.position}",
                rating="vague",
                notes=f"Note {n}.{q.position}",
                warning_heard=q.position == 2,
                costs={"currency": "USD", "amounts": {"stay": "800"}} if q.position == 3 else {},
                revision=4,
            )
        Answer.objects.create(
            checklist=checklist,
            section=section,
            own_question=f"Own {n}?",
            position=9,
            response=f"Own answer {n}",
        )
        families.append(checklist.pk)
    return families


FIELDS = [
    "pk",
    "section_id",
    "question_id",
    "own_question",
    "position",
    "included",
    "starred",
    "response",
    "rating",
    "notes",
    "done",
    "warning_heard",
    "costs",
    "revision",
]


@pytest.mark.django_db(transaction=True)
def test_every_checklist_becomes_one_clinic_with_every_answer_kept():
    old = migrate(BEFORE)
    families = populate(old)
    before = list(old.get_model("checklist", "Answer").objects.order_by("pk").values(*FIELDS))
    migrate(AFTER)
    after = list(Answer.objects.order_by("pk").values(*FIELDS))
    assert after == before
    for n, pk in enumerate(families, start=1):
        checklist = Checklist.objects.get(pk=pk)
        (clinic,) = checklist.clinics.all()
        assert checklist.clinic == clinic and checklist.child_name == f"Child {n}"
        assert (clinic.name, clinic.city, clinic.country, clinic.attendees) == (
            ["Clinic Old", ""][n - 1],
            "Lima",
            "Peru",
            "Mum",
        )
        assert clinic.appointment_date == datetime.date(2026, 12, n)
        assert set(checklist.answers.values_list("clinic", flat=True)) == {clinic.pk}
        own = checklist.answers.get(question__isnull=True)
        assert own.own_key == own.pk and own.response == f"Own answer {n}"
    # Back again: the details return to the checklist, nothing lost.
    old = migrate(BEFORE)
    restored = old.get_model("checklist", "Checklist").objects.get(pk=families[0])
    assert (restored.clinic_name, restored.attendees) == ("Clinic Old", "Mum")
    back = list(old.get_model("checklist", "Answer").objects.order_by("pk").values(*FIELDS))
    assert back == before
    migrate(AFTER)
