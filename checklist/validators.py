"""Validators for plain text: shared by the models, the forms and the guide exchange format."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Guide text is plain text: anything that looks like an HTML tag, comment or entity is refused.
# A plain "<" before a space or a digit ("< 5", "<3 years") is fine.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def no_markup(value: str) -> None:
    if MARKUP.search(value):
        raise ValidationError(_("Please write plain text, without HTML tags."), code="markup")


def plausible_date(value: datetime.date) -> None:
    # A typo in the year (0202, 20266) would print a date nobody meant.
    if not datetime.date(2000, 1, 1) <= value <= datetime.date(2100, 12, 31):
        raise ValidationError(_("Enter a date between the years 2000 and 2100."), code="range")
