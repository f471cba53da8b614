"""Printing: the options screen, a checklist's two printouts (as PDF, and as a web page for
the browser's own print) and the blank guide. A PDF and its web page share one template."""

import itertools
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from checklist.forms import DetailsForm
from checklist.links import get_checklist, private
from checklist.models import (
    Answer,
    Checklist,
    GuideVersion,
    PaperSize,
    Question,
    Rating,
    Section,
)
from checklist.pdf import fingerprint, forget, pdf_response
from checklist.views.family import HtmxHttpRequest
from checklist.views.public import get_public_version

# Where US Letter is the usual paper; everywhere else prints on A4.
LETTER_REGIONS = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "PR", "SV", "NI"}
)


@dataclass(frozen=True)
class Printout:
    template: str
    file_suffix: str


PRINTOUTS = {
    "questions": Printout("checklist/print.html", ""),
    "answers": Printout("checklist/print_answers.html", "-answers"),
}

# All of an answer that a printout may show: a change to any of them makes a new PDF.
PRINTED_ANSWER_FIELDS = [
    "pk",
    "section_id",
    "question_id",
    "own_question",
    "starred",
    "response",
    "rating",
    "notes",
]

# The options screen's buttons: each saves the choices, then opens one printout.
OPEN_AFTER_SAVING = {
    "pdf": "checklist:pdf",
    "print": "checklist:print",
    "answers_pdf": "checklist:answers_pdf",
    "answers_print": "checklist:answers_print",
}


def paper_from_browser(request: HttpRequest) -> str:
    """Letter or A4, from the first country named in the browser's languages."""
    for entry in request.headers.get("Accept-Language", "").split(","):
        tag = entry.partition(";")[0].strip()
        regions = [s for s in tag.split("-")[1:] if len(s) == 2 and s.isalpha()]
        if regions:
            return PaperSize.LETTER if regions[0].upper() in LETTER_REGIONS else PaperSize.A4
    return PaperSize.A4


