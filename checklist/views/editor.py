"""The draft editor: a guide's details, its sections and questions, its sources.

Only a draft is ever reached here (`get_draft_for_owner`), so no view can change a published
version. Each change to the outline answers htmx with the outline alone
(`advocate/edit.html#outline`) and a plain POST with a redirect back to the editor. A form
sent back with its errors is answered with 422, which htmx swaps in like any other answer
(the `responseHandling` in base.html), with `autofocus` on the field to fix.
"""

import secrets
from typing import Any, Literal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from checklist.access import HtmxHttpRequest, get_draft_for_owner, get_guide_for_owner
from checklist.forms import (
    AboutGuideForm,
    ContributorFormSet,
    GlossaryTermForm,
    GuideDetailsForm,
    NewQuestionForm,
    NewSectionForm,
    QuestionForm,
    SectionForm,
    SourceForm,
)
from checklist.models import GlossaryTerm, Guide, GuideVersion, Question, Section, Source
from checklist.readability import Level, measure


def _get_section(draft: GuideVersion, key: str) -> Section:
    return get_object_or_404(Section, version=draft, key=key)


def _get_question(draft: GuideVersion, key: str) -> Question:
    return get_object_or_404(Question.objects.select_related("section"), version=draft, key=key)


def _get_source(draft: GuideVersion, key: str) -> Source:
    return get_object_or_404(Source, version=draft, key=key)


def _new_key(guide: Guide, prefix: str) -> str:
    """A key no section, question or glossary term of any version of the guide has had."""
    while True:
        key = f"{prefix}-{secrets.token_hex(4)}"
        used = Q(sections__key=key) | Q(questions__key=key) | Q(glossary__key=key)
        if not guide.versions.filter(used).exists():
            return key


# The question's texts a translation writes anew (the rest are choices, shown as they are).
QUESTION_TEXTS = ["text", "why", "clear_answer", "warning_signs", "clinic_claim"]


def _in_original(draft: GuideVersion, items: str, key: str) -> Section | Question | None:
    """For a translation's draft, the section or question with the same key in the guide it
    translates (None where there is none)."""
    original = draft.guide.original_version()
    if original is None:
        return None
    found: Section | Question | None = getattr(original, items).filter(key=key).first()
    return found


def reading_level(text: str, language: str) -> Level | Literal["unmeasured"] | None:
    """The reading-level hint shown next to a text: its level, "unmeasured" in a language
    with no formula here, or None for a text too short to measure."""
    if len(text.split()) < 3:
        return None
    return measure(text, language) or "unmeasured"


