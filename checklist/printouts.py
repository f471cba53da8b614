"""The printouts: one object per printout, which knows its template, file name, cache key,
ETag and context, and where its PDF is kept. The worker (tasks.py) renders it to PDF; the
print pages show its HTML.

- `ChecklistPrintout`: a family's "My questions and notes", the clinic copy ("Our
  questions") or the "Answers record". Its PDF is kept
  in the shared cache for an hour, and dropped when the checklist is deleted or its link
  rotated.
- `GuidePrintout`: the blank guide, for families who prefer paper and for advocates. A
  published version never changes, so its PDF is kept in the database for good.
- `FlyerPrintout`: a guide's one-page flyer with its QR code. Kept in the shared cache like a
  checklist's PDF: one page is quick to render again.

A printout's fingerprint (its ETag, and the check on its stored PDF) is a hash of everything
that shapes it, worked out from the data alone, so a repeat download renders nothing.
A printout also has a `ref`: what the worker needs to build the same printout again, with no
private text and no private link in it (task arguments are stored in the database).
"""

import hashlib
import itertools
import json
import math
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Self

import weasyprint
from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from checklist import published
from checklist.compare import Comparison, compare
from checklist.glossary import Glossary
from checklist.guide_format import export_version
from checklist.models import (
    Answer,
    Checklist,
    Clinic,
    GuidePdf,
    GuideVersion,
    PaperSize,
    Question,
    Rating,
    ReviewComment,
    Section,
    Source,
    SourceKind,
)
from checklist.qr import qr_svg
from checklist.templatetags.languages import spoken

# Where US Letter is the usual paper; everywhere else prints on A4.
LETTER_REGIONS = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "PR", "SV", "NI"}
)

# Everything in these shapes the printouts: a change to any of them makes new PDFs.
PRINT_FILES = ["templates/checklist/print*.html", "static/css/print.css", "static/fonts/**/*"]

# The PDF settings (pdf.py) are part of every fingerprint too.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

# Long enough for the downloads around one visit; short, because a deleted checklist's last
# PDF stays in the cache until then.
CACHE_SECONDS = 60 * 60

# The details a checklist's printouts show (DetailsForm's and ClinicForm's fields): a change
# makes a new PDF.
PRINTED_DETAILS = ["child_name", "child_age"]
PRINTED_CLINIC_DETAILS = ["position", "name", "city", "country", "appointment_date", "attendees"]
# All of an answer that a printout may show: a change to any of them makes a new PDF.
PRINTED_ANSWER_FIELDS = [
    "done",
    "pk",
    "section_id",
    "question_id",
    "own_question",
    "starred",
    "response",
    "rating",
    "warning_heard",
    "costs",
    "notes",
]


def paper_from_browser(request: HttpRequest) -> str:
    """Letter or A4, from the first country named in the browser's languages."""
    for entry in request.headers.get("Accept-Language", "").split(","):
        tag = entry.partition(";")[0].strip()
        # ASCII letters only: a long s (U+017F) upper-cases to "S", so "en-u\u017f" is no US.
        regions = [s for s in tag.split("-")[1:] if re.fullmatch("[A-Za-z]{2}", s)]
        if regions:
            return PaperSize.LETTER if regions[0].upper() in LETTER_REGIONS else PaperSize.A4
    return PaperSize.A4


def paper_for(request: HttpRequest, checklist: Checklist) -> str:
    """The paper a checklist prints on: the family's choice, else the browser's country's."""
    return checklist.paper_size or paper_from_browser(request)


@cache
def _print_files_hash() -> str:
    digest = hashlib.sha256(weasyprint.__version__.encode())
    base = Path(settings.BASE_DIR)
    for pattern in PRINT_FILES:
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: object) -> str:
    """A hash of what a printout shows (`parts`: the data and the print options), the print
    templates, stylesheet and fonts, and the language. Equal fingerprints, equal PDFs."""
    data = json.dumps([_print_files_hash(), PDF_OPTIONS, get_language(), *parts], default=str)
    return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Item:
    """One question as printed, numbered in print order, with the keys of the sources it
    rests on and apart from them, of the clinics' claims it checks; `second`: the question
    in a second language, printed beneath it."""

    number: int
    text: str
    section: Section
    question: Question | None
    answer: Answer | None = None
    sources: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    second: str = ""
    second_section: str = ""


