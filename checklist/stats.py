"""What families did with a published version, for its advocate: counts only.

Only how many checklists chose, starred or left out each guide question, and only once enough
checklists started from the version that a number cannot point at one family. Nothing a
family wrote is ever read here: not their answers, notes or own questions.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from checklist.models import Answer, GuideVersion, ItemKind, Question, Section

# Below this many checklists a count could point at one family, so none is shown.
MIN_CHECKLISTS_FOR_COUNTS = 10


@dataclass(frozen=True)
class Share:
    """How many of the version's checklists did something: "8 of 12"."""

    count: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total)


@dataclass(frozen=True)
class QuestionCounts:
    question: Question
    chosen: Share
    starred: Share
    left_out: Share


@dataclass(frozen=True)
class VersionCounts:
    started: int
    # Empty below MIN_CHECKLISTS_FOR_COUNTS.
    sections: list[tuple[Section, list[QuestionCounts]]]

    @property
    def shown(self) -> bool:
        return self.started >= MIN_CHECKLISTS_FOR_COUNTS


def version_counts(version: GuideVersion) -> VersionCounts:
    """How many checklists started from `version` and, once there are enough, how many chose,
    starred and left out each of its questions for the clinic, by section in the guide's order.

    "Starred" and "left out" are what the family's review shows: a starred question they chose
    is a priority, an unticked one is left out. Each clinic of a checklist has its own answer
    row with the same choices, so checklists are counted, not rows.
    """
    started = version.checklists.count()
    if started < MIN_CHECKLISTS_FOR_COUNTS:
        return VersionCounts(started, [])
    by_question = (
        Answer.objects.filter(checklist__version=version, question__isnull=False)
        .values("question_id")
        .annotate(
            chosen=Count("checklist", filter=Q(included=True), distinct=True),
            starred=Count("checklist", filter=Q(included=True, starred=True), distinct=True),
            left_out=Count("checklist", filter=Q(included=False), distinct=True),
        )
        .values_list("question_id", "chosen", "starred", "left_out")
    )
    per_question = {question_id: rest for question_id, *rest in by_question}
    counted: dict[int, list[QuestionCounts]] = {}
    for question in version.questions.exclude(kind=ItemKind.FAMILY):
        chosen, starred, left_out = per_question.get(question.pk, (0, 0, 0))
        counted.setdefault(question.section_id, []).append(
            QuestionCounts(
                question,
                Share(chosen, started),
                Share(starred, started),
                Share(left_out, started),
            )
        )
    sections = [(s, counted[s.pk]) for s in version.sections.all() if s.pk in counted]
    return VersionCounts(started, sections)
