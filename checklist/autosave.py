"""Saving one answer, safely from several tabs and devices at once.

Every save names the revision its page started from and the page render it came from.
Inside one transaction that locks the row:
- the same values as stored: nothing to do. A save repeated after its reply was lost
  (a dropped connection, a retry) lands here, so saving is idempotent;
- the stored row was last changed by this same page, or is still at the named revision:
  the save applies and the revision goes up by one; what the family chose (the question,
  its ticks) goes to the other clinics' answers too (Answer.share);
- otherwise another device changed the answer in between: nothing is written and the
  caller shows the family both versions to choose from.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from checklist.models import Answer, Checklist


@dataclass
class SaveResult:
    answer: Answer
    conflict: bool


def save_answer(
    answer: Answer, values: dict[str, Any], revision: int, page_render: str
) -> SaveResult:
    """Save checked `values` (field name to value) to `answer`, as sent by the page render
    `page_render` that started from `revision` (see the module docstring)."""
    pk = answer.pk
    with transaction.atomic():
        # Lock the answer row only: its question is joined in (nullable, an outer join).
        current = (
            Answer.objects.select_for_update(of=("self",)).select_related("question").get(pk=pk)
        )
        if all(getattr(current, name) == value for name, value in values.items()):
            return SaveResult(current, conflict=False)
        if current.revision != revision and current.page_render != page_render:
            return SaveResult(current, conflict=True)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision += 1
        current.page_render = page_render
        current.save()
        current.share(list(values))
        Checklist.objects.filter(pk=current.checklist_id).update(updated=timezone.now())
    return SaveResult(current, conflict=False)