def _items(
    entries: Sequence[tuple[str, Section, Question | None, Answer | None]], sources: list[Source]
) -> list[Item]:
    """Numbered items from (text, section, question, answer), sources sorted by kind."""
    claim = {s.key for s in sources if s.kind == SourceKind.CLAIM}
    items = []
    for n, (text, section, question, answer) in enumerate(entries, start=1):
        keys = question.source_keys if question else []
        cited = [k for k in keys if k not in claim]
        claims = [k for k in keys if k in claim]
        items.append(Item(n, text, section, question, answer, cited, claims))
    return items


def _reading_context(items: list[Item], version: GuideVersion, why: bool) -> dict[str, Any]:
    """The sources and claims the printed items cite, and, when the guidance is printed, the
    glossary terms its texts use."""
    sources = list(version.sources.all())
    cited = {key for item in items for key in [*item.sources, *item.claims]}
    texts = []
    for item in items:
        if item.question and why:
            q = item.question
            texts += [item.text, q.why, q.clear_answer, q.warning_signs, q.clinic_claim]
    return {
        "sources": [s for s in sources if s.key in cited and s.kind != SourceKind.CLAIM],
        "claims": [s for s in sources if s.key in cited and s.kind == SourceKind.CLAIM],
        "terms": Glossary(version.glossary.all()).found(*texts) if texts else [],
    }


def _by_section(items: list[Item]) -> list[tuple[Section, list[Item]]]:
    """Consecutive items grouped under their section."""
    return [(s, list(group)) for s, group in itertools.groupby(items, key=lambda i: i.section)]


class State(StrEnum):
    PENDING = "pending"  # queued or rendering
    READY = "ready"
    TOO_LONG = "too_long"  # more pages than ASKFIRST_PDF_MAX_PAGES: not rendered
    FAILED = "failed"  # an error, or past ASKFIRST_PDF_SECONDS


@dataclass
class Rendered:
    """Where the PDF of one printout stands."""

    etag: str
    state: State
    body: bytes = b""
    pages: int = 0
    since: float = field(default_factory=time.time)


class Printout:
    """What every printout knows. Subclasses set `template` and the methods that raise."""

    template: str

    def filename(self) -> str:
        raise NotImplementedError

    def cache_key(self) -> str:
        """Names what the PDF is of: only its latest PDF is kept, so old ones never pile up."""
        raise NotImplementedError

    def shown(self) -> list[object]:
        """Everything of the data and the options that the printout shows."""
        raise NotImplementedError

    def context(self) -> dict[str, Any]:
        raise NotImplementedError

    def ref(self) -> dict[str, Any]:
        """What the worker needs to build this printout again (see the module docstring)."""
        raise NotImplementedError

    @cached_property
    def etag(self) -> str:
        return fingerprint(*self.shown())

    def html(self, request: HttpRequest | None = None, **extra: Any) -> str:
        return render_to_string(self.template, self.context() | extra, request=request)

    def rendered(self, etag: str = "") -> Rendered | None:
        """Where this printout's PDF stands, if anything was asked for it as it is now (or
        as it was when its ETag was `etag`, which spares working the ETag out again)."""
        found = django_cache.get(_pdf_cache_key(self.cache_key()))
        if isinstance(found, Rendered) and found.etag == (etag or self.etag):
            return found
        return None

    def keep(self, rendered: Rendered) -> None:
        django_cache.set(_pdf_cache_key(self.cache_key()), rendered, CACHE_SECONDS)


def _pdf_cache_key(key: str) -> str:
    return f"askfirst:pdf:{key}"


def _link_cache_key(checklist: Checklist) -> str:
    return f"askfirst:pdf-link:{checklist.pk}"


@dataclass(frozen=True)
class PrintOptions:
    """What the family chose, as it applies to this download."""

    paper: str
    large: bool
    why: bool
    notes: bool
    names: bool  # the clinic's name in the file name and the PDF's title
    comments: bool  # reviewers' comments on the answers record
    link: str  # the private link, to print as a QR code; "" for none
    # The clinic copy and the answers record in another language of the guide ("" for the
    # guide's own), alone or beneath the guide's own (`both`).
    clinic_language: str = ""
    both: bool = False

    @classmethod
    def chosen(cls, request: HttpRequest, checklist: Checklist, token: str) -> "PrintOptions":
        link = ""
        if checklist.print_link_qr:
            url = reverse("checklist:overview", kwargs={"token": token})
            link = request.build_absolute_uri(url)
        return cls(
            paper=paper_for(request, checklist),
            large=checklist.large_print,
            why=checklist.print_why,
            notes=checklist.print_notes,
            names=checklist.print_names,
            comments=checklist.print_comments,
            link=link,
            clinic_language=checklist.clinic_language,
            both=checklist.print_both_languages,
        )


