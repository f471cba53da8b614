"""How easy a guide's text is to read, with a formula made for its language, measured with
textstat 0.7.4 (works offline).

- English: the Flesch-Kincaid grade (US school years); the bar is grade 8.0 or lower.
- Spanish: the Szigriszt-Pazos perspicuity index on the INFLESZ scale (0-100, higher is
  easier; 55-65 "normal", 65-80 "fairly easy"); the bar is 55 or more.
- Any other language: not measured. A formula made for English gives nonsense elsewhere (a
  four-word Spanish sentence came out "grade 19"), so the editor says so instead.

The built-in guides meet the bar for every question block (see `question_text`) and every
single text of 12 or more words (tests/test_builtin_guide_content.py).
"""

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

with warnings.catch_warnings():
    # textstat 0.7.4 imports pkg_resources, which warns on every start; setuptools<81 is
    # pinned so it keeps working (pyproject.toml says why this version).
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import textstat  # type: ignore[import-untyped, unused-ignore]

GRADE_BAR = 8.0
INFLESZ_BAR = 55.0

QUESTION_FIELDS = ("text", "why", "clear_answer", "warning_signs")

# The INFLESZ scale's words for a Szigriszt-Pazos score, from its lower bound.
INFLESZ_WORDS = [
    (80, _("very easy")),
    (65, _("fairly easy")),
    (55, _("normal")),
    (40, _("somewhat hard")),
    (0, _("very hard")),
]


@dataclass(frozen=True)
class Level:
    """A text's measured reading level: `score` on `scale`, and whether it misses the bar."""

    scale: str  # "grade" (Flesch-Kincaid) or "inflesz" (Szigriszt-Pazos)
    score: float
    hard: bool

    @property
    def shown(self) -> int:
        """The score as the editor shows it: whole, and a grade never below 0."""
        return max(0, round(self.score))

    @property
    def words(self) -> str:
        """The INFLESZ scale's word for the score."""
        return str(next(word for low, word in INFLESZ_WORDS if self.score >= low))


def measure(text: str, language: str) -> Level | None:
    """The reading level of `text` in `language` (a tag: "en", "es-MX"), or None for a
    language no formula here is made for."""
    match language.lower().split("-")[0]:
        case "en":
            textstat.set_lang("en")
            score = float(textstat.flesch_kincaid_grade(text))
            return Level("grade", score, score > GRADE_BAR)
        case "es":
            textstat.set_lang("es")
            score = float(textstat.szigriszt_pazos(text))
            return Level("inflesz", score, score < INFLESZ_BAR)
        case _:
            return None


def question_text(q: Mapping[str, Any]) -> str:
    """Join a question's text, why, clear answer and warning signs (the "question block")."""
    parts = (str(q.get(field, "")).strip() for field in QUESTION_FIELDS)
    return " ".join(part for part in parts if part)
