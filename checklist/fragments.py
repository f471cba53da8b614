"""What a published guide says about a question, as HTML, kept in each worker's memory.

A published version never changes (`GuideVersion.save` refuses), and the "About this question"
fold is the largest part of the section and "Choose your questions" pages: it is rendered once
per question and language, then reused. A draft's (the advocates' preview) is always rendered.
"""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from checklist.glossary import Glossary
from checklist.models import Question, Source


def about(
    question: Question, sources: list[Source], glossary: Glossary | None, guide_language: str
) -> SafeString:
    """The fold of `question`, whose guide is in `guide_language`, for a page in the active
    language."""
    glossary = glossary.for_item(question.pk) if glossary is not None else None
    context = {
        "question": question,
        "sources": sources,
        "glossary": glossary,
        "guide_language": guide_language,
    }
    if glossary is None or not glossary.published:
        return mark_safe(render_to_string("checklist/section.html#about", context))  # noqa: S308
    key = f"about:{question.pk}:{get_language()}"
    html: str | None = caches["fragments"].get(key)
    if html is None:
        html = render_to_string("checklist/section.html#about", context)
        caches["fragments"].set(key, html, timeout=None)
    return mark_safe(html)  # noqa: S308 (rendered by our template, escaped there)
