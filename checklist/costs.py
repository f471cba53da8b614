"""What a clinic says the treatment costs, written down part by part, so a family sees the
total named so far and what the clinic has not said a price for yet.

Amounts are typed as families write them ("12,000", "12.000,50", "$ 9 500"). No currency is
converted: AskFirst has no network to ask for rates, and a wrong rate would be worse than none.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What a price may or may not cover, in the order a clinic's quote usually goes.
PARTS: list[tuple[str, Promise]] = [
    ("treatment", _("The treatment itself")),
    ("cells", _("Collecting and making the cells")),
    ("travel", _("Travel")),
    ("stay", _("Stay")),
    ("follow_up", _("Follow-up visits and tests")),
    ("complications", _("Care if something goes wrong")),
]
LARGEST = Decimal("9999999999.99")
# Spaces, apostrophes (1'000, also typographic) and currency signs are left out of an amount.
_SYMBOLS = re.compile("[\\s'\u2019$\u20ac\u00a3\u00a5\u20b9]")


def parse_amount(typed: str) -> Decimal | None:
    """The amount a family typed, or None when it is not an amount in figures.

    Of "." and ",", the one that comes last is the decimal point when both are there; when
    only one is there, it groups thousands if exactly three digits follow each time it comes
    ("12,000", "1.500.000"), and is the decimal point otherwise ("12,5")."""
    text = _SYMBOLS.sub("", typed)
    if not re.fullmatch(r"\d[\d.,]*", text) or text[-1] in ".,":
        return None
    marks = [c for c in text if c in ".,"]
    if len(set(marks)) == 2:
        decimal_mark = text[max(text.rfind("."), text.rfind(","))]
        grouping = "," if decimal_mark == "." else "."
        whole, _sep, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole or not _grouped(whole, grouping):
            return None
        text = whole.replace(grouping, "") + "." + fraction
    elif marks:
        mark = marks[0]
        if _grouped(text, mark):
            text = text.replace(mark, "")
        elif len(marks) == 1:
            text = text.replace(mark, ".")
        else:
            return None
    try:
        amount = Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return amount if amount <= LARGEST else None


def _grouped(text: str, mark: str) -> bool:
    """Whether `mark` groups the digits of `text` by thousands, or as in India by lakhs and
    crores ("1,50,000"), or is not in it."""
    if mark not in text:
        return True
    m = re.escape(mark)
    thousands = rf"[1-9]\d{{0,2}}({m}\d{{3}})+"
    indian = rf"[1-9]\d?({m}\d{{2}})+{m}\d{{3}}"
    return re.fullmatch(thousands, text) is not None or re.fullmatch(indian, text) is not None


@dataclass
class Quote:
    """The costs written down for one clinic's answer."""

    currency: str
    amounts: dict[str, Decimal]  # part: amount, only the parts with a price

    @classmethod
    def from_stored(cls, stored: dict[str, object]) -> "Quote":
        amounts = stored.get("amounts") or {}
        assert isinstance(amounts, dict)
        return cls(str(stored.get("currency") or ""), {k: Decimal(v) for k, v in amounts.items()})

    def stored(self) -> dict[str, object]:
        return {"currency": self.currency, "amounts": {k: str(v) for k, v in self.amounts.items()}}

    def as_fields(self) -> dict[str, str]:
        """As the section page's fields show it: amounts without ".00"."""
        amounts = {
            f"cost_{part}": f"{self.amounts[part]:f}".removesuffix(".00")
            if part in self.amounts
            else ""
            for part, _label in PARTS
        }
        return {"cost_currency": self.currency} | amounts

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))

    @property
    def named(self) -> list[tuple[Promise, Decimal]]:
        return [(label, self.amounts[part]) for part, label in PARTS if part in self.amounts]

    @property
    def not_named(self) -> list[Promise]:
        return [label for part, label in PARTS if part not in self.amounts]