@dataclass
class ChecklistPrintout(Printout):
    """A family's printout for one of its clinics: "mine" (My questions and notes), the
    "clinic" copy (the questions alone, to hand across the desk), or the "answers" record
    after the visit. Only that clinic's answers are in it."""

    kind: str
    checklist: Checklist
    options: PrintOptions
    clinic: Clinic
    template: str = field(init=False)

    KINDS = {
        "mine": ("checklist/print.html", ""),
        "clinic": ("checklist/print.html", "-clinic-copy"),
        "answers": ("checklist/print_answers.html", "-answers"),
    }

    def __post_init__(self) -> None:
        self.template = self.KINDS[self.kind][0]

    @cached_property
    def translation(self) -> GuideVersion | None:
        """The guide in the clinic's language, for the clinic copy and the answers record
        when the family chose one (None if that translation is no longer offered)."""
        wanted = self.options.clinic_language
        if self.kind == "mine" or not wanted:
            return None
        return next(
            (v for v in self.checklist.version.translations() if v.language == wanted), None
        )

    @property
    def language(self) -> str:
        """The language of AskFirst's own words on this paper, where AskFirst speaks it: on a
        copy in the clinic's language, the one its questions are printed in first (the
        translation's, or the guide's own with the translation beneath); else the page's."""
        if self.translation is None:
            return get_language()
        first = self.checklist.version if self.options.both else self.translation
        return spoken(first.language) or get_language()

    def html(self, request: HttpRequest | None = None, **extra: Any) -> str:
        with translation.override(self.language):
            return super().html(request, **extra)

    @cached_property
    def _all_answers(self) -> list[Answer]:
        return published.answers(
            self.checklist.answers.filter(clinic=self.clinic), self.checklist.version
        )

    @cached_property
    def comments(self) -> list[ReviewComment]:
        """Reviewers' comments, for the answers record when the family chose to print them."""
        if self.kind != "answers" or not self.options.comments:
            return []
        found = ReviewComment.objects.filter(link__checklist=self.checklist)
        return list(found.select_related("answer", "link"))

    @cached_property
    def answers(self) -> list[Answer]:
        """The questions the family will ask: top priorities first, then by section."""
        asked = [
            a
            for a in self._all_answers
            if a.included and not (a.question and a.question.is_family_item)
        ]
        return sorted(asked, key=lambda a: not a.starred)

    @cached_property
    def family_answers(self) -> list[Answer]:
        """The items for the family itself, in the guide's order: never for the clinic."""
        return [a for a in self._all_answers if a.question and a.question.is_family_item]

    def filename(self) -> str:
        # Names stay out of file names (a download folder, a shared phone) unless chosen.
        clinic = self.clinic
        parts = ["askfirst", slugify(clinic.name)[:40] if self.options.names else ""]
        if clinic.appointment_date:
            parts.append(clinic.appointment_date.isoformat())
        return "-".join(p for p in parts if p) + self.KINDS[self.kind][1] + ".pdf"

    def cache_key(self) -> str:
        return checklist_cache_key(self.checklist, f"{self.kind}:{self.clinic.pk}")

    def shown(self) -> list[object]:
        return [
            self.kind,
            asdict(self.options),
            self.checklist.version_id,
            self.translation.pk if self.translation else None,
            [getattr(self.checklist, name) for name in PRINTED_DETAILS],
            [getattr(self.clinic, name) for name in PRINTED_CLINIC_DETAILS],
            [
                [getattr(a, name) for name in PRINTED_ANSWER_FIELDS]
                for a in [*self.answers, *self.family_answers]
            ],
            [[c.pk, c.answer_id, c.name, c.text, c.link.reviewer] for c in self.comments],
        ]

    HEADINGS = {
        "mine": _("My questions and notes"),
        "clinic": _("Our questions"),
        "answers": _("Answers record"),
    }

    def context(self) -> dict[str, Any]:
        answers, options, version = self.answers, self.options, self.checklist.version
        sources = list(version.sources.all())
        by_item: dict[tuple[str, object], list[ReviewComment]] = {}
        for comment in self.comments:
            if comment.answer is not None:
                by_item.setdefault(comment.answer.item_key, []).append(comment)
        for answer in answers:
            answer.comments = by_item.get(answer.item_key, [])
        items = _items([(a.text, a.section, a.question, a) for a in answers], sources)
        family = [(a.text, a.section, a.question, a) for a in self.family_answers]
        counts = Counter(a.rating for a in answers)
        # The clinic's copy: the questions alone. Nothing the family keeps for themselves
        # (guidance, warning signs, notes, their link) goes across the desk.
        clinic_copy = self.kind == "clinic"
        text_language, second_language = version.language, ""
        if self.translation is not None:
            self._in_other_language(items)
            if self.options.both:
                second_language = self.translation.language
            else:
                text_language = self.translation.language
        shown_version = self.translation if text_language != version.language else version
        return {
            "checklist": self.checklist,
            "clinic": self.clinic,
            "version": shown_version,
            "text_language": text_language,
            "second_language": second_language,
            # The clinic's language, for AskFirst's own words beneath the family's.
            "second_ui_language": spoken(second_language),
            "heading": self.HEADINGS[self.kind],
            "clinic_copy": clinic_copy,
            "names_in_title": options.names,
            "paper": options.paper,
            "large": options.large,
            "why": options.why and not clinic_copy,
            "notes": options.notes and not clinic_copy,
            "qr_code": qr_svg(options.link) if options.link and not clinic_copy else "",
            "priorities": [i for i in items if i.answer and i.answer.starred],
            "sections": _by_section([i for i in items if i.answer and not i.answer.starred]),
            "family_items": _items(family, sources),
            "still_open": [i for i in items if i.answer and i.answer.rating != Rating.CLEAR],
            "warnings_heard": [i for i in items if i.answer and i.answer.warning_heard],
            "overall_comments": [c for c in self.comments if c.answer is None],
            "counts": [(label, counts[value]) for value, label in Rating.choices],
        } | _reading_context(items, version, options.why and not clinic_copy)

    def _in_other_language(self, items: list[Item]) -> None:
        """Each guide question of `items` in the translation's words (by its key): beneath
        the family's (`both`), or instead of them; questions the family wrote stay as typed."""
        assert self.translation is not None
        questions = {q.key: q for q in self.translation.questions.all()}
        sections = {s.key: s for s in self.translation.sections.all()}
        for item in items:
            other = questions.get(item.question.key) if item.question else None
            if other is None:
                continue
            if self.options.both:
                item.second = other.text
                other_section = sections.get(item.section.key)
                item.second_section = other_section.title if other_section else ""
            else:
                item.text = other.text
                item.section = sections.get(item.section.key, item.section)

    def ref(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist.pk,
            "clinic": self.clinic.pk,
            "kind": self.kind,
            "options": asdict(self.options) | {"link": ""},
            "qr": bool(self.options.link),
            "etag": self.etag,
            "language": get_language(),
        }

    def keep_link(self) -> None:
        """The private link for the QR code, kept where the worker can read it but not in the
        database, whose copies must open nobody's checklist."""
        if self.options.link:
            django_cache.set(_link_cache_key(self.checklist), self.options.link, CACHE_SECONDS)

    @classmethod
    def from_ref(cls, ref: dict[str, Any]) -> Self:
        """The printout the ref names; Checklist.DoesNotExist if it was deleted meanwhile."""
        checklist = Checklist.objects.select_related("version__guide").get(pk=ref["checklist"])
        clinic = checklist.clinics.get(pk=ref["clinic"])
        link = django_cache.get(_link_cache_key(checklist), "") if ref["qr"] else ""
        return cls(ref["kind"], checklist, PrintOptions(**ref["options"] | {"link": link}), clinic)