def _editor(
    request: HtmxHttpRequest,
    draft: GuideVersion,
    *,
    failed: BaseForm | None = None,
    failed_section: str = "",
    focus: str = "",
) -> HttpResponse:
    """The editor page, or only its outline of sections and questions for an htmx swap.

    `failed` is a form that did not validate, shown with its errors in its place; in a swap,
    its first wrong field takes the focus. Otherwise htmx keeps the focus on the element with
    the same id, and `focus` names one to focus instead ("outline" for the outline itself).
    """
    if failed is not None and request.htmx:
        wrong = next(name for name in failed.errors if name in failed.fields)
        failed.fields[wrong].widget.attrs["autofocus"] = True
    sections = list(draft.sections.all())
    questions = list(draft.questions.order_by("section__position", "position"))
    # A translation shows each section's title and question's text in the original beside it.
    original = draft.guide.original_version()
    original_titles = {s.key: s.title for s in original.sections.all()} if original else {}
    original_texts = {q.key: q.text for q in original.questions.all()} if original else {}
    outline = [
        (
            section,
            reading_level(section.intro, draft.language),
            [
                (q, reading_level(q.text, draft.language), original_texts.get(q.key))
                for q in questions
                if q.section_id == section.pk
            ],
            failed
            if isinstance(failed, NewQuestionForm) and failed_section == section.key
            else NewQuestionForm(prefix=f"new-{section.key}"),
            original_titles.get(section.key),
        )
        for section in sections
    ]
    context: dict[str, Any] = {
        "draft": draft,
        "guide": draft.guide,
        # Called by the template only on the full page: an outline swap does not show it.
        "published": draft.guide.latest_published,
        "original": original,
        "outline": outline,
        "sections": sections,
        "sources": list(draft.sources.all()),
        "details_form": failed
        if isinstance(failed, GuideDetailsForm)
        else GuideDetailsForm(instance=draft),
        "description_level": reading_level(draft.description, draft.language),
        "new_section_form": failed
        if isinstance(failed, NewSectionForm)
        else NewSectionForm(prefix="new-section"),
        "source_form": failed
        if isinstance(failed, SourceForm)
        else SourceForm(instance=Source(version=draft)),
        "glossary": list(draft.glossary.all()),
        "term_form": failed
        if isinstance(failed, GlossaryTermForm)
        else GlossaryTermForm(instance=GlossaryTerm(version=draft), prefix="term"),
        "failed_forms": [failed] if failed else [],
        "focus": focus,
    }
    template = "advocate/edit.html"
    if request.htmx:
        template += "#outline"
    return render(request, template, context, status=422 if failed else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
@login_required
def edit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The draft editor: the guide's details, its sections and questions, its sources."""
    guide = get_guide_for_owner(request, slug)
    draft = guide.draft()
    if draft is None or guide.is_locked:
        return redirect("checklist:advocate_guide", slug=slug)
    if request.method == "POST":
        form = GuideDetailsForm(request.POST, instance=draft)
        if form.is_valid():
            form.save()
            messages.success(request, _("Saved."))
            return redirect("checklist:advocate_edit", slug=slug)
        return _editor(request, draft, failed=form)
    return _editor(request, draft)


@require_POST
@vary_on_headers("HX-Request")
@login_required
def add_section(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    form = NewSectionForm(request.POST, prefix="new-section")
    if not form.is_valid():
        return _editor(request, draft, failed=form)
    with transaction.atomic():
        Section.objects.create(
            version=draft,
            position=draft.next_position(draft.sections.all()),
            key=_new_key(draft.guide, "s"),
            title=form.cleaned_data["title"],
        )
    return _back(request, draft, "outline")


def _lock(draft: GuideVersion) -> None:
    """Hold the draft's row until the transaction ends, so that a publish or another change
    to the outline waits, and a draft published in the meantime is left alone (positions are
    written with `bulk_update`, which skips the models' guard against changing a published
    version)."""
    still_a_draft = GuideVersion.objects.select_for_update().filter(pk=draft.pk, is_published=False)
    if not list(still_a_draft.values_list("pk", flat=True)):
        raise Http404


def _place(items: list[Any], item: Any, index: int) -> None:
    """Put `item` at `index` (counted from 0, kept within the list) among `items`, its
    siblings read after `_lock`, and number them all again from 1."""
    order = [other for other in items if other.pk != item.pk]
    order.insert(max(0, min(index, len(order))), item)
    model = type(item)
    if model is Section:
        # Out of the way first: a section's position is unique in its version.
        free = max(other.position for other in [*items, item]) + 1
        for n, other in enumerate(order):
            other.position = free + n
        model.objects.bulk_update(order, ["position"])
    for n, other in enumerate(order, 1):
        other.position = n
    model.objects.bulk_update(order, ["position"])


def _moved(request: HttpRequest, items: list[Any], item: Any, row_id: str) -> str:
    """Move `item` among `items` as asked: to the position chosen ("Move to"; left empty,
    to the end), else one step up or down. Returns the id of the control to focus in the new
    outline: the button pressed, unless the item reached the end it moved to and that button
    is now disabled; the row's menu after a move to a position."""
    index = items.index(item) if item in items else len(items)
    if "position" in request.POST or item not in items:
        typed = request.POST.get("position", "").strip()
        wanted = len(items) if not typed else index
        if typed.isdecimal() and len(typed) <= 4:
            wanted = int(typed) - 1
        _place(items, item, wanted)
        return f"{row_id}-menu"
    pressed, reverse = ("up", "down") if request.POST.get("direction") == "up" else ("down", "up")
    other = index - 1 if pressed == "up" else index + 1
    if not 0 <= other < len(items):
        return f"{row_id}-{reverse}"
    _place(items, item, other)
    return f"{row_id}-{reverse if other in (0, len(items) - 1) else pressed}"


def _back(
    request: HtmxHttpRequest, draft: GuideVersion, anchor: str, focus: str = ""
) -> HttpResponse:
    """After a change to the outline: the new outline for htmx, else back to the editor.

    `anchor` is where the change happened; "outline" when that place is gone. `focus` is the
    id of a button to focus in the new outline, when htmx cannot keep the focus by itself.
    """
    if request.htmx:
        return _editor(request, draft, focus="outline" if anchor == "outline" else focus)
    url = reverse("checklist:advocate_edit", kwargs={"slug": draft.guide.slug})
    return HttpResponseRedirect(f"{url}#{anchor}")


@require_POST
@vary_on_headers("HX-Request")
@login_required
def move_section(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    section = _get_section(draft, key)
    with transaction.atomic():
        _lock(draft)
        focus = _moved(request, list(draft.sections.all()), section, f"s-{key}")
    return _back(request, draft, f"s-{key}", focus=focus)


@require_POST
@vary_on_headers("HX-Request")
@login_required
def duplicate_section(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    """A copy of the section and its questions, right after it, each with a key of its own."""
    draft = get_draft_for_owner(request, slug)
    section = _get_section(draft, key)
    with transaction.atomic():
        _lock(draft)
        sections = list(draft.sections.all())
        copy = Section.objects.create(
            version=draft,
            position=max(s.position for s in sections) + 1,
            key=_new_key(draft.guide, "s"),
            title=section.title,
            intro=section.intro,
        )
        _place(sections, copy, sections.index(section) + 1)
        for n, question in enumerate(section.questions.order_by("position"), 1):
            _copy_question(draft, question, copy, n)
    messages.success(request, _("Copied: the copy is right after the section."))
    return _back(request, draft, f"s-{copy.key}", focus=f"s-{copy.key}-menu")


@require_POST
@vary_on_headers("HX-Request")
@login_required
def delete_section(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    section = _get_section(draft, key)
    if draft.sections.count() > 1:
        section.delete()
    else:
        messages.error(request, _("A guide needs at least one section."))
    return _back(request, draft, "outline")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_section(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    section = _get_section(draft, key)
    form = SectionForm(request.POST if request.method == "POST" else None, instance=section)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("checklist:advocate_edit", slug=slug)
    return render(
        request,
        "advocate/section.html",
        {
            "draft": draft,
            "guide": draft.guide,
            "section": section,
            "form": form,
            "intro_level": reading_level(section.intro, draft.language),
            "original": draft.guide.original_version(),
            "in_original": _in_original(draft, "sections", key),
        },
    )


@require_POST
@vary_on_headers("HX-Request")
@login_required
def add_question(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    section = _get_section(draft, key)
    form = NewQuestionForm(request.POST, prefix=f"new-{key}")
    if not form.is_valid():
        return _editor(request, draft, failed=form, failed_section=key)
    with transaction.atomic():
        question = Question.objects.create(
            version=draft,
            section=section,
            position=draft.next_position(section.questions.all()),
            key=_new_key(draft.guide, "q"),
            text=form.cleaned_data["text"],
            why="",
            clear_answer="",
            warning_signs="",
            source_keys=[],
        )
    if request.htmx:
        return _editor(request, draft)
    return redirect("checklist:advocate_question", slug=slug, key=question.key)


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
@login_required
def edit_question(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    question = _get_question(draft, key)
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=question)
    saved = False
    if request.method == "POST" and form.is_valid():
        question = form.save()
        saved = True
        if not request.htmx:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    in_original = _in_original(draft, "questions", key)
    # Each field with its reading level and, in a translation, the original's text.
    rows = [
        (
            field,
            reading_level(str(getattr(question, field.name)), draft.language)
            if field.name in QUESTION_TEXTS
            else None,
            getattr(in_original, field.name)
            if in_original and field.name in QUESTION_TEXTS
            else "",
        )
        for field in form
    ]
    template = "advocate/question.html"
    if request.htmx:
        template += "#question-form"
    return render(
        request,
        template,
        {
            "draft": draft,
            "guide": draft.guide,
            "question": question,
            "form": form,
            "rows": rows,
            "original": draft.guide.original_version(),
            "in_original": in_original,
            "saved": saved,
        },
    )


@require_POST
@vary_on_headers("HX-Request")
@login_required
def move_question(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    question = _get_question(draft, key)
    to = request.POST.get("section", "")
    section = _get_section(draft, to) if to else question.section
    with transaction.atomic():
        _lock(draft)
        siblings = list(section.questions.order_by("position"))
        if section != question.section:
            Question.objects.filter(pk=question.pk).update(section=section)
        focus = _moved(request, siblings, question, f"q-{key}")
    return _back(request, draft, f"q-{key}", focus=focus)


def _copy_question(
    draft: GuideVersion, question: Question, section: Section, position: int
) -> Question:
    """A copy of the question in `section` at `position`, with a key of its own. It takes
    no earlier question's answers: only one question may take them."""
    fields = {
        f.attname: getattr(question, f.attname)
        for f in Question._meta.concrete_fields
        if not f.primary_key
    }
    return Question.objects.create(
        **fields
        | {
            "key": _new_key(draft.guide, "q"),
            "replaces": [],
            "section_id": section.pk,
            "position": position,
        }
    )


@require_POST
@vary_on_headers("HX-Request")
@login_required
def duplicate_question(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    question = _get_question(draft, key)
    with transaction.atomic():
        _lock(draft)
        siblings = list(question.section.questions.order_by("position"))
        copy = _copy_question(draft, question, question.section, len(siblings) + 1)
        _place(siblings, copy, siblings.index(question) + 1)
    messages.success(request, _("Copied: the copy is right after the question."))
    return _back(request, draft, f"q-{copy.key}", focus=f"q-{copy.key}-menu")


@require_POST
@vary_on_headers("HX-Request")
@login_required
def delete_question(request: HtmxHttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    _get_question(draft, key).delete()
    return _back(request, draft, "outline")


@require_POST
@vary_on_headers("HX-Request")
@login_required
def add_source(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    # Checked with the draft locked: two sources added at once cannot both take a short name.
    with transaction.atomic():
        position = draft.next_position(draft.sources.all())
        form = SourceForm(request.POST, instance=Source(version=draft, position=position))
        if form.is_valid():
            form.save()
            url = reverse("checklist:advocate_edit", kwargs={"slug": slug})
            return HttpResponseRedirect(f"{url}#sources")
    return _editor(request, draft, failed=form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_source(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    source = _get_source(draft, key)
    old_key = source.key
    form = SourceForm(request.POST if request.method == "POST" else None, instance=source)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if source.key != old_key:
                # JSON "contains" lookups do not work on SQLite; a draft is small.
                for question in draft.questions.all():
                    if old_key in question.source_keys:
                        question.source_keys = [
                            source.key if k == old_key else k for k in question.source_keys
                        ]
                        question.save(update_fields=["source_keys"])
        messages.success(request, _("Saved."))
        return redirect("checklist:advocate_edit", slug=slug)
    return render(
        request,
        "advocate/source.html",
        {
            "draft": draft,
            "guide": draft.guide,
            "source": source,
            "form": form,
        },
    )


@require_POST
@login_required
def delete_source(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    source = _get_source(draft, key)
    with transaction.atomic():
        for question in draft.questions.all():
            if key in question.source_keys:
                question.source_keys = [k for k in question.source_keys if k != key]
                question.save(update_fields=["source_keys"])
        source.delete()
    return redirect("checklist:advocate_edit", slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_about(request: HttpRequest, slug: str) -> HttpResponse:
    """What families need to judge the guide: dates, who wrote and checked it, who pays."""
    draft = get_draft_for_owner(request, slug)
    data = request.POST if request.method == "POST" else None
    form = AboutGuideForm(data, instance=draft)
    people = ContributorFormSet(data, initial=draft.contributors, prefix="people")
    if request.method == "POST" and form.is_valid() and people.is_valid():
        draft = form.save(commit=False)
        draft.contributors = [
            {"name": p["name"], "role": p["role"]} | ({"note": p["note"]} if p["note"] else {})
            for p in people.cleaned_data
            if p.get("name")
        ]
        draft.save()
        messages.success(request, _("Saved."))
        return redirect("checklist:advocate_edit", slug=slug)
    return render(
        request,
        "advocate/about.html",
        {
            "draft": draft,
            "guide": draft.guide,
            "form": form,
            "people": people,
            "forms_with_errors": [f for f in [form, *people] if f.errors],
            "levels": {
                name: reading_level(str(getattr(draft, name)), draft.language)
                for name in ["funding", "conflicts_of_interest", "update_policy"]
            },
        },
    )


def _get_term(draft: GuideVersion, key: str) -> GlossaryTerm:
    return get_object_or_404(GlossaryTerm, version=draft, key=key)


@require_POST
@login_required
def add_term(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    with transaction.atomic():
        position = draft.next_position(draft.glossary.all())
        term = GlossaryTerm(version=draft, position=position, key=_new_key(draft.guide, "t"))
        form = GlossaryTermForm(request.POST, instance=term, prefix="term")
        if form.is_valid():
            form.save()
            url = reverse("checklist:advocate_edit", kwargs={"slug": slug})
            return HttpResponseRedirect(f"{url}#glossary")
    return _editor(request, draft, failed=form)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit_term(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    term = _get_term(draft, key)
    form = GlossaryTermForm(request.POST if request.method == "POST" else None, instance=term)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        url = reverse("checklist:advocate_edit", kwargs={"slug": slug})
        return HttpResponseRedirect(f"{url}#glossary")
    return render(
        request,
        "advocate/term.html",
        {
            "draft": draft,
            "guide": draft.guide,
            "term": term,
            "form": form,
            "level": reading_level(term.definition, draft.language),
        },
    )


@require_POST
@login_required
def delete_term(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    _get_term(draft, key).delete()
    url = reverse("checklist:advocate_edit", kwargs={"slug": slug})
    return HttpResponseRedirect(f"{url}#glossary")
