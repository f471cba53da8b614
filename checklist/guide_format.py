"""The guide exchange format (docs/guide-format.md): validate, import and export.

Everything that reads or writes a guide as JSON goes through here, so the built-in guides,
an advocate's import and the public export can never disagree.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as TextError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from checklist.models import (
    NEEDED_TO_PUBLISH,
    QUESTION_LABELS,
    GlossaryTerm,
    Guide,
    GuideVersion,
    ItemKind,
    Question,
    Section,
    Source,
    SourceKind,
)
from checklist.validators import MARKUP, check_text

FORMAT = "askfirst-guide"
FORMAT_VERSION = 2
# Files of the first version of the format still import: they are read as version 2.
SCHEMA_PATHS = {
    1: Path(__file__).resolve().parent / "guide_schema_v1.json",
    2: Path(__file__).resolve().parent / "guide_schema.json",
}

# An uploaded file larger than this is refused before it is read. The largest guide the schema
# allows in practice (30 sections of questions with long notes) fits well under it.
MAX_FILE_BYTES = 512 * 1024
# A guide is at most 5 levels deep (guide, sections, a section, questions, a question, its
# sources); anything deeper is not a guide, and is refused before the schema walks it.
MAX_DEPTH = 8
# A hostile file can make thousands of errors; the first ones are enough to fix it.
MAX_ERRORS = 50
# Texts that may run over several lines; every other text in a guide file is one line.
MULTI_LINE = frozenset(
    {
        "description",
        "intro",
        "text",
        "why",
        "clear_answer",
        "warning_signs",
        "clinic_claim",
        "definition",
        "funding",
        "conflicts_of_interest",
        "update_policy",
        "note",
    }
)
TEXT_PROBLEMS = {
    "control": "has invisible control characters; remove them",
    "line_break": "must be one line",
}


class GuideFormatError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@cache
def _schema(format_version: int = FORMAT_VERSION) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATHS[format_version].read_text())
    return schema


@cache
def _validator(format_version: int) -> Draft202012Validator:
    return Draft202012Validator(_schema(format_version))


@cache
def _list_limits() -> dict[str, int]:
    """The most items each list in a guide may have, by its place without the indexes."""
    guide, defs = _schema()["properties"], _schema()["$defs"]
    return {
        "sources": guide["sources"]["maxItems"],
        "sections": guide["sections"]["maxItems"],
        "glossary": guide["glossary"]["maxItems"],
        "glossary.also": defs["term"]["properties"]["also"]["maxItems"],
        "about.contributors": defs["about"]["properties"]["contributors"]["maxItems"],
        "sections.questions": defs["section"]["properties"]["questions"]["maxItems"],
        "sections.questions.sources": defs["question"]["properties"]["sources"]["maxItems"],
        "sections.questions.replaces": defs["question"]["properties"]["replaces"]["maxItems"],
    }


def _place(path: Iterable[str | int]) -> str:
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else part)
    return place or "(top level)"


def _describe(error: ValidationError) -> str:
    """Turn a schema error into plain words, named by its place in the file."""
    place = _place(error.absolute_path)
    value = error.validator_value
    match error.validator:
        case "required":
            missing = error.message.split("'")[1] if "'" in error.message else "a field"
            return f"{_place([*error.absolute_path, missing])}: missing"
        case "maxLength":
            return f"{place}: too long (at most {value} characters)"
        case "minLength":
            return f"{place}: must not be empty" if value == 1 else f"{place}: too short"
        case "maxItems":
            return f"{place}: too many (at most {value})"
        case "minItems":
            return f"{place}: needs at least {value}"
        case "type":
            return f"{place}: must be {value}"
        case "pattern" if value == r"\S":
            return f"{place}: must not be blank"
        case "pattern":
            return f"{place}: has characters that are not allowed here"
        case "additionalProperties":
            return f"{place}: unknown field ({error.message.split('(')[-1].rstrip(')')})"
        case "const" | "enum":
            return f"{place}: must be {json.dumps(value)}"
        case "uniqueItems":
            return f"{place}: lists the same item twice"
        case _:
            return f"{place}: {error.message}"


def _text_problem(text: str, field: str) -> str | None:
    try:
        check_text(text, multiline=field in MULTI_LINE)
    except TextError as e:
        return TEXT_PROBLEMS[str(e.code)]
    return None


def _shape_problems(data: Any) -> list[str]:
    """Nesting deeper than MAX_DEPTH, lists longer than the schema allows, and text with
    control characters or (where one line is expected) line breaks: one walk, without
    recursion, before the schema runs.

    The schema reports on every item of a list before it finds the list too long: a 512 KB
    file of 170,000 empty questions kept it busy for half a minute. And its messages quote
    field names, which must be text a page can show.
    """
    limits = _list_limits()
    problems: list[str] = []
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack and len(problems) < MAX_ERRORS:
        value, path = stack.pop()
        if isinstance(value, dict | list) and len(path) >= MAX_DEPTH:
            return ["(top level): nested too deeply"]
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        if isinstance(value, str) and (problem := _text_problem(value, field)):
            problems.append(f"{_place(path)}: {problem}")
        elif isinstance(value, dict):
            for key, child in value.items():
                if problem := _text_problem(key, ""):
                    problems.append(f"{_place(path)}: a field name {problem}")
                else:
                    stack.append((child, [*path, key]))
        elif isinstance(value, list):
            name = ".".join(part for part in path if isinstance(part, str))
            limit = limits.get(name, max(limits.values()))
            if name in limits and len(value) > limit:
                problems.append(f"{_place(path)}: too many (at most {limit})")
            stack.extend((child, [*path, i]) for i, child in enumerate(value[:limit]))
    return sorted(problems)


def _markup(value: Any, path: list[str | int]) -> list[str]:
    """The places of texts that contain HTML or other markup."""
    if isinstance(value, str):
        if MARKUP.search(value):
            return [f"{_place(path)}: HTML tags are not allowed; write plain text"]
        return []
    if not isinstance(value, dict | list):
        return []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    return [error for key, child in items for error in _markup(child, [*path, key])]


def parse(raw: bytes) -> dict[str, Any]:
    """Read an uploaded guide file, refusing anything too big, broken or hostile.

    Raises GuideFormatError with every problem found. The result is ready for import_version.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise GuideFormatError([f"(file): too big (at most {MAX_FILE_BYTES // 1024} KB)"])
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise GuideFormatError(["(file): not UTF-8 text"]) from None
    except RecursionError:
        raise GuideFormatError(["(file): nested too deeply"]) from None
    except ValueError as e:
        raise GuideFormatError([f"(file): not valid JSON ({e})"]) from None
    errors = validate(data)
    if errors:
        raise GuideFormatError(errors)
    return dict(data)