@dataclass
class ComparePrintout(Printout):
    """Every clinic's answers side by side, to take to the child's own doctor."""

    checklist: Checklist
    options: PrintOptions
    template: str = "checklist/print_compare.html"

    @cached_property
    def comparison(self) -> Comparison:
        return compare(self.checklist)

    def filename(self) -> str:
        return "askfirst-compare.pdf"

    def cache_key(self) -> str:
        return checklist_cache_key(self.checklist, "compare")

    def shown(self) -> list[object]:
        return [
            "compare",
            self.options.paper,
            self.options.large,
            self.checklist.version_id,
            [getattr(self.checklist, name) for name in PRINTED_DETAILS],
            [[getattr(c, n) for n in PRINTED_CLINIC_DETAILS] for c in self.comparison.clinics],
            [
                [
                    row.text,
                    row.starred,
                    [[getattr(a, n) for n in PRINTED_ANSWER_FIELDS] for a in row.answers],
                ]
                for row in self.comparison.rows
            ],
        ]

    def context(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "version": self.checklist.version,
            "text_language": self.checklist.version.language,
            "comparison": self.comparison,
            "heading": _("What each clinic answered"),
            "paper": self.options.paper,
            "large": self.options.large,
        }

    def ref(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist.pk,
            "kind": "compare",
            "options": asdict(self.options) | {"link": ""},
            "etag": self.etag,
            "language": get_language(),
        }

    @classmethod
    def from_ref(cls, ref: dict[str, Any]) -> Self:
        checklist = Checklist.objects.select_related("version__guide").get(pk=ref["checklist"])
        return cls(checklist, PrintOptions(**ref["options"]))


