"""Publishing: a version is frozen for good; editing starts the next draft."""

import pytest
from django.test import Client

from checklist.models import FrozenVersionError, Question, Section, Source
from tests.factory import draft_of, make_draft, published_of

GUIDE = "/advocate/g/alices-guide/"


def test_publishing_needs_a_change_note(alice):
    draft = make_draft(alice.user)
    response = alice.client.post(GUIDE + "publish/", {"change_note": ""})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_lists_what_is_unfinished(alice):
    draft = make_draft(alice.user)
    Question.objects.filter(pk=draft.questions.all()[0].pk).update(why="", source_keys=[])
    page = alice.client.post(GUIDE + "publish/", {"change_note": "New"}).content.decode()
    assert "Not published yet" in page
    assert "question 1, why: must not be empty" in page
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_published_version_is_what_families_start(alice):
    draft = make_draft(alice.user, visibility="unlisted")
    Question.objects.filter(pk=draft.questions.all()[0].pk).update(text="A better question?")
    response = alice.client.post(GUIDE + "publish/", {"change_note": "Clearer wording"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.is_published, draft.change_note) == (True, "Clearer wording")
    assert "A better question?" in Client().get("/guides/alices-guide.json").content.decode()


def test_no_view_changes_a_published_version(alice):
    draft = make_draft(alice.user)
    published = published_of(draft.guide)
    question = published.questions.all()[0]
    alice.client.post(GUIDE + "publish/", {"change_note": "v2"})
    # Everything now published: the editor has no draft to change.
    assert alice.client.post(GUIDE + f"q/{question.key}/", {"text": "x"}).status_code == 404
    assert alice.client.post(GUIDE + f"q/{question.key}/delete/").status_code == 404
    assert (
        alice.client.post(GUIDE + "sources/add/", {"key": "A", "citation": "A"}).status_code == 404
    )
    question.refresh_from_db()
    assert question.text == "Question 1 of section 1?"


def test_the_models_refuse_to_change_a_published_version(alice):
    published = published_of(make_draft(alice.user).guide)
    question = published.questions.all()[0]
    question.text = "Sneaky?"
    with pytest.raises(FrozenVersionError):
        question.save()
    with pytest.raises(FrozenVersionError):
        published.sections.all()[0].delete()
    with pytest.raises(FrozenVersionError):
        Source.objects.create(version=published, position=9, key="NEW", citation="x")
    with pytest.raises(FrozenVersionError):
        Section.objects.create(version=published, position=9, key="new", title="x")
    published.title = "Changed"
    with pytest.raises(FrozenVersionError):
        published.save()


def test_editing_a_published_guide_starts_a_new_draft_with_the_same_keys(alice):
    draft = make_draft(alice.user)
    alice.client.post(GUIDE + "publish/", {"change_note": "v2"})
    response = alice.client.post(GUIDE + "draft/")
    assert response["Location"] == GUIDE + "edit/"
    new = draft_of(draft.guide)
    assert new is not None and new.number == 3 and new.change_note == ""
    assert set(new.questions.values_list("key", flat=True)) == set(
        draft.questions.values_list("key", flat=True)
    )


def test_new_questions_get_keys_no_version_has_used(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    for _ in range(3):
        alice.client.post(GUIDE + f"s/{section.key}/add/", {f"new-{section.key}-text": "New?"})
    keys = list(draft.questions.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 7


def test_the_guide_page_counts_checklists_per_version_and_nothing_else(alice):
    make_draft(alice.user, visibility="public")
    family = Client()
    family.post("/start/alices-guide/", {"child_name": "Sam", "clinic_name": "Secret clinic"})
    page = alice.client.get(GUIDE).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2
    assert "draft</td><td>-</td><td>0</td></tr>" in rows  # version 2
    assert rows.strip().endswith("<td>1</td></tr>")  # version 1
    assert "Sam" not in page and "Secret clinic" not in page
