"""Content checks for the built-in guide in checklist/data/stem-cells-cp.json.

These are plain tests: they read JSON files and need no database.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from checklist.readability import GRADE_BAR, grade, question_text

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PATH = ROOT / "checklist" / "data" / "stem-cells-cp.json"
SCHEMA_PATH = ROOT / "checklist" / "guide_schema.json"

BRIEF_SECTION_KEYS = [
    "proven",
    "trials",
    "cells",
    "fresh-or-frozen",
    "dose-and-delivery",
    "risks",
    "where-cells-go",
    "oversight",
    "results-and-follow-up",
    "travel-and-costs",
    "before-you-decide",
]
QUESTION_PARTS = ("text", "why", "clear_answer", "warning_signs")
# A single text this long or longer must meet the grade bar on its own.
LONG_TEXT_WORDS = 12


@pytest.fixture(scope="module")
def guide() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GUIDE_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def all_questions(guide: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for section in guide["sections"] for q in section["questions"]]


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)


def test_guide_matches_the_exchange_schema(guide, schema):
    errors = sorted(Draft202012Validator(schema).iter_errors(guide), key=lambda e: e.json_path)
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors)


def test_guide_has_the_ten_brief_sections_then_before_you_decide(guide):
    keys = [section["key"] for section in guide["sections"]]
    assert len(keys) == 11
    assert keys == BRIEF_SECTION_KEYS
    assert guide["sections"][-1]["title"] == "Before you decide"


def test_guide_has_40_to_60_questions(guide):
    count = len(all_questions(guide))
    assert 40 <= count <= 60, f"the guide has {count} questions"


def test_each_section_has_3_to_7_questions(guide):
    wrong = {
        section["key"]: len(section["questions"])
        for section in guide["sections"]
        if not 3 <= len(section["questions"]) <= 7
    }
    assert not wrong, f"sections with fewer than 3 or more than 7 questions: {wrong}"


def test_every_question_has_all_its_parts_and_a_source(guide):
    problems = []
    for q in all_questions(guide):
        problems += [f"{q['key']}: empty {part}" for part in QUESTION_PARTS if not q[part].strip()]
        if not q["sources"]:
            problems.append(f"{q['key']}: no source")
    assert not problems, "\n".join(problems)


def test_section_keys_are_unique(guide):
    counts = Counter(section["key"] for section in guide["sections"])
    assert not [k for k, n in counts.items() if n > 1], f"repeated section keys: {counts}"


def test_question_keys_are_unique_across_the_guide(guide):
    counts = Counter(q["key"] for q in all_questions(guide))
    repeated = [k for k, n in counts.items() if n > 1]
    assert not repeated, f"repeated question keys: {repeated}"


def test_source_keys_are_unique(guide):
    counts = Counter(source["key"] for source in guide["sources"])
    repeated = [k for k, n in counts.items() if n > 1]
    assert not repeated, f"repeated source keys: {repeated}"


def test_every_question_source_names_a_source_in_the_guide(guide):
    known = {source["key"] for source in guide["sources"]}
    unknown = [
        f"{q['key']}: {key}"
        for q in all_questions(guide)
        for key in q["sources"]
        if key not in known
    ]
    assert not unknown, "question sources missing from the guide's sources:\n" + "\n".join(unknown)


def test_every_source_is_cited_by_at_least_one_question(guide):
    cited = {key for q in all_questions(guide) for key in q["sources"]}
    unused = [source["key"] for source in guide["sources"] if source["key"] not in cited]
    assert not unused, f"sources no question cites: {unused}"


def test_every_question_reads_at_grade_8_or_lower(guide):
    language = guide["language"]
    too_hard = []
    for q in all_questions(guide):
        measured = grade(question_text(q), language)
        if measured > GRADE_BAR:
            too_hard.append(f"{q['key']}: grade {measured} > {GRADE_BAR}")
    assert not too_hard, "question blocks above the reading bar:\n" + "\n".join(too_hard)


def test_every_long_text_reads_at_grade_8_or_lower(guide):
    language = guide["language"]
    texts = [("guide description", guide["description"])]
    for section in guide["sections"]:
        texts.append((f"{section['key']} intro", section.get("intro", "")))
        texts += [
            (f"{q['key']} {part}", q[part]) for q in section["questions"] for part in QUESTION_PARTS
        ]
    too_hard = []
    for label, text in texts:
        if len(text.split()) < LONG_TEXT_WORDS:
            continue
        measured = grade(text, language)
        if measured > GRADE_BAR:
            too_hard.append(f"{label}: grade {measured} > {GRADE_BAR}: {text}")
    assert not too_hard, "texts above the reading bar:\n" + "\n".join(too_hard)


def test_guide_ends_by_sending_the_family_to_their_own_doctor(guide):
    last = guide["sections"][-1]["questions"][-1]
    words = f"{last['text']} {last['why']}".lower()
    assert "talk" in words, last["key"]
    assert "your child's own doctor" in words, last["key"]


def test_guide_text_names_no_clinic(guide):
    shown = [guide["title"], guide["description"], guide.get("audience", "")]
    for section in guide["sections"]:
        shown += [section["title"], section.get("intro", "")]
        shown += [q[part] for q in section["questions"] for part in QUESTION_PARTS]
    named = [text for text in shown if "stemaid" in text.lower() or "xcell" in text.lower()]
    assert not named, f"texts that name a clinic: {named}"


def test_question_block_joins_the_four_parts_in_order():
    q = {"text": "Q?", "why": "Why.", "clear_answer": "Clear.", "warning_signs": "Warn."}
    assert question_text(q) == "Q? Why. Clear. Warn."
