"""Saving one answer, safely from several tabs and devices at once.

Every save names the revision its page started from and the page (editor) it came from.
Inside one transaction that locks the row:
- the same values as stored: nothing to do. A save repeated after its reply was lost
  (a dropped connection, a retry) lands here, so saving is idempotent;
- the stored row was last changed by this same page, or is still at the named revision:
  the save applies and the revision goes up by one;
- otherwise another device changed the answer in between: nothing is written and the
  caller shows the family both versions to choose from.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from checklist.forms import AnswerForm
from checklist.models import Answer, Checklist


@dataclass
class SaveResult:
    answer: Answer
    conflict: bool


def save_answer(form: AnswerForm) -> SaveResult:
    """Apply a valid AnswerForm to its answer (see the module docstring)."""
    data = form.cleaned_data
    values: dict[str, Any] = {name: data[name] for name in form._meta.fields or () if name in data}
    pk = form.instance.pk
    with transaction.atomic():
        # Lock the answer row only: its question is joined in (nullable, an outer join).
        current = (
            Answer.objects.select_for_update(of=("self",)).select_related("question").get(pk=pk)
        )
        if all(getattr(current, name) == value for name, value in values.items()):
            return SaveResult(current, conflict=False)
        if current.revision != data["revision"] and current.editor != data["editor"]:
            return SaveResult(current, conflict=True)
        for name, value in values.items():
            setattr(current, name, value)
        current.revision += 1
        current.editor = data["editor"]
        current.save()
        Checklist.objects.filter(pk=current.checklist_id).update(updated=timezone.now())
    return SaveResult(current, conflict=False)