def validate(data: Any) -> list[str]:
    """Every problem with a guide in the exchange format (either version), each named by its
    place in the file."""
    if problems := _shape_problems(data):
        return problems
    format_version = data.get("format_version") if isinstance(data, dict) else None
    if format_version not in SCHEMA_PATHS:
        format_version = FORMAT_VERSION  # the schema says what is wrong
    # Taken one by one: the schema builds each error only when asked for the next.
    found = islice(_validator(format_version).iter_errors(data), MAX_ERRORS)
    errors = [_describe(e) for e in found]
    if errors:
        return sorted(errors)
    return (_markup(data, []) + _rules(upgraded(data)))[:MAX_ERRORS]


def _rules(data: dict[str, Any]) -> list[str]:
    """What the schema cannot check: keys unique and known, what each kind of item needs."""
    errors = []
    sources = {}
    for i, source in enumerate(data["sources"]):
        if source["key"] in sources:
            errors.append(f"sources[{i}].key: {source['key']} is used twice")
        sources[source["key"]] = source["kind"]
    terms: list[str] = []
    for i, term in enumerate(data["glossary"]):
        if term["key"] in terms:
            errors.append(f"glossary[{i}].key: {term['key']} is used twice")
        terms.append(term["key"])
    section_keys: list[str] = []
    question_keys: list[str] = []
    for s, section in enumerate(data["sections"]):
        if section["key"] in section_keys:
            errors.append(f"sections[{s}].key: {section['key']} is used twice")
        section_keys.append(section["key"])
        for q, question in enumerate(section["questions"]):
            place = f"sections[{s}].questions[{q}]"
            if question["key"] in question_keys:
                errors.append(f"{place}.key: {question['key']} is used twice")
            question_keys.append(question["key"])
            errors += _item_rules(question, place, sources)
    for s, section in enumerate(data["sections"]):
        for q, question in enumerate(section["questions"]):
            for r, key in enumerate(question["replaces"]):
                if key in question_keys:
                    place = f"sections[{s}].questions[{q}].replaces[{r}]"
                    errors.append(f"{place}: {key} is a question of this guide")
    if data.get("translates") == data["slug"]:
        errors.append("translates: a guide cannot translate itself")
    for field in ["published", "evidence_checked"]:
        if field in data["about"] and _date(data["about"][field]) is None:
            errors.append(f"about.{field}: not a date (YYYY-MM-DD)")
    return errors


