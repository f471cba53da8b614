from django import template
from django.utils.safestring import SafeString

from checklist.glossary import Glossary
from checklist.models import GlossaryTerm

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
