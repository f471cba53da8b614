"""Trial registration numbers in what a clinic answered: which registry each belongs to,
whether it has that registry's form, and where the family can look it up themselves.

Nothing here goes to the network. A number in the right form is only a number in the right
form: the family checks on the WHO's trial search portal that the trial exists, that this
clinic runs it and that it is the treatment they were offered. A number in the wrong form is
shown as such, never dropped: the clinic may have made a typo, or made it up.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

# The WHO International Clinical Trials Registry Platform shows a trial of any registry in
# its network by its number.
WHO_TRIAL_PAGE = "https://trialsearch.who.int/Trial2.aspx?TrialID={}"


@dataclass(frozen=True)
class Registry:
    name: str
    prefix: str  # as the registry writes it
    form: re.Pattern[str]  # the whole number, prefix included
    example: str


REGISTRIES = [
    Registry("ClinicalTrials.gov", "NCT", re.compile(r"NCT\d{8}"), "NCT01234567"),
    Registry("ISRCTN", "ISRCTN", re.compile(r"ISRCTN\d{8}"), "ISRCTN12345678"),
    Registry("ANZCTR", "ACTRN", re.compile(r"ACTRN\d{14}"), "ACTRN12611000123456"),
    Registry(
        "ChiCTR",
        "ChiCTR",
        re.compile(r"ChiCTR(\d{10}|-[A-Z]{2,4}-\d{8})"),
        "ChiCTR2000029953",
    ),
    Registry("CTRI", "CTRI", re.compile(r"CTRI/\d{4}/\d{2,3}/\d{6}"), "CTRI/2020/05/025013"),
    Registry("jRCT", "jRCT", re.compile(r"jRCT([a-z]\d{9}|\d{10})"), "jRCT2031200001"),
    Registry("UMIN-CTR", "UMIN", re.compile(r"UMIN\d{9}"), "UMIN000012345"),
    Registry("DRKS", "DRKS", re.compile(r"DRKS\d{8}"), "DRKS00012345"),
    Registry("CRiS", "KCT", re.compile(r"KCT\d{7}"), "KCT0001234"),
    Registry("IRCT", "IRCT", re.compile(r"IRCT\d{10,14}N\d{1,3}"), "IRCT20200405046953N1"),
    Registry("PACTR", "PACTR", re.compile(r"PACTR\d{15}"), "PACTR201905466349317"),
    Registry("ReBEC", "RBR-", re.compile(r"RBR-[0-9a-z]{6,8}"), "RBR-3t8rhm"),
    Registry("TCTR", "TCTR", re.compile(r"TCTR\d{11}"), "TCTR20200404004"),
    Registry("SLCTR", "SLCTR", re.compile(r"SLCTR/\d{4}/\d{3}"), "SLCTR/2020/012"),
    Registry("RPCEC", "RPCEC", re.compile(r"RPCEC\d{8}"), "RPCEC00000300"),
    Registry("LBCTR", "LBCTR", re.compile(r"LBCTR\d{10}"), "LBCTR2020043495"),
]
# The European registries number trials by year, without a prefix: EudraCT (to 2022) and
# CTIS, the EU's register since 2023 (one more group of two digits).
EUDRACT = Registry("EudraCT", "", re.compile(r"\d{4}-\d{6}-\d{2}"), "2004-000001-37")
CTIS = Registry("EU CTIS", "", re.compile(r"\d{4}-\d{6}-\d{2}-\d{2}"), "2023-503412-12-00")

_BY_PREFIX = {r.prefix.upper().rstrip("-"): r for r in REGISTRIES}
# A prefix as a family may type it (any case, a space or hyphen before the digits), then
# the rest of the number as far as it goes (after a space, digits alone: "LBCTR NCT0..." and
# "ISRCTN 2004-000001-37" are two words); or a European number.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"(?P<prefix>" + "|".join(sorted(_BY_PREFIX, key=len, reverse=True)) + r")"
    r"(?P<rest>\s\d+(?![/-])|[A-Za-z0-9/-]*[A-Za-z0-9])?"
    r"|(?P<european>\d{4}-\d{5,7}-\d{2}(?:-\d{2})?)"
    r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Registration:
    number: str  # as the registry writes it, or as typed when it is not in its form
    registry: Registry
    well_formed: bool

    @property
    def url(self) -> str:
        return WHO_TRIAL_PAGE.format(quote(self.number, safe=""))


def _as_written(registry: Registry, rest: str) -> str:
    """The registry's own spelling: its prefix, then the rest without a space or hyphen a
    family may type after it (old Chinese numbers keep theirs: ChiCTR-TRC-12002345), in the
    registry's case."""
    rest = rest.lstrip()
    if not (registry.prefix == "ChiCTR" and re.match(r"-[A-Za-z]", rest)):
        rest = rest.removeprefix("-").lstrip()
    return registry.prefix + (rest.lower() if registry.prefix in ("RBR-", "jRCT") else rest.upper())


def find(text: str) -> list[Registration]:
    """Every trial number in `text`, in order, each once."""
    found: dict[str, Registration] = {}
    for match in _CANDIDATE.finditer(text):
        if match.group("european"):
            number = match.group("european")
            registry = CTIS if number.count("-") == 3 else EUDRACT
        elif any(c.isdigit() for c in match.group("rest") or ""):
            registry = _BY_PREFIX[match.group("prefix").upper()]
            number = _as_written(registry, match.group("rest"))
        else:
            continue  # "the NCT number": a word, not a number
        well_formed = registry.form.fullmatch(number) is not None
        found.setdefault(number, Registration(number, registry, well_formed))
    return list(found.values())
