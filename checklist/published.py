"""A published guide version's sections and questions, kept in each worker's memory.

A published version never changes (`GuideVersion.save` and `DraftContent.save` refuse), and
nearly every family page reads it: the sections for the way between pages, and the question
of each answer shown ("Choose your questions", the review and a printout show fifty). Kept,
they cost no query and no building of fifty objects per page. A draft's are read every time.
The kept objects are shared by every request a worker serves: nothing may change them.
"""

from datetime import datetime
from functools import lru_cache

from django.db.models import QuerySet

from checklist.models import Answer, GuideVersion, Question, Section


@lru_cache(maxsize=32)
def kept(
    pk: int, published: datetime | None
) -> tuple[list[Section], dict[int, Section], dict[int | None, Question | None]]:
    """The sections and questions of the published version `pk`. Keyed by when it was
    published too: a restored backup or a test database may give another version that id."""
    sections = list(Section.objects.filter(version_id=pk))
    questions = Question.objects.filter(version_id=pk)
    # None: the family's own questions.
    return sections, {s.pk: s for s in sections}, {None: None} | {q.pk: q for q in questions}


def sections(version: GuideVersion) -> list[Section]:
    if not version.is_published:
        return list(version.sections.all())
    return kept(version.pk, version.published)[0]


def answers(found: QuerySet[Answer], version: GuideVersion) -> list[Answer]:
    """The answers, each with its section and its question (None for the family's own), of
    `version`."""
    if not version.is_published:
        return list(found.select_related("question", "section"))
    _sections, by_pk, questions = kept(version.pk, version.published)
    listed = list(found)
    if any(a.section_id not in by_pk or a.question_id not in questions for a in listed):
        # The checklist moved to a newer version since `version` was read.
        return list(found.select_related("question", "section"))
    for answer in listed:
        answer.section = by_pk[answer.section_id]
        answer.question = questions[answer.question_id]
    return listed
