"""A family on version 1 keeps everything when version 2 adds, changes or removes questions."""

import json
from pathlib import Path

from checklist.guide_format import import_version
from checklist.models import Answer, Checklist, Guide, Question
from checklist.tokens import hash_token
from tests.factory import answer_fields, make_draft, publish

EDITION_1 = Path(__file__).parent / "data" / "stem-cells-cp-edition-1.json"
EDITION_2 = Path(__file__).parent.parent / "checklist" / "data" / "stem-cells-cp.json"


def _version_two(draft):
    """Version 2: one question changed, one removed, one added, a section removed."""
    changed = draft.questions.get(key="q-1-1")
    changed.text = "Question 1 of section 1, said more plainly?"
    changed.save()
    draft.questions.get(key="q-1-2").delete()
    Question.objects.create(
        version=draft,
        section=draft.sections.get(key="section-1"),
        position=3,
        key="q-new",
        text="A new question?",
        why="Why.",
        clear_answer="Clear.",
        warning_signs="Signs.",
        source_keys=["SRC1"],
    )
    draft.sections.get(key="section-2").delete()
    return publish(draft)


def _start(client):
    response = client.post("/start/alices-guide/", {})
    return response["Location"].split("/")[2]


def test_a_draft_is_not_offered_to_families(alice, client):
    make_draft(alice.user, visibility="unlisted")
    token = _start(client)
    assert 'id="new-questions"' not in client.get(f"/c/{token}/").content.decode()


def test_a_family_on_version_1_keeps_every_answer_when_moving_to_version_2(alice, client):
    draft = make_draft(alice.user, visibility="unlisted")
    token = _start(client)
    answers = {a.question.key: a for a in Answer.objects.select_related("question") if a.question}
    for key, words in [("q-1-1", "Kept one"), ("q-1-2", "Kept two"), ("q-2-1", "Kept three")]:
        client.post(
            f"/c/{token}/a/{answers[key].pk}/",
            answer_fields(answers[key], response=words, notes=f"Note {key}", starred=True),
            HTTP_HX_REQUEST="true",
        )
    first_section = answers["q-1-1"].section
    own = Answer.objects.create(
        checklist=answers["q-1-1"].checklist,
        clinic=answers["q-1-1"].clinic,
        own_key=1,
        section=first_section,
        own_question="My own question?",
        position=9,
        response="Own answer",
    )
    new = _version_two(draft)

    for path in ["", "s/1/"]:
        assert "1 new question in this guide" in client.get(f"/c/{token}/{path}").content.decode()
    response = client.post(f"/c/{token}/new-questions/")
    assert response.status_code == 302

    checklist = answers["q-1-1"].checklist
    checklist.refresh_from_db()
    assert checklist.version == new
    by_text = {a.text: a for a in checklist.answers.select_related("question", "section")}
    changed = by_text["Question 1 of section 1, said more plainly?"]
    assert (changed.response, changed.notes, changed.starred) == ("Kept one", "Note q-1-1", True)
    assert changed.question is not None and changed.question.version == new
    assert changed.section.version == new
    removed = by_text["Question 2 of section 1?"]
    assert removed.is_own and removed.response == "Kept two"
    assert removed.section.key == "section-1"
    gone_section = by_text["Question 1 of section 2?"]
    assert gone_section.is_own and gone_section.response == "Kept three"
    assert gone_section.section == new.sections.last()
    assert by_text["My own question?"].response == "Own answer"
    assert by_text["My own question?"].pk == own.pk
    assert by_text["A new question?"].response == ""
    assert all(a.section.version_id == new.pk for a in by_text.values())
    assert 'id="new-questions"' not in client.get(f"/c/{token}/").content.decode()


def test_after_moving_the_family_pages_still_work(alice, client):
    draft = make_draft(alice.user, visibility="unlisted")
    token = _start(client)
    _version_two(draft)
    client.post(f"/c/{token}/new-questions/")
    for path in ["", "s/1/", "review/", "export.json"]:
        assert client.get(f"/c/{token}/{path}").status_code == 200, path


def _load_edition(path):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    guide, _new = Guide.objects.get_or_create(
        slug="stem-cells-cp", defaults={"is_builtin": True, "visibility": "public"}
    )
    return import_version(data, guide)


def test_a_family_on_edition_1_of_the_built_in_guide_keeps_every_answer_in_edition_2(client, db):
    _load_edition(EDITION_1)
    token = client.post("/start/", {})["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    answers = list(checklist.answers.select_related("question"))
    for answer in answers:
        assert answer.question is not None
        answer.response = f"Answer to {answer.question.key}"
        answer.notes = f"Note on {answer.question.key}"
    Answer.objects.bulk_update(answers, ["response", "notes"])
    typed = {(a.response, a.notes) for a in answers}

    edition_2 = _load_edition(EDITION_2)
    page = client.get(f"/c/{token}/").content.decode()
    assert "new questions in this guide" in page
    client.post(f"/c/{token}/new-questions/")

    after = list(checklist.answers.select_related("question"))
    assert typed <= {(a.response, a.notes) for a in after}
    by_key = {a.question.key: a for a in after if a.question}
    assert set(by_key) == set(edition_2.questions.values_list("key", flat=True))
    # The answer to a question edition 2 merged into another stays with it, or beside it.
    assert by_key["what-reviews-found"].response == "Answer to what-reviews-found"
    own = {a.own_question for a in after if a.is_own}
    assert "Answer to size-of-gain" in {a.response for a in after if a.is_own}
    assert len(own) == len(typed) - len([a for a in after if a.question and a.response])


def test_an_answer_only_to_a_merged_question_moves_into_the_new_one(client, db):
    _load_edition(EDITION_1)
    token = client.post("/start/", {})["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    merged = checklist.answers.get(question__key="regulator-allows")
    merged.response = "They said the health ministry allows it."
    merged.save()
    _load_edition(EDITION_2)
    client.post(f"/c/{token}/new-questions/")
    into = checklist.answers.get(question__key="approved-by-agency")
    assert into.response == "They said the health ministry allows it."
    # Untouched answers of questions that are gone leave nothing behind.
    assert not checklist.answers.filter(own_question__gt="").exists()


def test_a_family_with_two_clinics_keeps_each_clinics_answers_and_the_same_questions(alice, client):
    draft = make_draft(alice.user, visibility="unlisted")
    token = _start(client)
    client.post(f"/c/{token}/clinics/", {"clinic_name": "Second"})
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    first, second = checklist.clinics.all()
    # Only the second clinic answered the question version 2 removes; only the first,
    # the question of the section it removes.
    removed = second.answers.get(question__key="q-1-2")
    client.post(f"/c/{token}/a/{removed.pk}/", answer_fields(removed, response="Second said"))
    gone = first.answers.get(question__key="q-2-1")
    client.post(f"/c/{token}/a/{gone.pk}/", answer_fields(gone, response="First said"))
    _version_two(draft)
    client.post(f"/c/{token}/new-questions/")

    def texts(clinic):
        return sorted((a.text, a.response) for a in clinic.answers.select_related("question"))

    assert [t for t, _r in texts(first)] == [t for t, _r in texts(second)]
    assert ("Question 2 of section 1?", "Second said") in texts(second)
    assert ("Question 2 of section 1?", "") in texts(first)
    assert ("Question 1 of section 2?", "First said") in texts(first)
    own = Answer.objects.filter(checklist=checklist, question__isnull=True)
    assert own.count() == 4
    assert len(set(own.values_list("own_key", flat=True))) == 2