def _date(text: str) -> datetime.date | None:
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return date if datetime.date(2000, 1, 1) <= date <= datetime.date(2100, 12, 31) else None


def _item_rules(question: dict[str, Any], place: str, sources: dict[str, str]) -> list[str]:
    errors = []
    for k, key in enumerate(question["sources"]):
        if key not in sources:
            errors.append(f"{place}.sources[{k}]: no source has the key {key}")
    cited = [sources.get(key) for key in question["sources"]]
    if question["kind"] == ItemKind.FAMILY:
        if question["core"]:
            errors.append(f"{place}.core: only a question for the clinic can be asked first")
        return errors
    for part in ["clear_answer", "warning_signs"]:
        if not question[part].strip():
            errors.append(f"{place}.{part}: missing (a question for the clinic needs it)")
    if not [kind for kind in cited if kind not in (SourceKind.CLAIM, None)]:
        errors.append(f"{place}.sources: needs at least one source that is not a clinic's claim")
    if question["clinic_claim"].strip() and SourceKind.CLAIM not in cited:
        errors.append(f"{place}.clinic_claim: cite the claim among its sources")
    return errors


def upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """A valid guide of either version as version 2, every optional field filled in."""
    about = data.get("about", {})
    return data | {
        "format_version": FORMAT_VERSION,
        "audience": data.get("audience", ""),
        "change_note": data.get("change_note", ""),
        "about": {
            "contributors": [
                {"note": ""} | contributor for contributor in about.get("contributors", [])
            ],
            "funding": about.get("funding", ""),
            "conflicts_of_interest": about.get("conflicts_of_interest", ""),
            "update_policy": about.get("update_policy", ""),
        }
        | {key: about[key] for key in ["published", "evidence_checked"] if key in about},
        "sources": [{"kind": SourceKind.EVIDENCE} | source for source in data["sources"]],
        "glossary": [{"also": []} | term for term in data.get("glossary", [])],
        "sections": [
            section
            | {
                "intro": section.get("intro", ""),
                "questions": [
                    {
                        "kind": ItemKind.CLINIC,
                        "core": False,
                        "answer_format": "text",
                        "clear_answer": "",
                        "warning_signs": "",
                        "clinic_claim": "",
                        "replaces": [],
                    }
                    | question
                    for question in section["questions"]
                ],
            }
            for section in data["sections"]
        ],
    }


def content_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def import_version(
    data: dict[str, Any], guide: Guide, *, publish: bool = True, keep_number: bool = False
) -> GuideVersion:
    """Store a validated guide (either version of the format) as the next version of
    `guide`: all of it or nothing. Numbered after the last one, or with `keep_number` as the
    file numbers it when that is higher (the built-in guides: their editions)."""
    errors = validate(data)
    if errors:
        raise GuideFormatError(errors)
    content = content_hash(data)
    data = upgraded(data)
    about = data["about"]
    last = guide.versions.order_by("-number").first()
    number = last.number + 1 if last else 1
    if keep_number:
        number = max(number, data["version"])
    if "translates" in data:
        # Only a guide of the same owner (built-in guides: of none): nobody can hang their
        # guide on someone else's as its translation.
        same_owner = Guide.objects.filter(owner_id=guide.owner_id).exclude(pk=guide.pk)
        named = same_owner.filter(slug=data["translates"]).select_related("translates").first()
        # A translation of a translation translates the original: one level, as "Also in"
        # and the bilingual printout expect.
        original = (named.translates or named) if named else None
        guide.translates = original if original != guide else None
        guide.save(update_fields=["translates"])
    # Filled in as a draft and published last: a published version never changes.
    version = GuideVersion.objects.create(
        guide=guide,
        number=number,
        title=data["title"],
        description=data["description"],
        audience=data["audience"],
        language=data["language"],
        author=data["author"],
        change_note=data["change_note"],
        evidence_checked=_date(about.get("evidence_checked", "")),
        contributors=about["contributors"],
        funding=about["funding"],
        conflicts_of_interest=about["conflicts_of_interest"],
        update_policy=about["update_policy"],
        content_hash=content,
    )
    Source.objects.bulk_create(
        Source(
            version=version,
            position=i,
            key=s["key"],
            kind=s["kind"],
            citation=s["citation"],
            url=s.get("url", ""),
        )
        for i, s in enumerate(data["sources"], start=1)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            version=version,
            position=i,
            key=t["key"],
            term=t["term"],
            also=t["also"],
            definition=t["definition"],
        )
        for i, t in enumerate(data["glossary"], start=1)
    )
    for s, section_data in enumerate(data["sections"], start=1):
        section = Section.objects.create(
            version=version,
            position=s,
            key=section_data["key"],
            title=section_data["title"],
            intro=section_data["intro"],
        )
        Question.objects.bulk_create(
            Question(
                version=version,
                section=section,
                position=q,
                key=qd["key"],
                kind=qd["kind"],
                core=qd["core"],
                answer_format=qd["answer_format"],
                text=qd["text"],
                why=qd["why"],
                clear_answer=qd["clear_answer"],
                warning_signs=qd["warning_signs"],
                clinic_claim=qd["clinic_claim"],
                source_keys=qd["sources"],
                replaces=qd["replaces"],
            )
            for q, qd in enumerate(section_data["questions"], start=1)
        )
    if publish:
        version.publish()
    return version


