"""A family on version 1 keeps everything when version 2 adds, changes or removes questions."""

from checklist.models import Answer, Question
from tests.factory import answer_fields, make_draft, publish


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
