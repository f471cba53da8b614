"""The family's screens: start, the sections, autosave, review."""

import copy
import secrets
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from checklist import device, upgrade
from checklist.autosave import save_answer
from checklist.forms import AnswerForm, DetailsForm, OwnQuestionForm
from checklist.limits import over_limit
from checklist.links import get_checklist, hash_token, make_token, private
from checklist.models import Answer, Checklist, GuideVersion, Rating, Section, Source
from checklist.views.public import BUILTIN_SLUG, get_public_version


def _get_section(checklist: Checklist, number: int) -> tuple[Section, list[Section]]:
    sections = list(checklist.version.sections.all())
    if not 1 <= number <= len(sections):
        raise Http404
    return sections[number - 1], sections


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


def _new_editor() -> str:
    """An id for one render of a page, so its own saves never conflict with each other."""
    return secrets.token_hex(8)


@transaction.atomic
def _create_checklist(version: GuideVersion, details: DetailsForm) -> tuple[Checklist, str]:
    token = make_token()
    checklist = details.save(commit=False)
    checklist.version = version
    checklist.token_hash = hash_token(token)
    checklist.save()
    Answer.objects.bulk_create(
        Answer(checklist=checklist, section_id=q.section_id, question=q, position=q.position)
        for q in version.questions.all()
    )
    return checklist, token


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str = BUILTIN_SLUG) -> HttpResponse:
    version = get_public_version(slug, request.user)
    form = DetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and over_limit(request, "create"):
        # Shown on the same form, so that nothing the family typed is lost.
        form.add_error(
            None,
            _(
                "Too many checklists were started from your network just now. "
                "Please wait a few minutes and press Start again."
            ),
        )
        return render(
            request,
            "checklist/start.html",
            {"form": form, "version": version, "forms_with_errors": [form]},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        token = _create_checklist(version, form)[1]
        response = redirect("checklist:section", token=token, number=1)
        device.remember(request, response, token)
        messages.success(
            request,
            _(
                "Your checklist is ready and saves as you go. It has a private link: find it "
                "under “Your checklist” to open it on another device."
            ),
        )
        return response
    return render(
        request,
        "checklist/start.html",
        {"form": form, "version": version, "forms_with_errors": _with_errors(form)},
    )


@require_GET
@private
def overview(request: HttpRequest, token: str) -> HttpResponse:
    checklist = get_checklist(token)
    sections = list(checklist.version.sections.all())
    return render(
        request,
        "checklist/overview.html",
        {
            "checklist": checklist,
            "token": token,
            "sections": sections,
            "stale_months": settings.ASKFIRST_STALE_MONTHS,
            "new_questions": _new_questions(checklist),
        },
    )


@require_http_methods(["GET", "POST"])
@private
def details(request: HttpRequest, token: str) -> HttpResponse:
    checklist = get_checklist(token)
    form = DetailsForm(request.POST if request.method == "POST" else None, instance=checklist)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("checklist:overview", token=token)
    return render(
        request,
        "checklist/details.html",
        {
            "form": form,
            "checklist": checklist,
            "token": token,
            "forms_with_errors": _with_errors(form),
        },
    )


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@dataclass
class Row:
    """One question on a section page: its form, its sources, and any conflict to show."""

    form: AnswerForm
    sources: list[Source]
    conflict: Answer | None = None


def _rows(
    answers: list[Answer],
    data: QueryDict,
    version: GuideVersion,
    conflicts: dict[int, Answer] | None = None,
) -> list[Row]:
    editor = _new_editor()
    sources = {s.key: s for s in version.sources.all()}
    conflicts = conflicts or {}
    rows = []
    for answer in answers:
        # An answer added since the page was sent (another device) has nothing in this POST.
        bound = f"a{answer.pk}-revision" in data
        form = AnswerForm(
            data if bound else None,
            answer=answer,
            initial={"revision": answer.revision, "editor": editor},
        )
        keys = answer.question.source_keys if answer.question else []
        rows.append(Row(form, [sources[k] for k in keys if k in sources], conflicts.get(answer.pk)))
    return rows


@require_http_methods(["GET", "POST"])
@private
def section(request: HttpRequest, token: str, number: int) -> HttpResponse:
    """One section of questions. With JavaScript each question saves itself as the family
    types (see `autosave`); without it, or when they press Back or Next, this POST saves
    every question on the page at once."""
    checklist = get_checklist(token)
    current, sections = _get_section(checklist, number)
    answers = list(checklist.answers.filter(section=current).select_related("question"))
    own_form = OwnQuestionForm(request.POST if request.method == "POST" else None, prefix="new")
    rows = _rows(answers, request.POST, checklist.version)
    conflicts: dict[int, Answer] = {}
    forms = [row.form for row in rows if row.form.is_bound]
    if request.method == "POST" and all([f.is_valid() for f in [*forms, own_form]]):
        for form in forms:
            result = save_answer(form)
            if result.conflict:
                conflicts[result.answer.pk] = result.answer
        if own_text := own_form.cleaned_data["own_question"]:
            Answer.objects.create(
                checklist=checklist,
                section=current,
                own_question=own_text,
                position=max((a.position for a in answers), default=0) + 1,
            )
        if not conflicts:
            return _after_section_post(token, number, len(sections), request.POST.get("go", ""))
        # Show the family both versions; theirs stays in the boxes.
        data = request.POST.copy()
        data["new-own_question"] = ""
        answers = list(checklist.answers.filter(section=current).select_related("question"))
        rows = _rows(answers, data, checklist.version, conflicts)
        own_form = OwnQuestionForm(prefix="new")
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
        },
    )