def checklist_cache_key(checklist: Checklist, kind: str) -> str:
    return f"checklist:{checklist.pk}:{kind}"


def forget_pdfs(checklist: Checklist) -> None:
    """Drop a checklist's stored PDFs, and the link its QR code carried: it was deleted, or
    got a new link."""
    clinics = list(checklist.clinics.values_list("pk", flat=True))
    kinds = [f"{kind}:{clinic}" for kind in ChecklistPrintout.KINDS for clinic in clinics]
    keys = [_pdf_cache_key(checklist_cache_key(checklist, kind)) for kind in [*kinds, "compare"]]
    django_cache.delete_many([*keys, _link_cache_key(checklist)])


@dataclass
class GuidePrintout(Printout):
    """The whole guide on paper, with room to write."""

    version: GuideVersion
    paper: str
    template: str = "checklist/print_guide.html"

    def filename(self) -> str:
        return f"askfirst-{self.version.guide.slug}.pdf"

    def cache_key(self) -> str:
        return f"guide:{self.version.pk}:{self.paper}:{get_language()}"

    def shown(self) -> list[object]:
        return ["guide", self.version.pk, self.version.content_hash, self.paper]

    def ref(self) -> dict[str, Any]:
        return {
            "version": self.version.pk,
            "paper": self.paper,
            "etag": self.etag,
            "language": get_language(),
        }

    @classmethod
    def from_ref(cls, ref: dict[str, Any]) -> Self:
        version = GuideVersion.objects.select_related("guide").get(pk=ref["version"])
        return cls(version, ref["paper"])

    def rendered(self, etag: str = "") -> Rendered | None:
        """Kept for good once rendered (or found too long); pending and failed states live
        in the cache like a checklist's."""
        etag = etag or self.etag
        row = GuidePdf.objects.filter(
            version=self.version, paper=self.paper, language=get_language(), etag=etag
        ).first()
        if row is not None:
            return Rendered(etag, State(row.state), bytes(row.body), row.pages)
        return super().rendered(etag)

    def keep(self, rendered: Rendered) -> None:
        if rendered.state not in (State.READY, State.TOO_LONG):
            super().keep(rendered)
            return
        GuidePdf.objects.update_or_create(
            version=self.version,
            paper=self.paper,
            language=get_language(),
            defaults={
                "etag": self.etag,
                "state": rendered.state,
                "body": rendered.body,
                "pages": rendered.pages,
            },
        )
        django_cache.delete(_pdf_cache_key(self.cache_key()))

    def context(self) -> dict[str, Any]:
        questions = self.version.questions.select_related("section")
        sources = list(self.version.sources.all())
        items = _items([(q.text, q.section, q, None) for q in questions], sources)
        return {
            "version": self.version,
            "text_language": self.version.language,
            "paper": self.paper,
            "why": True,
            "sections": _by_section(items),
        } | _reading_context(items, self.version, why=True)


