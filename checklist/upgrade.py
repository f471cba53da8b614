"""Moving a family's checklist to a newer published version of its guide, losing nothing.

Answers follow their question by its key. Questions the new version merged into one (listed
in its `replaces`) bring their answers to it: the one the family wrote in moves there (its
own answer first, if they wrote in both). Any other answer whose question is gone becomes the
family's own question, with its text, in the section of the same key (or the last one), if
the family wrote or chose anything in it; an untouched one goes with its question. New
questions get empty answers.

A family with several clinics keeps the same questions in each: whether the family wrote or
chose anything in an answer is decided over all its clinics' answers to that question.
"""

from django.db import transaction
from django.db.models import Max

from checklist.models import Answer, Checklist, Clinic, GuideVersion, Rating, Section


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
    old = set(checklist.version.questions.values_list("key", flat=True))
    return sum(
        1
        for key, replaces in newer.questions.values_list("key", "replaces")
        if key not in old and not old.intersection(replaces)
    )


def _touched(answer: Answer) -> bool:
    """Whether the family wrote or chose anything in this answer."""
    return bool(
        answer.response
        or answer.notes
        or answer.starred
        or answer.done
        or answer.rating != Rating.NOT_ASKED
    )


def _twin_key(answer: Answer) -> tuple[str, object]:
    """The same for each clinic's answer to one question."""
    return ("guide", answer.question.key) if answer.question else ("own", answer.own_key)


@transaction.atomic
def upgrade(checklist: Checklist, newer: GuideVersion) -> None:
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    everything = list(
        checklist.answers.select_related("question", "section").order_by(
            "section__position", "position", "pk"
        )
    )
    touched = {_twin_key(a) for a in everything if _touched(a)}
    # A guide question that becomes the family's own gets the same new key in every clinic.
    own_keys: dict[str, int] = {}
    first_free = (checklist.answers.aggregate(n=Max("own_key"))["n"] or 0) + 1
    for clinic in checklist.clinics.all():
        answers = [a for a in everything if a.clinic_id == clinic.pk]
        _upgrade_clinic(clinic, answers, newer, touched, own_keys, first_free)
    checklist.version = newer
    checklist.save(update_fields=["version", "updated"])


def _upgrade_clinic(
    clinic: Clinic,
    answers: list[Answer],
    newer: GuideVersion,
    touched: set[tuple[str, object]],
    own_keys: dict[str, int],
    first_free: int,
) -> None:
    sections: dict[str, Section] = {s.key: s for s in newer.sections.all()}
    last_section = list(sections.values())[-1]
    questions = {q.key: q for q in newer.questions.all()}
    merged_into = {old: q for q in questions.values() for old in q.replaces}
    kept: list[Answer] = []
    own: list[Answer] = []
    gone: list[Answer] = []
    to: dict[str, list[Answer]] = {}
    for answer in answers:
        key = answer.question.key if answer.question else None
        if key in questions:
            to.setdefault(key, []).append(answer)
        elif key in merged_into:
            to.setdefault(merged_into[key].key, []).append(answer)
        elif key is None or _twin_key(answer) in touched:
            own.append(answer)
        else:
            gone.append(answer)
    for key, group in to.items():
        # The one the family wrote in; of two, the answer to the question itself.
        group.sort(
            key=lambda a: (_twin_key(a) not in touched, a.question is None or a.question.key != key)
        )
        chosen, *rest = group
        target = questions[key]
        if chosen.question is not None and chosen.question.key != key:
            # Pages still open on another device must not save over this change unseen.
            chosen.revision += 1
        chosen.question, chosen.section, chosen.position = target, target.section, target.position
        kept.append(chosen)
        own += [a for a in rest if _twin_key(a) in touched]
        gone += [a for a in rest if _twin_key(a) not in touched]
    for answer in own:
        if answer.question is not None:
            answer.own_key = own_keys.setdefault(answer.question.key, first_free + len(own_keys))
            answer.own_question, answer.question = answer.question.text, None
            answer.revision += 1
        answer.section = sections.get(answer.section.key, last_section)
    # The family's own questions come after the guide's, in the order they had.
    own.sort(key=lambda a: answers.index(a))
    next_position = {s.pk: 1 for s in sections.values()}
    for q in questions.values():
        next_position[q.section_id] = max(next_position[q.section_id], q.position + 1)
    for answer in own:
        answer.position = next_position[answer.section_id]
        next_position[answer.section_id] += 1
    Answer.objects.filter(pk__in=[a.pk for a in gone]).delete()
    Answer.objects.bulk_update(
        [*kept, *own], ["question", "section", "own_question", "own_key", "position", "revision"]
    )
    Answer.objects.bulk_create(
        Answer(
            checklist_id=clinic.checklist_id,
            clinic=clinic,
            section=q.section,
            question=q,
            position=q.position,
        )
        for key, q in questions.items()
        if key not in to
    )