def _after_section_post(token: str, number: int, total: int, go: str) -> HttpResponse:
    if go == "next":
        if number == total:
            return redirect("checklist:review", token=token)
        return redirect("checklist:section", token=token, number=number + 1)
    if go == "back":
        if number == 1:
            return redirect("checklist:overview", token=token)
        return redirect("checklist:section", token=token, number=number - 1)
    if go.startswith("delete-") and go.removeprefix("delete-").isdigit():
        return redirect("checklist:delete_question", token=token, answer_id=int(go[7:]))
    url = reverse("checklist:section", kwargs={"token": token, "number": number})
    return HttpResponseRedirect(url + "#own")


@require_POST
@private
def autosave(request: HtmxHttpRequest, token: str, answer_id: int) -> HttpResponse:
    """Save one question (htmx, on every change). Answers with its save state."""
    checklist = get_checklist(token)
    answer = _get_answer(checklist, answer_id)
    form = AnswerForm(request.POST, answer=answer)
    saved = form.is_valid()
    conflict = None
    if saved:
        result = save_answer(form)
        answer = result.answer
        data = request.POST.copy()
        if result.conflict:
            saved, conflict = False, answer
        else:
            # The page's next save starts from the revision stored now.
            data[f"{form.prefix}-revision"] = str(answer.revision)
        # The form shows what the family sent, so it gets its own copy of the answer.
        form = AnswerForm(data, answer=copy.copy(answer))
    if not request.htmx:
        # Without JavaScript the section page sends all its questions at once; a plain POST
        # here still saves, then goes back to the question.
        url = reverse(
            "checklist:section", kwargs={"token": token, "number": answer.section.position}
        )
        return HttpResponseRedirect(f"{url}#a{answer.pk}")
    return render(
        request,
        "checklist/section.html#save-state",
        {
            "row": Row(form, [], conflict),
            "saved": saved,
            "oob": True,
        },
    )


@require_http_methods(["GET", "POST"])
@private
def delete_question(request: HttpRequest, token: str, answer_id: int) -> HttpResponse:
    """Delete a question the family wrote, after they confirm."""
    checklist = get_checklist(token)
    answer = _get_answer(checklist, answer_id)
    if not answer.is_own:
        raise Http404
    if request.method == "POST":
        answer.delete()
        url = reverse(
            "checklist:section", kwargs={"token": token, "number": answer.section.position}
        )
        return HttpResponseRedirect(url + "#own")
    return render(
        request,
        "checklist/delete_question.html",
        {"checklist": checklist, "token": token, "answer": answer},
    )


@require_GET
@private
def review(request: HttpRequest, token: str) -> HttpResponse:
    checklist = get_checklist(token)
    answers = list(checklist.answers.select_related("question", "section"))
    chosen = [a for a in answers if a.included]
    chosen.sort(key=lambda a: not a.starred)
    counts = Counter(a.rating for a in chosen)
    sections = list(checklist.version.sections.all())
    return render(
        request,
        "checklist/review.html",
        {
            "checklist": checklist,
            "token": token,
            "priorities": [a for a in chosen if a.starred],
            "by_section": [
                (n, s, [a for a in chosen if not a.starred and a.section_id == s.pk])
                for n, s in enumerate(sections, start=1)
            ],
            "counts": [(label, counts[value]) for value, label in Rating.choices],
            "chosen_count": len(chosen),
            "skipped_count": len(answers) - len(chosen),
        },
    )


@require_POST
@private
def add_new_questions(request: HttpRequest, token: str) -> HttpResponse:
    """Move the checklist to the guide's newest version; every answer and note is kept."""
    checklist = get_checklist(token)
    newer = upgrade.newer_version(checklist)
    if newer is not None:
        upgrade.upgrade(checklist, newer)
        messages.success(
            request,
            _("The new questions are in your checklist. Everything you wrote is still there."),
        )
    return redirect("checklist:overview", token=token)
