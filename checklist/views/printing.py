"""Printing: the options screen, a checklist's two printouts (as PDF, and as a web page for
the browser's own print), the blank guide and a guide's flyer. A PDF and its web page share
one printout object (printouts.py) and so one template.

A PDF is rendered by the background worker (tasks.py). Asked for one that is not ready, the
family gets a "Preparing your PDF" page that looks again by itself (htmx polling; without
JavaScript, a page that refreshes) until it offers the download. A PDF that is ready is sent
at once, and a browser that has it already gets 304.
"""

import re
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklist.access import (
    ChecklistRequest,
    HtmxHttpRequest,
    get_guide_for_owner,
    get_open_version,
    private_checklist,
)
from checklist.forms import PrintOptionsForm
from checklist.limits import over_limit, too_many
from checklist.models import GuideVersion, PaperSize, Visibility
from checklist.printouts import (
    ChecklistPrintout,
    Chosen,
    ComparePrintout,
    DraftPrintout,
    FlyerPrintout,
    GuidePrintout,
    PrintOptions,
    Printout,
    Rendered,
    State,
    paper_from_browser,
)
from checklist.qr import guide_link
from checklist.tasks import start_render

# The options screen's buttons: each saves the choices, then opens one printout.
OPEN_AFTER_SAVING = {
    "pdf": "checklist:pdf",
    "print": "checklist:print",
    "clinic_pdf": "checklist:clinic_pdf",
    "clinic_print": "checklist:clinic_print",
    "answers_pdf": "checklist:answers_pdf",
    "answers_print": "checklist:answers_print",
}

# What the print options screen calls each printout, so the "ready" page names the same one.
PRINTOUT_NAMES = {
    "mine": _("My questions and notes"),
    "clinic": _("Clinic copy"),
    "answers": _("Answers record"),
}

# A rendering asked for this long ago and still not done was lost (a worker restarted).
LOST_AFTER_SECONDS = 10 * 60
ETAG = re.compile(r"[0-9a-f]{64}")


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
@private_checklist
def print_options(request: ChecklistRequest, token: str) -> HttpResponse:
    """Choose how the printouts look, then open one. With JavaScript, each change saves at
    once; without it, the buttons save the choices and open the printout."""
    checklist = request.checklist
    initial = {} if checklist.paper_size else {"paper_size": paper_from_browser(request)}
    form = PrintOptionsForm(
        request.POST if request.method == "POST" else None, instance=checklist, initial=initial
    )
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save(commit=False).save(update_fields=[*form.saved_fields, "updated"])
        then = OPEN_AFTER_SAVING.get(request.POST.get("open", ""))
        if then and not request.htmx:
            return redirect(then, token=token)
        if not request.htmx:
            messages.success(request, _("Your choices are saved."))
            return redirect("checklist:print_options", token=token)
    if request.method == "GET":
        # Most families press Download a minute later: have the PDF ready by then.
        _prepare(request, _printout(request, token, "mine"))
    template = "checklist/print_options.html"
    if request.htmx:
        template += "#state"
    return render(
        request,
        template,
        {
            "checklist": checklist,
            "token": token,
            "form": form,
            "saved": saved,
            "chosen": Chosen.of(request, checklist),
        },
    )


def _printout(request: ChecklistRequest, token: str, kind: str) -> ChecklistPrintout:
    options = PrintOptions.chosen(request, request.checklist, token)
    clinic = request.checklist.clinic
    assert clinic is not None  # a checklist starts with a clinic and keeps one (models.py)
    return ChecklistPrintout(kind, request.checklist, options, clinic)


def _prepare(request: ChecklistRequest, printout: ChecklistPrintout) -> None:
    """Start rendering ahead of the family's click, within limits of its own."""
    if printout.rendered() is not None:
        return
    key = str(printout.checklist.pk)
    if not over_limit(request, "pdf_prefetch", key) and not over_limit(request, "pdf"):
        start_render(printout)


