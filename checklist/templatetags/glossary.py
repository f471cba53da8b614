from django import template
from django.utils.safestring import SafeString

from checklist.fragments import Folds
from checklist.glossary import Glossary
from checklist.models import GlossaryTerm, Question

register = template.Library()


@register.filter
def glossed(text: str, glossary: Glossary | None) -> SafeString | str:
    """The text with its glossary terms explained in place (see checklist/glossary.py)."""
    if glossary is None:
        return text
    return glossary.mark(text)


@register.filter
def terms_in(text: str, glossary: Glossary | None) -> list[GlossaryTerm]:
    return glossary.found(text) if glossary is not None else []


@register.simple_tag
def about_question(question: Question, folds: Folds) -> SafeString:
    """The "About this question" fold (section.html#about), kept once rendered when its guide
    is published (checklist/fragments.py)."""
    return folds.about(question)
