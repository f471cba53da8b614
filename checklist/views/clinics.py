"""A family's clinics: add one, switch between them, and compare what each answered."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from checklist.access import ChecklistRequest, private_checklist
from checklist.compare import Rate, compare
from checklist.forms import ClinicForm
from checklist.limits import over_limit
from checklist.models import Checklist, Clinic
from checklist.printouts import Chosen

# Enough for any family's round of consultations; each clinic copies every answer row.
MAX_CLINICS = 10


def _get_clinic(checklist: Checklist, position: int) -> Clinic:
    return get_object_or_404(Clinic, checklist=checklist, position=position)


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def clinics(request: ChecklistRequest, token: str) -> HttpResponse:
    """The family's clinics, and "Add another clinic" (POST)."""
    checklist = request.checklist
    all_clinics = list(checklist.clinics.all())
    full = len(all_clinics) >= MAX_CLINICS
    form = ClinicForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not full and form.is_valid():
        if over_limit(request, "create"):
            form.add_error(
                None, _("Too many were added from your network just now. Please wait a minute.")
            )
        else:
            checklist.add_clinic(form.instance)
            messages.success(
                request,
                _(
                    "%(clinic)s is added, with the same questions. Its answers are its own: "
                    "the pages you fill in now are for it."
                )
                % {"clinic": form.instance.label},
            )
            return redirect("checklist:clinics", token=token)
    return render(
        request,
        "checklist/clinics.html",
        {
            "checklist": checklist,
            "token": token,
            "clinics": all_clinics,
            "form": form,
            "full": full,
            "chosen": Chosen.of(request, checklist),
        },
    )


@require_POST
@private_checklist
def use_clinic(request: ChecklistRequest, token: str, position: int) -> HttpResponse:
    """Show and print this clinic's answers from now on; back to the page the family was on."""
    checklist = request.checklist
    checklist.clinic = _get_clinic(checklist, position)
    checklist.save(update_fields=["clinic", "updated"])
    back = request.POST.get("next", "")
    own_pages = reverse("checklist:overview", kwargs={"token": token})
    if not (
        back.startswith(own_pages)
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = own_pages
    return redirect(back)


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def remove_clinic(request: ChecklistRequest, token: str, position: int) -> HttpResponse:
    """Remove a clinic and its answers, after the family confirms; never the last one."""
    checklist = request.checklist
    clinic = _get_clinic(checklist, position)
    if checklist.clinics.count() < 2:
        raise Http404
    if request.method == "POST":
        checklist.remove_clinic(clinic)
        messages.success(
            request, _("%(clinic)s and its answers are removed.") % {"clinic": clinic.label}
        )
        return redirect("checklist:clinics", token=token)
    return render(
        request,
        "checklist/remove_clinic.html",
        {"checklist": checklist, "token": token, "clinic": clinic},
    )


@require_safe
@private_checklist
def compare_page(request: ChecklistRequest, token: str) -> HttpResponse:
    """Each clinic's answers to the family's questions, side by side (a two-column table per
    question, clinic and what it said, so it fits a phone); `?from=&to=&rate=` is a rate the
    family typed to see every total in one currency."""
    checklist = request.checklist
    comparison = compare(checklist)
    rate = Rate.typed(
        request.GET.get("from", ""), request.GET.get("to", ""), request.GET.get("rate", "")
    )
    return render(
        request,
        "checklist/compare.html",
        {
            "checklist": checklist,
            "token": token,
            "comparison": comparison,
            "rate": rate,
            "rate_typed": any(request.GET.get(k) for k in ("from", "to", "rate")),
            "totals": [(s, s.total_in(rate)) for s in comparison.summaries],
            "chosen": Chosen.of(request, checklist),
        },
    )
