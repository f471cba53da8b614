"""The private link and what hangs off it: export, rotate, delete, "My checklists"."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language

from checklist import device
from checklist.access import ChecklistRequest, no_store, private_checklist
from checklist.forms import ClinicForm, DetailsForm
from checklist.models import Answer, Checklist
from checklist.printouts import forget_pdfs


@require_safe
@private_checklist
def export(request: ChecklistRequest, token: str) -> HttpResponse:
    """Everything the family entered, as JSON."""
    checklist = request.checklist
    version = checklist.version
    answers = list(checklist.answers.select_related("question", "section"))
    data = {
        "guide": {"slug": version.guide.slug, "version": version.number, "title": version.title},
        "details": {field: getattr(checklist, field) for field in DetailsForm.Meta.fields},
        # JsonResponse writes an appointment date as YYYY-MM-DD.
        "clinics": [
            {field: getattr(clinic, field) for field in ClinicForm.Meta.fields}
            | {"answers": [_exported(a) for a in answers if a.clinic_id == clinic.pk]}
            for clinic in checklist.clinics.all()
        ],
        "review_links": [
            {
                "reviewer": link.reviewer,
                "created": link.created.isoformat(),
                "expires": link.expires.isoformat(),
                "shut": link.revoked.isoformat() if link.revoked else None,
                "comments": [
                    {
                        "name": c.name,
                        "question": c.answer.text if c.answer else None,
                        "comment": c.text,
                        "created": c.created.isoformat(),
                    }
                    for c in link.comments.select_related("answer__question")
                ],
            }
            for link in checklist.review_links.all()
        ],
        "created": checklist.created.isoformat(),
        "updated": checklist.updated.isoformat(),
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="askfirst-checklist.json"'
    return response


def _exported(a: Answer) -> dict[str, Any]:
    return {
        "section": a.section.title,
        "question_key": a.question.key if a.question else None,
        "question": a.text,
        "own_question": a.is_own,
        "included": a.included,
        "top_priority": a.starred,
        "clinic_answer": a.response,
        "rating": a.rating,
        "warning_sign_heard": a.warning_heard,
        **({"costs": a.costs} if a.costs else {}),
        "done": a.done,
        "notes": a.notes,
        "updated": a.updated.isoformat(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def rotate_link(request: ChecklistRequest, token: str) -> HttpResponse:
    """Asks first (GET), then gives the checklist a new link (POST): the old one stops
    working on every device that has it."""
    checklist = request.checklist
    if request.method != "POST":
        return render(request, "checklist/rotate.html", {"checklist": checklist, "token": token})
    new = checklist.rotate_link()
    forget_pdfs(checklist)  # a printed QR code would carry the old link
    response = redirect("checklist:overview", token=new)
    device.replace(request, response, token, new)
    messages.success(
        request, _("This is your new private link. The old link no longer opens this checklist.")
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def delete(request: ChecklistRequest, token: str) -> HttpResponse:
    """Asks first (GET), then deletes the checklist with everything in it (POST)."""
    checklist = request.checklist
    if request.method == "POST":
        forget_pdfs(checklist)
        checklist.delete()
        response = redirect("checklist:landing")
        device.forget(request, response, token)
        messages.success(request, _("The checklist and everything in it are deleted for good."))
        return response
    return render(request, "checklist/delete.html", {"checklist": checklist, "token": token})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    tokens = device.tokens(request)
    rows = Checklist.objects.held(tokens)
    response = render(request, "checklist/mine.html", {"rows": rows})
    if len(rows) < len(tokens):
        # Links that were rotated or deleted elsewhere no longer open anything.
        device.store(response, [token for token, _checklist in rows])
    no_store(response)  # it links to every private link this device has
    return response


@require_POST
def forget_device(request: HttpRequest) -> HttpResponse:
    response = redirect("checklist:mine")
    device.forget(request, response)
    messages.success(
        request, _("This device no longer lists your checklists. Their links still work.")
    )
    return response


@require_POST
@private_checklist
def language(request: ChecklistRequest, token: str) -> HttpResponse:
    """The language switch on a checklist's pages: this device (Django's own cookie) and the
    checklist, so the partner's phone opens it in the family's language too."""
    response = set_language(request)
    chosen = request.POST.get("language", "")
    if chosen in dict(settings.LANGUAGES):
        request.checklist.language = chosen
        request.checklist.save(update_fields=["language", "updated"])
    return response