class PrintOptionsForm(forms.ModelForm[Checklist]):
    paper_size = forms.ChoiceField(
        label=_("Paper size"),
        choices=PaperSize.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "US Letter is the usual paper in the USA, Canada, Mexico and the Philippines. "
            "A4 is used almost everywhere else."
        ),
        error_messages={
            "required": _("Choose a paper size."),
            "invalid_choice": _("Choose A4 or US Letter."),
        },
    )
    large_print = forms.TypedChoiceField(
        label=_("Text size"),
        choices=[("False", _("Normal print")), ("True", _("Large print"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose normal or large print."),
            "invalid_choice": _("Choose normal or large print."),
        },
    )

    class Meta:
        model = Checklist
        fields = ["paper_size", "large_print", "print_why", "print_notes", "print_link_qr"]
        labels = {
            "print_why": _("Add why to ask and the warning signs"),
            "print_link_qr": _("Print a QR code that opens this checklist"),
        }
        help_texts = {
            "print_why": _("A few lines under each question. They make the paper longer."),
            "print_notes": _(
                "Off unless you turn it on. Anyone you give the paper to can read them, "
                "the clinic too."
            ),
            "print_link_qr": _(
                "Careful: anyone who holds the paper can scan the code, then open and change "
                "your checklist."
            ),
        }


@dataclass(frozen=True)
class PrintOptions:
    """What the family chose, as it applies to this download."""

    paper: str
    large: bool
    why: bool
    notes: bool
    link: str  # the private link, to print as a QR code; "" for none


def _options(request: HttpRequest, checklist: Checklist, token: str) -> PrintOptions:
    link = ""
    if checklist.print_link_qr:
        link = request.build_absolute_uri(reverse("checklist:overview", kwargs={"token": token}))
    return PrintOptions(
        paper=checklist.paper_size or paper_from_browser(request),
        large=checklist.large_print,
        why=checklist.print_why,
        notes=checklist.print_notes,
        link=link,
    )


@dataclass
class Item:
    """One question as printed, numbered in print order."""

    number: int
    text: str
    section: Section
    question: Question | None
    answer: Answer | None = None


def _chosen_answers(checklist: Checklist) -> list[Answer]:
    answers = checklist.answers.filter(included=True).select_related("question", "section")
    # Top priorities first, then by section: the order the family will ask in.
    return sorted(answers, key=lambda a: not a.starred)


def _by_section(items: list[Item]) -> list[tuple[Section, list[Item]]]:
    """Consecutive items grouped under their section."""
    return [(s, list(group)) for s, group in itertools.groupby(items, key=lambda i: i.section)]


def _qr_code(link: str) -> SafeString:
    # segno draws the SVG from our own link alone; no text the family typed goes into it.
    svg = segno.make(link, error="m").svg_inline(omitsize=True, border=4, dark="#000")
    return mark_safe(svg)  # noqa: S308


def _printout_context(
    checklist: Checklist, answers: list[Answer], options: PrintOptions
) -> dict[str, Any]:
    items = [Item(n, a.text, a.section, a.question, a) for n, a in enumerate(answers, start=1)]
    cited = {key for a in answers if a.question for key in a.question.source_keys}
    counts = Counter(a.rating for a in answers)
    return {
        "checklist": checklist,
        "version": checklist.version,
        "paper": options.paper,
        "large": options.large,
        "why": options.why,
        "notes": options.notes,
        "qr_code": _qr_code(options.link) if options.link else "",
        "priorities": [i for i in items if i.answer and i.answer.starred],
        "sections": _by_section([i for i in items if i.answer and not i.answer.starred]),
        "still_open": [i for i in items if i.answer and i.answer.rating != Rating.CLEAR],
        "counts": [(label, counts[value]) for value, label in Rating.choices],
        "sources": [s for s in checklist.version.sources.all() if s.key in cited],
    }


def _pdf_filename(checklist: Checklist, printout: Printout) -> str:
    parts = ["askfirst", slugify(checklist.clinic_name)[:40]]
    if checklist.appointment_date:
        parts.append(checklist.appointment_date.isoformat())
    return "-".join(p for p in parts if p) + printout.file_suffix + ".pdf"


@require_http_methods(["GET", "POST"])
@private
def print_options(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Choose how the printouts look, then open one. With JavaScript, each change saves at
    once; without it, the buttons save the choices and open the printout."""
    checklist = get_checklist(token)
    initial = {} if checklist.paper_size else {"paper_size": paper_from_browser(request)}
    form = PrintOptionsForm(
        request.POST if request.method == "POST" else None, instance=checklist, initial=initial
    )
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save(commit=False).save(update_fields=[*PrintOptionsForm.Meta.fields, "updated"])
        then = OPEN_AFTER_SAVING.get(request.POST.get("open", ""))
        if then and not request.htmx:
            return redirect(then, token=token)
        if not request.htmx:
            messages.success(request, _("Your choices are saved."))
            return redirect("checklist:print_options", token=token)
    template = "checklist/print_options.html"
    if request.htmx:
        template += "#state"
    return render(
        request,
        template,
        {"checklist": checklist, "token": token, "form": form, "saved": saved},
    )


def forget_checklist_pdfs(checklist: Checklist) -> None:
    forget(*(_cache_key(checklist, printout) for printout in PRINTOUTS))


def _cache_key(checklist: Checklist, printout: str) -> str:
    return f"checklist:{checklist.pk}:{printout}"


@require_GET
@private
def pdf(request: HttpRequest, token: str, printout: str) -> HttpResponse:
    checklist = get_checklist(token)
    answers = _chosen_answers(checklist)
    options = _options(request, checklist, token)
    chosen = PRINTOUTS[printout]
    return pdf_response(
        request,
        template=chosen.template,
        context=lambda: _printout_context(checklist, answers, options),
        etag=fingerprint(
            printout,
            asdict(options),
            checklist.version_id,
            [getattr(checklist, name) for name in DetailsForm.Meta.fields],
            [[getattr(a, name) for name in PRINTED_ANSWER_FIELDS] for a in answers],
        ),
        cache_key=_cache_key(checklist, printout),
        filename=_pdf_filename(checklist, chosen),
    )


@require_GET
@private
def print_page(request: HttpRequest, token: str, printout: str) -> HttpResponse:
    """The printout as a web page, from the PDF's own template, for the browser's print."""
    checklist = get_checklist(token)
    context = _printout_context(
        checklist, _chosen_answers(checklist), _options(request, checklist, token)
    )
    back = reverse("checklist:print_options", kwargs={"token": token})
    return render(request, PRINTOUTS[printout].template, context | {"on_screen": back})


def _guide_context(version: GuideVersion, paper: str) -> dict[str, Any]:
    questions = version.questions.select_related("section")
    items = [Item(n, q.text, q.section, q) for n, q in enumerate(questions, start=1)]
    return {
        "version": version,
        "paper": paper,
        "why": True,
        "sections": _by_section(items),
        "sources": list(version.sources.all()),
    }


@require_GET
def guide_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole guide on paper, with room to write: for families who prefer paper, and
    for advocates to hand out."""
    version = get_public_version(slug, request.user)
    paper = paper_from_browser(request)
    response = pdf_response(
        request,
        template="checklist/print_guide.html",
        context=lambda: _guide_context(version, paper),
        etag=fingerprint("guide", version.pk, version.content_hash, paper),
        cache_key=f"guide:{version.pk}:{paper}:{get_language()}",
        filename=f"askfirst-{version.guide.slug}.pdf",
    )
    # Anyone may keep a copy, but should ask again in case a newer version was published.
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def guide_print(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_public_version(slug, request.user)
    back = reverse("checklist:landing")
    context = _guide_context(version, paper_from_browser(request))
    return render(request, "checklist/print_guide.html", context | {"on_screen": back})