def _lost(printout: Printout) -> bool:
    rendered = printout.rendered()
    return rendered is None or (
        rendered.state == State.PENDING and time.time() - rendered.since > LOST_AFTER_SECONDS
    )


def _download(
    request: HtmxHttpRequest,
    printout: Printout,
    counted_by: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The printout's PDF if it is ready, else the page that waits for it.

    `?wait=<etag>` is the waiting page looking again: once the PDF is ready it offers the
    download rather than starting it, so the page does not stay on "Preparing" while the file
    arrives. While that rendering is known, nothing is worked out again: the page asks every
    two seconds, and a heavy checklist's ETag reads every answer. `?retry=1` renders again
    after a failure. A new rendering is counted against the client's address and against
    `counted_by` (the checklist).
    """
    waiting = request.GET.get("wait", "")
    rendered = printout.rendered(waiting) if ETAG.fullmatch(waiting) else None
    if rendered is not None:
        return _waiting_page(request, rendered, context)
    if not waiting:
        quoted = quote_etag(printout.etag)
        conditional = get_conditional_response(request, etag=quoted)
        if conditional is not None:
            conditional["ETag"] = quoted
            return conditional
    rendered = printout.rendered()
    retry = request.GET.get("retry") == "1" and rendered and rendered.state == State.FAILED
    if _lost(printout) or retry:
        if over_limit(request, "pdf") or over_limit(request, "pdf_checklist", counted_by):
            return too_many(request)
        start_render(printout)
        rendered = printout.rendered()  # done already when tasks run in the request (tests)
    assert rendered is not None
    if rendered.state == State.READY and not waiting:
        response = HttpResponse(rendered.body, content_type="application/pdf")
        response["ETag"] = quote_etag(printout.etag)
        response["Content-Disposition"] = f'attachment; filename="{printout.filename()}"'
        return response
    return _waiting_page(request, rendered, context)


def _waiting_page(
    request: HtmxHttpRequest, rendered: Rendered, context: dict[str, Any]
) -> HttpResponse:
    template = "checklist/pdf_wait.html"
    if request.htmx:
        template += "#state"
    return render(
        request,
        template,
        context
        | {
            "rendered": rendered,
            "state": rendered.state,
            "path": request.path,
            "max_pages": settings.ASKFIRST_PDF_MAX_PAGES,
        },
    )


@require_safe
@vary_on_headers("HX-Request")
@private_checklist
def pdf(request: ChecklistRequest, token: str, printout: str) -> HttpResponse:
    chosen = _printout(request, token, printout)
    page = {"mine": "print", "clinic": "clinic_print", "answers": "answers_print"}[printout]
    context = {
        "checklist": request.checklist,
        "token": token,
        "kind": printout,
        "printout_name": PRINTOUT_NAMES[printout],
        "options": chosen.options,
        "back": reverse("checklist:print_options", kwargs={"token": token}),
        "print_url": reverse(f"checklist:{page}", kwargs={"token": token}),
        "filename": chosen.filename(),
    }
    return _download(request, chosen, str(request.checklist.pk), context)


@require_safe
@vary_on_headers("HX-Request")
@private_checklist
def compare_pdf(request: ChecklistRequest, token: str) -> HttpResponse:
    chosen = _compare_printout(request, token)
    context = {
        "checklist": request.checklist,
        "token": token,
        "kind": "compare",
        "options": chosen.options,
        "back": reverse("checklist:compare", kwargs={"token": token}),
        "print_url": reverse("checklist:compare_print", kwargs={"token": token}),
        "filename": chosen.filename(),
    }
    return _download(request, chosen, str(request.checklist.pk), context)


@require_safe
@private_checklist
def compare_print(request: ChecklistRequest, token: str) -> HttpResponse:
    back = reverse("checklist:compare", kwargs={"token": token})
    printout = _compare_printout(request, token)
    return HttpResponse(printout.html(request=request, on_screen=back))


def _compare_printout(request: ChecklistRequest, token: str) -> ComparePrintout:
    return ComparePrintout(
        request.checklist, PrintOptions.chosen(request, request.checklist, token)
    )


# What a family may leave out when a printout is too long, shortest-making first.
SHORTER = {"notes": "print_notes", "why": "print_why", "large": "large_print"}


@require_POST
@private_checklist
def shorter(request: ChecklistRequest, token: str) -> HttpResponse:
    """Leave one thing out of the printouts (a printout was too long), then open it again."""
    field = SHORTER.get(request.POST.get("drop", ""))
    if field is not None:
        setattr(request.checklist, field, False)
        request.checklist.save(update_fields=[field, "updated"])
    then = "checklist:answers_pdf" if request.POST.get("kind") == "answers" else "checklist:pdf"
    return redirect(then, token=token)


@require_safe
@private_checklist
def print_page(request: ChecklistRequest, token: str, printout: str) -> HttpResponse:
    """The printout as a web page, from the PDF's own template, for the browser's print."""
    back = reverse("checklist:print_options", kwargs={"token": token})
    return HttpResponse(_printout(request, token, printout).html(request=request, on_screen=back))


@require_safe
@vary_on_headers("HX-Request")
def guide_pdf(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The whole guide on paper, with room to write: for families who prefer paper, and
    for advocates to hand out."""
    version = get_open_version(request, slug)
    printout = GuidePrintout(version, paper_from_browser(request))
    context = {
        "back": reverse("checklist:guide_page", kwargs={"slug": slug}),
        "print_url": reverse("checklist:guide_print", kwargs={"slug": slug}),
        "filename": printout.filename(),
    }
    response = _download(request, printout, f"guide:{version.pk}", context)
    _public_copy(response, version)
    return response


def _public_copy(response: HttpResponse, version: GuideVersion) -> None:
    """Anyone who may open the guide may keep a copy, but should ask again in case a newer
    version was published; a private guide's copy is for its owner's browser alone."""
    patch_cache_control(response, no_cache=True)
    if version.guide.visibility == Visibility.PRIVATE:
        patch_cache_control(response, private=True)


@require_safe
@vary_on_headers("HX-Request")
def flyer_pdf(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """One page to pin up or hand out, whose QR code opens the guide's family page: for
    whoever may open that page. `?paper=letter` or `a4`; else the browser's usual paper."""
    version = get_open_version(request, slug)
    printout = FlyerPrintout(version, _paper(request), guide_link(request, slug))
    context = {
        "back": reverse("checklist:guide_page", kwargs={"slug": slug}),
        "filename": printout.filename(),
    }
    response = _download(request, printout, f"flyer:{version.pk}", context)
    _public_copy(response, version)
    return response


@require_safe
@vary_on_headers("HX-Request")
@login_required
def preview_pdf(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The draft (without one, the latest version) as the blank guide prints it, or as a
    family's clinic copy (`?printout=clinic`), for its advocate to check before publishing.
    `?paper=letter` or `a4`, as the flyer."""
    guide = get_guide_for_owner(request, slug)
    draft = guide.draft()
    version = draft or guide.latest_published()
    if version is None:
        raise Http404
    clinic_copy = request.GET.get("printout") == "clinic"
    printout: Printout
    if draft is None and not clinic_copy:
        printout = GuidePrintout(version, _paper(request))
    else:
        printout = DraftPrintout(version, _paper(request), clinic_copy=clinic_copy)
    context = {
        "back": reverse("checklist:advocate_preview", kwargs={"slug": slug}),
        "filename": printout.filename(),
    }
    response = _download(request, printout, f"draft:{version.pk}", context)
    # Only its advocate may see a draft, and it changes: no copy kept on the way.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _paper(request: HttpRequest) -> str:
    """The paper asked for (`?paper=`), else the one usual where the browser's language is."""
    paper = request.GET.get("paper", "")
    return paper if paper in PaperSize.values else paper_from_browser(request)


@require_safe
def guide_print(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_open_version(request, slug)
    back = reverse("checklist:landing")
    printout = GuidePrintout(version, paper_from_browser(request))
    return HttpResponse(printout.html(request=request, on_screen=back))
