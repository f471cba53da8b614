"""Reading level of guide text, measured with textstat 0.7.4 (works offline).

The bar for the built-in guide is a Flesch-Kincaid grade of 8.0 or lower, for every
question block (see `question_text`) and for every single text of 12 or more words.
"""

import warnings
from collections.abc import Mapping
from typing import Any

with warnings.catch_warnings():
    # textstat 0.7.4 imports pkg_resources, which warns on every start; setuptools<81 is
    # pinned so it keeps working (pyproject.toml says why this version).
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import textstat  # type: ignore[import-untyped, unused-ignore]

GRADE_BAR = 8.0

QUESTION_FIELDS = ("text", "why", "clear_answer", "warning_signs")


def grade(text: str, language: str = "en") -> float:
    """Return the Flesch-Kincaid grade of `text`.

    `language` is the guide's language tag ("en", "es", "pt-BR", ...). It picks the
    hyphenation dictionary textstat uses to count syllables. For every language the
    number is the Flesch-Kincaid grade formula; it is only calibrated for English.
    Raises ValueError if textstat has no dictionary for the language.
    """
    try:
        textstat.set_lang(language.replace("-", "_"))
    except KeyError:
        raise ValueError(f"textstat cannot measure text in language {language!r}") from None
    return float(textstat.flesch_kincaid_grade(text))


def question_text(q: Mapping[str, Any]) -> str:
    """Join a question's text, why, clear answer and warning signs (the "question block")."""
    parts = (str(q.get(field, "")).strip() for field in QUESTION_FIELDS)
    return " ".join(part for part in parts if part)