def publish_problems(draft: GuideVersion) -> list[str]:
    """What must be fixed before the draft can be published, in the editor's words.

    A draft publishes only if it exports into a valid guide file, so everything published
    can be exported and imported again.
    """
    sections = list(draft.sections.all())
    questions: dict[int, list[str]] = {section.pk: [] for section in sections}
    for section_id, text in draft.questions.values_list("section_id", "text"):
        questions[section_id].append(text)
    plain = []
    for error in validate(export_version(draft)):
        place, _sep, problem = error.partition(": ")
        parts = place.replace("]", "").replace("[", ".").split(".")
        if parts[0] != "sections" or len(parts) < 2:
            plain.append(f"{place.replace('_', ' ')}: {problem}")
            continue
        section = sections[int(parts[1])]
        words = _("Section “%(title)s”") % {"title": section.title}
        if len(parts) < 5:
            plain.append(f"{words}, {parts[-1].replace('_', ' ')}: {problem}")
            continue
        n = int(parts[3])
        words += ", " + _("question %(n)s (“%(text)s”)") % {
            "n": n + 1,
            "text": Truncator(questions[section.pk][n]).chars(60),
        }
        part = parts[4]
        missing = problem.startswith(("missing", "needs", "must not be empty", "must not be blank"))
        need = NEEDED_TO_PUBLISH.get(part) if missing else None
        label = QUESTION_LABELS.get(part, part.replace("_", " "))
        plain.append(f"{words}, {label}: {need or problem}")
    return plain


def export_version(version: GuideVersion) -> dict[str, Any]:
    """A version in the exchange format: importing it again gives the same content."""
    sections = list(version.sections.all())
    questions: dict[int, list[Question]] = {section.pk: [] for section in sections}
    for question in version.questions.order_by("section__position", "position"):
        questions[question.section_id].append(question)
    translates = version.guide.translates
    dates = {
        "published": version.published.date() if version.published else None,
        "evidence_checked": version.evidence_checked,
    }
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "slug": version.guide.slug,
        "title": version.title,
        "description": version.description,
        "audience": version.audience,
        "language": version.language,
        "author": version.author,
        "version": version.number,
        "change_note": version.change_note,
        **({"translates": translates.slug} if translates else {}),
        "about": {key: date.isoformat() for key, date in dates.items() if date}
        | {
            "contributors": version.contributors,
            "funding": version.funding,
            "conflicts_of_interest": version.conflicts_of_interest,
            "update_policy": version.update_policy,
        },
        "sources": [
            {"key": s.key, "kind": s.kind, "citation": s.citation}
            | ({"url": s.url} if s.url else {})
            for s in version.sources.all()
        ],
        "glossary": [
            {"key": t.key, "term": t.term, "also": t.also, "definition": t.definition}
            for t in version.glossary.all()
        ],
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "intro": section.intro,
                "questions": [
                    {
                        "key": q.key,
                        "kind": q.kind,
                        "core": q.core,
                        "answer_format": q.answer_format,
                        "text": q.text,
                        "why": q.why,
                        "clear_answer": q.clear_answer,
                        "warning_signs": q.warning_signs,
                        "clinic_claim": q.clinic_claim,
                        "sources": q.source_keys,
                        "replaces": q.replaces,
                    }
                    for q in questions[section.pk]
                ],
            }
            for section in sections
        ],
    }
    return data
