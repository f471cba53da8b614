"""What each of a family's clinics answered to the same questions, side by side: for the
compare page and its printout. Never a score or a ranking: the family and their child's own
doctor judge the answers, AskFirst only puts them next to each other."""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise

from checklist.costs import Quote
from checklist.models import Answer, Checklist, Clinic, Rating, Section
from checklist.registries import Registration

# The states the counts give, in this order; "answered, not rated yet" counts apart.
COUNTED = [Rating.CLEAR, Rating.PARTLY, Rating.VAGUE, Rating.REFUSED, Rating.LATER]


@dataclass
class Row:
    """One chosen question, with each clinic's answer to it (in the clinics' order)."""

    text: str
    section: Section
    starred: bool
    answers: list[Answer]


@dataclass
class ClinicSummary:
    clinic: Clinic
    counts: list[tuple[Promise, int]]
    not_asked: int
    answered_not_rated: int
    still_open: list[str]
    # The same, by their numbers in the comparison ("Question by question" on paper).
    still_open_numbers: list[int]
    warnings_heard: list[str]
    quotes: list[Quote] = field(default_factory=list)
    trials: list[Registration] = field(default_factory=list)

    def total_in(self, rate: "Rate | None") -> Decimal | None:
        """Every price this clinic named, in the rate's target currency; None when a price
        is in a currency the rate does not convert."""
        if rate is None:
            return None
        total = Decimal(0)
        for quote in self.quotes:
            if quote.currency == rate.to:
                total += quote.total
            elif quote.currency == rate.from_:
                total += quote.total * rate.value
            elif quote.amounts:
                return None
        return total.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Rate:
    """A rate the family typed (from their bank, say): 1 `from_` is `value` of `to`."""

    from_: str
    to: str
    value: Decimal

    @classmethod
    def typed(cls, from_: str, to: str, value: str) -> "Rate | None":
        from_, to = from_.strip().upper(), to.strip().upper()
        if not (len(from_) == len(to) == 3 and from_.isascii() and from_.isalpha()):
            return None
        if not (to.isascii() and to.isalpha()) or from_ == to:
            return None
        # Figures only: Decimal() also reads "1_000", "1e9" and digits of other scripts.
        if not re.fullmatch(r"[0-9]{1,9}([.,][0-9]{1,9})?", value.strip()):
            return None
        number = Decimal(value.strip().replace(",", "."))
        if not Decimal("0.000001") <= number <= Decimal(1_000_000):
            return None
        return cls(from_, to, number)


@dataclass
class Comparison:
    clinics: list[Clinic]
    rows: list[Row]
    summaries: list[ClinicSummary]

    @property
    def currencies(self) -> list[str]:
        """The currencies the clinics' prices are in, as typed."""
        found = {q.currency for s in self.summaries for q in s.quotes if q.amounts}
        return sorted(c for c in found if c)


def compare(checklist: Checklist) -> Comparison:
    clinics = list(checklist.clinics.all())
    answers = list(
        checklist.answers.select_related("question", "section", "clinic").order_by(
            "section__position", "position", "clinic__position"
        )
    )
    by_key: dict[tuple[str, object], dict[int, Answer]] = {}
    for answer in answers:
        if answer.question is None or not answer.question.is_family_item:
            by_key.setdefault(answer.item_key, {})[answer.clinic_id] = answer
    rows = []
    for twins in by_key.values():
        first = next(iter(twins.values()))
        if first.included and len(twins) == len(clinics):
            ordered = [twins[c.pk] for c in clinics]
            rows.append(Row(first.text, first.section, first.starred, ordered))
    rows.sort(key=lambda r: not r.starred)
    return Comparison(clinics, rows, [_summary(c, n, rows) for n, c in enumerate(clinics)])


def _summary(clinic: Clinic, n: int, rows: list[Row]) -> ClinicSummary:
    mine = [row.answers[n] for row in rows]
    counts = Counter(a.rating for a in mine)
    quotes = [q for a in mine if (q := a.quote) is not None]
    trials = list(itertools.chain.from_iterable(a.trial_numbers or [] for a in mine))
    return ClinicSummary(
        clinic=clinic,
        counts=[(rating.label, counts[rating]) for rating in COUNTED],
        not_asked=counts[Rating.NOT_ASKED],
        answered_not_rated=counts[Rating.ANSWERED],
        still_open=[a.text for a in mine if a.rating != Rating.CLEAR],
        still_open_numbers=[n for n, a in enumerate(mine, start=1) if a.rating != Rating.CLEAR],
        warnings_heard=[a.text for a in mine if a.warning_heard],
        quotes=quotes,
        trials=trials,
    )
