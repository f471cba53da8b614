"""A guide's glossary, found in its texts: the words a parent meets, explained where they
appear.

On screen, the first use of a term in a text is a button that opens its definition in place
(the HTML popover attribute: no JavaScript; a browser without popovers shows the definition
inline). On paper, a printout lists the terms its texts use.
"""

import copy
import re
from collections.abc import Iterable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from checklist.models import GlossaryTerm


class Glossary:
    """The terms of one guide version, for one page: each popover on it gets its own id."""

    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        forms = [(form, term) for term in terms for form in [term.term, *term.also] if form]
        # Longest first, so that "cord blood bank" wins over "cord blood".
        forms.sort(key=lambda pair: -len(pair[0]))
        self._by_form = {form.casefold(): term for form, term in forms}
        alternatives = "|".join(re.escape(form) for form, _term in forms)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if forms else None
        self._popovers = 0
        self._prefix = "term"

    def for_item(self, key: object) -> "Glossary":
        """This glossary for one item's texts: their popovers' ids are the item's own, so the
        item's HTML is the same on every page it appears on."""
        item = copy.copy(self)
        item._popovers, item._prefix = 0, f"term-{key}"
        return item

    def found(self, *texts: str) -> list[GlossaryTerm]:
        """The terms these texts use, each once, in the order they first appear."""
        used: dict[str, GlossaryTerm] = {}
        for text in texts:
            for match in self._matches(text):
                term = self._by_form[match.group(0).casefold()]
                used.setdefault(term.key, term)
        return list(used.values())

    def mark(self, text: str) -> SafeString:
        """`text`, escaped, with the first use of each term made a button that opens its
        definition."""
        parts: list[str] = []
        done: set[str] = set()
        end = 0
        for match in self._matches(text):
            term = self._by_form[match.group(0).casefold()]
            if term.key in done:
                continue
            done.add(term.key)
            self._popovers += 1
            popover = f"{self._prefix}-{self._popovers}"
            parts.append(conditional_escape(text[end : match.start()]))
            parts.append(
                format_html(
                    '<button type="button" class="term" popovertarget="{}">{}</button>'
                    '<span class="definition" id="{}" popover><strong>{}</strong>: {}</span>',
                    popover,
                    match.group(0),
                    popover,
                    term.term,
                    term.definition,
                )
            )
            end = match.end()
        parts.append(conditional_escape(text[end:]))
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)

    def _matches(self, text: str) -> Iterable[re.Match[str]]:
        return self._pattern.finditer(text) if self._pattern and text else ()
