"""The family's screens: start, the sections, autosave, review."""

import re
import secrets
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from checklist import device, published, upgrade
from checklist.access import (
    ChecklistRequest,
    get_builtin_version,
    get_open_version,
    private_checklist,
)
from checklist.forms import AnswerForm, ChoiceForm, ClinicForm, DetailsForm, OwnQuestionForm
from checklist.fragments import Folds
from checklist.limits import over_limit
from checklist.models import (
    MAX_OWN_QUESTIONS,
    Answer,
    Checklist,
    ItemKind,
    Rating,
    ReviewComment,
    Section,
)
from checklist.printouts import Chosen, paper_for
from checklist.templatetags.languages import spoken

# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
DIGITS = re.compile(r"[0-9]{1,18}")


def _get_section(checklist: Checklist, number: int) -> tuple[Section, list[Section]]:
    sections = published.sections(checklist.version)
    if not 1 <= number <= len(sections):
        raise Http404
    return sections[number - 1], sections


def _section_answers(checklist: Checklist, section: Section) -> list[Answer]:
    return published.answers(checklist.current_answers().filter(section=section), checklist.version)


def _get_answer(checklist: Checklist, answer_id: int) -> Answer:
    return get_object_or_404(
        Answer.objects.select_related("question", "section"), checklist=checklist, pk=answer_id
    )


def _new_questions(checklist: Checklist) -> int | None:
    """How many questions a newer version of the guide would add; None if there is none."""
    newer = upgrade.newer_version(checklist)
    return upgrade.new_question_count(checklist, newer) if newer else None


def _with_errors(*forms: BaseForm) -> list[BaseForm]:
    """The bound forms with errors, for the summary at the top of a page."""
    return [form for form in forms if form.is_bound and form.errors]


@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    version = get_open_version(request, slug) if slug else get_builtin_version(request)
    if version is None:
        raise Http404
    form = DetailsForm(request.POST if request.method == "POST" else None)
    clinic_form = ClinicForm(request.POST if request.method == "POST" else None)
    valid = request.method == "POST" and all([form.is_valid(), clinic_form.is_valid()])
    context = {
        "form": form,
        "clinic_form": clinic_form,
        "forms_with_errors": _with_errors(form, clinic_form),
        "version": version,
    }
    if valid and over_limit(request, "create"):
        # Shown on the same form, so that nothing the family typed is lost.
        form.add_error(
            None,
            _(
                "Too many checklists were started from your network just now. "
                "Please wait a few minutes and press Start again."
            ),
        )
        return render(request, "checklist/start.html", context, status=429)
    if valid:
        form.instance.version = version
        # A family starting from a guide in a language AskFirst speaks gets its pages in it.
        form.instance.language = spoken(version.language) or get_language()
        token = Checklist.objects.start(form.instance, clinic_form.instance)
        response = redirect("checklist:choose", token=token)
        device.remember(request, response, token)
        messages.success(
            request,
            _(
                "Your checklist is ready and saves as you go. It has a private link: find it "
                "under “Your checklist” to open it on another device."
            ),
        )
        return response
    return render(request, "checklist/start.html", context)


