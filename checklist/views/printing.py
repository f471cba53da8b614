"""Printing: the options screen, a checklist's two printouts (as PDF, and as a web page for
the browser's own print) and the blank guide. A PDF and its web page share one printout
object (printouts.py) and so one template."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from checklist.access import ChecklistRequest, get_open_version, private_checklist
from checklist.forms import PrintOptionsForm
from checklist.pdf import pdf_response
from checklist.printouts import ChecklistPrintout, GuidePrintout, PrintOptions, paper_from_browser

# The options screen's buttons: each saves the choices, then opens one printout.
OPEN_AFTER_SAVING = {
    "pdf": "checklist:pdf",
    "print": "checklist:print",
    "answers_pdf": "checklist:answers_pdf",
    "answers_print": "checklist:answers_print",
}


@require_http_methods(["GET", "POST"])
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


def _printout(request: ChecklistRequest, token: str, kind: str) -> ChecklistPrintout:
    options = PrintOptions.chosen(request, request.checklist, token)
    return ChecklistPrintout(kind, request.checklist, options)


@require_safe
@private_checklist
def pdf(request: ChecklistRequest, token: str, printout: str) -> HttpResponse:
    return pdf_response(request, _printout(request, token, printout))


@require_safe
@private_checklist
def print_page(request: ChecklistRequest, token: str, printout: str) -> HttpResponse:
    """The printout as a web page, from the PDF's own template, for the browser's print."""
    back = reverse("checklist:print_options", kwargs={"token": token})
    return HttpResponse(_printout(request, token, printout).html(request=request, on_screen=back))


@require_safe
def guide_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole guide on paper, with room to write: for families who prefer paper, and
    for advocates to hand out."""
    version = get_open_version(request, slug)
    response = pdf_response(request, GuidePrintout(version, paper_from_browser(request)))
    # Anyone may keep a copy, but should ask again in case a newer version was published.
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
def guide_print(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_open_version(request, slug)
    back = reverse("checklist:landing")
    printout = GuidePrintout(version, paper_from_browser(request))
    return HttpResponse(printout.html(request=request, on_screen=back))
