"""Validators for plain text: shared by the models, the forms and the guide exchange format."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Guide text is plain text: anything that looks like an HTML tag, comment or entity is refused.
# A plain "<" before a space or a digit ("< 5", "<3 years") is fine.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


# Control characters (C0, DEL, C1) and lone surrogates. They are invisible; PostgreSQL refuses
# NUL, and a lone surrogate ("\ud800" in a JSON file) cannot be written as UTF-8 at all.
# Multi-line text keeps tab, line feed and carriage return (a browser's textarea sends CRLF).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Single-line text (keys, slugs, titles, language tags, names) also has no tab and no line
# break of any kind: str.splitlines() also breaks at U+2028 and U+2029.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def check_text(value: str, *, multiline: bool) -> None:
    """The one check of what characters text may hold: on the model fields, the forms and
    the guide exchange format alike."""
    if (_NOT_TEXT if multiline else _NOT_ONE_LINE).search(value):
        if multiline or _NOT_TEXT.search(value):
            message = _("Please remove the invisible control characters from this text.")
            raise ValidationError(message, code="control")
        raise ValidationError(_("Please write this on one line."), code="line_break")


def multi_line(value: str) -> None:
    check_text(value, multiline=True)


def single_line(value: str) -> None:
    check_text(value, multiline=False)


def no_markup(value: str) -> None:
    if MARKUP.search(value):
        raise ValidationError(_("Please write plain text, without HTML tags."), code="markup")


def plausible_date(value: datetime.date) -> None:
    # A typo in the year (0202, 20266) would print a date nobody meant.
    if not datetime.date(2000, 1, 1) <= value <= datetime.date(2100, 12, 31):
        raise ValidationError(_("Enter a date between the years 2000 and 2100."), code="range")