@require_safe
@private_checklist
def overview(request: ChecklistRequest, token: str) -> HttpResponse:
    checklist = request.checklist
    return render(
        request,
        "checklist/overview.html",
        {
            "checklist": checklist,
            "token": token,
            "sections": published.sections(checklist.version),
            "stale_months": settings.ASKFIRST_STALE_MONTHS,
            "new_questions": _new_questions(checklist),
            "chosen": Chosen.of(request, checklist),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def details(request: ChecklistRequest, token: str) -> HttpResponse:
    checklist = request.checklist
    data = request.POST if request.method == "POST" else None
    form = DetailsForm(data, instance=checklist)
    clinic_form = ClinicForm(data, instance=checklist.clinic)
    if request.method == "POST" and all([form.is_valid(), clinic_form.is_valid()]):
        form.save()
        clinic_form.save()
        return redirect("checklist:overview", token=token)
    return render(
        request,
        "checklist/details.html",
        {
            "form": form,
            "clinic_form": clinic_form,
            "forms_with_errors": _with_errors(form, clinic_form),
            "checklist": checklist,
            "token": token,
        },
    )


@dataclass
class Row:
    """One question on a section page: its form, and any conflict to show."""

    form: AnswerForm
    conflict: Answer | None = None


def _rows(
    answers: list[Answer], data: QueryDict, conflicts: dict[int, Answer] | None = None
) -> list[Row]:
    # One id for this render of the page, so its own saves never conflict with each other.
    page_render = secrets.token_hex(8)
    conflicts = conflicts or {}
    rows = []
    for answer in answers:
        # An answer added since the page was sent (another device) has nothing in this POST.
        bound = f"a{answer.pk}-revision" in data
        form = AnswerForm(
            data if bound else None,
            answer=answer,
            initial={"revision": answer.revision, "page_render": page_render},
        )
        rows.append(Row(form, conflicts.get(answer.pk)))
    return rows


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def section(request: ChecklistRequest, token: str, number: int) -> HttpResponse:
    """One section of questions. With JavaScript each question saves itself as the family
    types (see `autosave`); without it, or when they press Back or Next, this POST saves
    every question on the page at once."""
    checklist = request.checklist
    current, sections = _get_section(checklist, number)
    answers = _section_answers(checklist, current)
    chosen, own = checklist.question_counts()
    full = own >= MAX_OWN_QUESTIONS
    own_form = OwnQuestionForm(request.POST if request.method == "POST" else None, full=full)
    rows = _rows(answers, request.POST)
    conflicts: dict[int, Answer] = {}
    forms = [row.form for row in rows if row.form.is_bound]
    if request.method == "POST" and all([f.is_valid() for f in [*forms, own_form]]):
        for form in forms:
            result = form.save_answer()
            if result.conflict:
                conflicts[result.answer.pk] = result.answer
        own_text = own_form.cleaned_data["own_question"]
        if own_text and checklist.add_own_question(current, own_text) is None:
            # Another tab added the last one the checklist may hold since this page was sent.
            own_form = OwnQuestionForm(request.POST, full=True)
        elif not conflicts:
            return _after_section_post(token, number, len(sections), request.POST.get("go", ""))
        else:
            own_form = OwnQuestionForm(full=full)
        # Show the family both versions (and the question that found no room); what they
        # typed stays in the boxes.
        answers = _section_answers(checklist, current)
        rows = _rows(answers, request.POST, conflicts)
        chosen = checklist.chosen_count()  # the saves may have changed it
    return render(
        request,
        "checklist/section.html",
        {
            "checklist": checklist,
            "token": token,
            "section": current,
            "number": number,
            "total": len(sections),
            "rows": rows,
            "own_form": own_form,
            "forms_with_errors": _with_errors(*(row.form for row in rows), own_form),
            "new_questions": _new_questions(checklist),
            "folds": Folds(checklist.version),
            "for_you_only": all(a.question and a.question.is_family_item for a in answers),
            # Opened by "Change" on the review: the way back is the first button, and leads
            # back to the question changed.
            "from_review": request.GET.get("back") == "review",
            "review_at": at if DIGITS.fullmatch(at := request.GET.get("at", "")) else "",
            "chosen": Chosen(chosen, paper_for(request, checklist)),
            "page_form": "section-form",
        },
    )


def _after_section_post(token: str, number: int, total: int, go: str) -> HttpResponse:
    if go == "review":
        return redirect("checklist:review", token=token)
    if at := re.fullmatch(rf"review-({DIGITS.pattern})", go):
        url = reverse("checklist:review", kwargs={"token": token})
        return HttpResponseRedirect(f"{url}#a{at[1]}")
    if go == "next":
        if number == total:
            return redirect("checklist:review", token=token)
        return redirect("checklist:section", token=token, number=number + 1)
    if go == "back":
        if number == 1:
            return redirect("checklist:overview", token=token)
        return redirect("checklist:section", token=token, number=number - 1)
    if delete := re.fullmatch(rf"delete-({DIGITS.pattern})", go):
        return redirect("checklist:delete_question", token=token, answer_id=int(delete[1]))
    url = reverse("checklist:section", kwargs={"token": token, "number": number})
    return HttpResponseRedirect(url + "#own")


@require_POST
@vary_on_headers("HX-Request")
@private_checklist
def autosave(request: ChecklistRequest, token: str, answer_id: int) -> HttpResponse:
    """Save one question (htmx, on every change). Answers with its save state."""
    answer = _get_answer(request.checklist, answer_id)
    was_included = answer.included
    form = AnswerForm(request.POST, answer=answer)
    saved = form.is_valid()
    conflict = None
    if saved:
        result = form.save_answer()
        answer = result.answer
        if result.conflict:
            saved, conflict = False, answer
    if not request.htmx:
        # Without JavaScript the section page sends all its questions at once; a plain POST
        # here still saves, then goes back to the question.
        url = reverse(
            "checklist:section",
            kwargs={"token": token, "number": _section_number(request.checklist, answer)},
        )
        return HttpResponseRedirect(f"{url}#a{answer.pk}")
    return render(
        request,
        "checklist/section.html#save-state",
        {
            "row": Row(form, conflict),
            # The page's next save starts from the revision stored now.
            "revision": answer.revision if saved else None,
            "saved": saved,
            "oob": True,
            # The rating the family sees, when the save set it ("Answered").
            "rated": answer.rating
            if saved
            and "rating" in form.fields
            and request.POST.get(f"{form.prefix}-rating") != answer.rating
            else "",
            # The count of chosen questions, when this save changed it.
            "chosen": Chosen.of(request, request.checklist)
            if answer.included != was_included
            else None,
            "page_form": "section-form",
            "token": token,
        },
    )


def _section_number(checklist: Checklist, answer: Answer) -> int:
    """The number of the answer's section page (sections may have gaps in positions)."""
    sections = [s.pk for s in published.sections(checklist.version)]
    return sections.index(answer.section_id) + 1


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def choose(request: ChecklistRequest, token: str) -> HttpResponse:
    """Every question on one page, compactly by section: tick what to ask, star what to ask
    first. With JavaScript each tick saves itself (`choice`); without it, the buttons at the
    foot save them all."""
    checklist = request.checklist
    version = checklist.version
    every = published.answers(checklist.current_answers(), version)
    answers = [a for a in every if not (a.question and a.question.is_family_item)]
    if request.method == "POST":
        for answer in answers:
            form = ChoiceForm(request.POST, answer=answer)
            if form.is_valid():
                form.save_choice()
        if request.POST.get("go") == "print":
            return redirect("checklist:print_options", token=token)
        return redirect("checklist:review", token=token)
    sections = published.sections(version)
    # Every question of the guide has an answer: its kinds, without asking the database again.
    kinds = {(a.section_id, a.question.kind) for a in every if a.question}
    family_only = [
        n
        for n, s in enumerate(sections, start=1)
        if kinds >= {(s.pk, ItemKind.FAMILY)} and (s.pk, ItemKind.CLINIC) not in kinds
    ]
    return render(
        request,
        "checklist/choose.html",
        {
            "checklist": checklist,
            "token": token,
            "by_section": [(s, [a for a in answers if a.section_id == s.pk]) for s in sections],
            # "What matters to us": worth a thought before choosing.
            "family_section": family_only[0] if family_only else None,
            "folds": Folds(version),
            # Checklist.chosen_count, from the answers at hand.
            "chosen": Chosen(sum(a.included for a in answers), paper_for(request, checklist)),
            "page_form": "choose-form",
        },
    )


@require_POST
@vary_on_headers("HX-Request")
@private_checklist
def choice(request: ChecklistRequest, token: str, answer_id: int) -> HttpResponse:
    """Save one question's two ticks (htmx, from "Choose your questions")."""
    answer = _get_answer(request.checklist, answer_id)
    form = ChoiceForm(request.POST, answer=answer)
    if form.is_valid():
        form.save_choice()
    if not request.htmx:
        then = "review" if request.POST.get("then") == "review" else "choose"
        url = reverse(f"checklist:{then}", kwargs={"token": token})
        return HttpResponseRedirect(f"{url}#a{answer.pk}")
    return render(
        request,
        "checklist/choose.html#choice-state",
        {
            "saved": form.is_valid(),
            "failed": not form.is_valid(),
            "chosen": Chosen.of(request, request.checklist),
            "page_form": "choose-form",
            "token": token,
            "oob": True,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def delete_question(request: ChecklistRequest, token: str, answer_id: int) -> HttpResponse:
    """Delete a question the family wrote, after they confirm."""
    answer = _get_answer(request.checklist, answer_id)
    if not answer.is_own:
        raise Http404
    number = _section_number(request.checklist, answer)
    if request.method == "POST":
        answer.twins().delete()
        answer.delete()
        url = reverse("checklist:section", kwargs={"token": token, "number": number})
        return HttpResponseRedirect(url + "#own")
    return render(
        request,
        "checklist/delete_question.html",
        {"checklist": request.checklist, "token": token, "answer": answer, "number": number},
    )


@require_safe
@private_checklist
def review(request: ChecklistRequest, token: str) -> HttpResponse:
    """What the family will ask: their questions with what each clinic answer was so far,
    priorities first; the questions they left out, to add back; the way to print."""
    checklist = request.checklist
    sections = published.sections(checklist.version)
    url = {
        s.pk: reverse("checklist:section", kwargs={"token": token, "number": n})
        for n, s in enumerate(sections, start=1)
    }
    answers = published.answers(checklist.current_answers(), checklist.version)
    comments: dict[tuple[str, object], list[ReviewComment]] = {}
    for comment in ReviewComment.objects.filter(link__checklist=checklist).select_related(
        "answer", "link"
    ):
        if comment.answer is not None:
            comments.setdefault(comment.answer.item_key, []).append(comment)
    for answer in answers:
        answer.section_url = url[answer.section_id]  # for its "Change" link
        answer.comments = comments.get(answer.item_key, [])
    questions = [a for a in answers if not (a.question and a.question.is_family_item)]
    chosen = sorted((a for a in questions if a.included), key=lambda a: not a.starred)
    counts = Counter(a.rating for a in chosen)
    family = [a for a in answers if a.question and a.question.is_family_item]
    return render(
        request,
        "checklist/review.html",
        {
            "checklist": checklist,
            "token": token,
            "priorities": [a for a in chosen if a.starred],
            "others": [a for a in chosen if not a.starred],
            "left_out": [a for a in questions if not a.included],
            # Only the states some answer is in, so the line reads as a sentence.
            "counts": [(label, counts[value]) for value, label in Rating.choices if counts[value]],
            "for_you": family,
            "for_you_done": sum(a.done for a in family),
            "for_you_url": family[0].section_url if family else None,
            "chosen": Chosen(len(chosen), paper_for(request, checklist)),
            "on_review": True,
        },
    )


@require_POST
@private_checklist
def add_new_questions(request: ChecklistRequest, token: str) -> HttpResponse:
    """Move the checklist to the guide's newest version; every answer and note is kept."""
    newer = upgrade.newer_version(request.checklist)
    if newer is not None:
        upgrade.upgrade(request.checklist, newer)
        messages.success(
            request,
            _("The new questions are in your checklist. Everything you wrote is still there."),
        )
    return redirect("checklist:overview", token=token)
