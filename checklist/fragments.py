"""What a guide says about its questions, as HTML: the "About this question" folds of a page.

A published version never changes (`GuideVersion.save` refuses), and the folds are the
largest part of the section and "Choose your questions" pages: each is rendered once per
question and language, then kept in each worker's memory. The guide's sources and glossary
are read only when a fold has to be rendered, so a page whose folds are all kept reads
neither. A draft's (the advocates' preview) are always rendered.
"""

from functools import cached_property

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from checklist.glossary import Glossary
from checklist.models import GuideVersion, Question, Source


class Folds:
    """The folds of one page, for questions of `version`."""

    def __init__(self, version: GuideVersion) -> None:
        self.version = version

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.key: s for s in self.version.sources.all()}

    @cached_property
    def glossary(self) -> Glossary:
        return Glossary(self.version.glossary.all())

    def about(self, question: Question) -> SafeString:
        """The fold of `question`, for a page in the active language."""
        if not self.version.is_published:
            return mark_safe(self._render(question))  # noqa: S308
        key = f"about:{question.pk}:{get_language()}"
        html: str | None = caches["fragments"].get(key)
        if html is None:
            html = self._render(question)
            caches["fragments"].set(key, html, timeout=None)
        return mark_safe(html)  # noqa: S308 (rendered by our template, escaped there)

    def _render(self, question: Question) -> str:
        return render_to_string(
            "checklist/section.html#about",
            {
                "question": question,
                "sources": question.cited(self.sources),
                "glossary": self.glossary.for_item(question.pk),
                "guide_language": self.version.language,
            },
        )