@dataclass
class FlyerPrintout(Printout):
    """One page for a noticeboard or a waiting room: the guide's title, who wrote it, what it
    helps with, and a QR code of its family page. `link` is that page's full address: public,
    so the worker may be given it."""

    version: GuideVersion
    paper: str
    link: str
    template: str = "checklist/print_flyer.html"

    def filename(self) -> str:
        return f"askfirst-{self.version.guide.slug}-flyer.pdf"

    def cache_key(self) -> str:
        return f"flyer:{self.version.pk}:{self.paper}:{get_language()}"

    def shown(self) -> list[object]:
        return ["flyer", self.version.pk, self.version.content_hash, self.paper, self.link]

    def ref(self) -> dict[str, Any]:
        return {
            "kind": "flyer",
            "version": self.version.pk,
            "paper": self.paper,
            "link": self.link,
            "etag": self.etag,
            "language": get_language(),
        }

    @classmethod
    def from_ref(cls, ref: dict[str, Any]) -> Self:
        version = GuideVersion.objects.select_related("guide").get(pk=ref["version"])
        return cls(version, ref["paper"], ref["link"])

    def context(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "text_language": self.version.language,
            "paper": self.paper,
            "link": self.link,
            "qr_code": qr_svg(self.link),
        }


@dataclass
class DraftPrintout(GuidePrintout):
    """A draft on paper, for its advocate to check before publishing: as the blank guide
    prints it, or as a family's clinic copy (`clinic_copy`: the questions for the clinic
    alone, with room to write). A draft still changes, so its fingerprint holds its whole
    content, and its PDF is kept in the cache like a checklist's, never for good."""

    clinic_copy: bool = False

    def filename(self) -> str:
        kind = "clinic-copy" if self.clinic_copy else "draft"
        return f"askfirst-{self.version.guide.slug}-{kind}-{self.version.number}.pdf"

    def cache_key(self) -> str:
        return f"draft:{self.version.pk}:{self.clinic_copy}:{self.paper}:{get_language()}"

    def shown(self) -> list[object]:
        data = export_version(self.version)
        return ["draft", self.version.pk, data, self.paper, self.clinic_copy]

    def ref(self) -> dict[str, Any]:
        return super().ref() | {"kind": "draft", "clinic_copy": self.clinic_copy}

    @classmethod
    def from_ref(cls, ref: dict[str, Any]) -> Self:
        version = GuideVersion.objects.select_related("guide").get(pk=ref["version"])
        return cls(version, ref["paper"], clinic_copy=ref["clinic_copy"])

    def context(self) -> dict[str, Any]:
        context = super().context()
        if self.clinic_copy:
            asked = [
                (section, [i for i in items if not i.question.is_family_item])
                for section, items in context["sections"]
            ]
            context |= {
                "why": False,
                "clinic_copy": True,
                "sections": [(section, items) for section, items in asked if items],
            }
        return context

    # Kept like a checklist's PDF, not in GuidePdf for good as a published version's is.
    rendered = Printout.rendered
    keep = Printout.keep


def printout_from_ref(ref: dict[str, Any]) -> Printout:
    if ref.get("kind") == "draft":
        return DraftPrintout.from_ref(ref)
    if ref.get("kind") == "compare":
        return ComparePrintout.from_ref(ref)
    if ref.get("kind") == "flyer":
        return FlyerPrintout.from_ref(ref)
    if "checklist" in ref:
        return ChecklistPrintout.from_ref(ref)
    return GuidePrintout.from_ref(ref)


# "My questions and notes" at normal print with the default options, by paper: the room the
# sheet's header and end take, in questions, and the questions a page holds. Fitted to the
# built-in guide's real sheets of 3 to 52 questions (the core ones first, then the guide's
# order): exact on A4 (1 page up to 6 questions, 2 up to 14, 3 up to 22...); Letter fills
# less evenly and is never under, one page over at 6 and 46 questions. tests/test_pdf.py
# checks the estimate against real PDFs. About two minutes to ask a question and hear the
# answer.
PAGE_FIT: dict[str, tuple[float, float]] = {PaperSize.A4: (2, 8), PaperSize.LETTER: (2.8, 7.85)}
MINUTES_PER_QUESTION = 2


@dataclass(frozen=True)
class Chosen:
    """What the family has chosen so far, as every family screen says it."""

    questions: int
    paper: str = PaperSize.A4

    @classmethod
    def of(cls, request: HttpRequest, checklist: Checklist) -> "Chosen":
        return cls(checklist.chosen_count(), paper_for(request, checklist))

    @property
    def pages(self) -> int:
        besides, per_page = PAGE_FIT[self.paper]
        return max(1, math.ceil((self.questions + besides) / per_page))

    @property
    def minutes(self) -> int:
        # Rounded to 5 minutes: an estimate should not look precise.
        return max(5, 5 * round(self.questions * MINUTES_PER_QUESTION / 5))
