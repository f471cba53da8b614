"""Moving a family's checklist to a newer published version of its guide, losing nothing.

Answers follow their question by its key. A question the new version no longer has becomes
the family's own question, with its text, in the section of the same key (or the last one),
so everything the family typed stays. New questions get empty answers.
"""

from django.db import transaction

from checklist.models import Answer, Checklist, GuideVersion


def newer_version(checklist: Checklist) -> GuideVersion | None:
    """The newest published version of the checklist's guide, if it is newer than its own."""
    guide = checklist.version.guide
    if guide.is_locked:
        return None
    latest = guide.latest_published()
    if latest is None or latest.number <= checklist.version.number:
        return None
    return latest


def new_question_count(checklist: Checklist, newer: GuideVersion) -> int:
    old_keys = checklist.version.questions.values_list("key", flat=True)
    return newer.questions.exclude(key__in=old_keys).count()


@transaction.atomic
def upgrade(checklist: Checklist, newer: GuideVersion) -> None:
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    sections = {s.key: s for s in newer.sections.all()}
    last_section = list(sections.values())[-1]
    questions = {q.key: q for q in newer.questions.all()}
    answers = list(
        checklist.answers.select_related("question", "section").order_by(
            "section__position", "position", "pk"
        )
    )
    kept: set[str] = set()
    own: list[Answer] = []
    for answer in answers:
        old = answer.question
        if old is not None and old.key in questions:
            new = questions[old.key]
            answer.question, answer.section, answer.position = new, new.section, new.position
            kept.add(old.key)
            continue
        if old is not None:
            answer.question, answer.own_question = None, old.text
            # Pages still open on another device must not save over this change unseen.
            answer.revision += 1
        answer.section = sections.get(answer.section.key, last_section)
        own.append(answer)
    # The family's own questions come after the guide's, in the order they had.
    next_position = {s.pk: 1 for s in sections.values()}
    for q in questions.values():
        next_position[q.section_id] = max(next_position[q.section_id], q.position + 1)
    for answer in own:
        answer.position = next_position[answer.section_id]
        next_position[answer.section_id] += 1
    Answer.objects.bulk_update(
        answers, ["question", "section", "own_question", "position", "revision"]
    )
    Answer.objects.bulk_create(
        Answer(checklist=checklist, section=q.section, question=q, position=q.position)
        for key, q in questions.items()
        if key not in kept
    )
    checklist.version = newer
    checklist.save(update_fields=["version", "updated"])
