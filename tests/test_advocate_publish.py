"""Publishing: a version is frozen for good; editing starts the next draft."""

import html
import re

import pytest
from django.test import Client

from checklist.models import FrozenVersionError, Guide, Question, Section, Source
from tests.factory import draft_of, make_draft, published_of

GUIDE = "/advocate/g/alices-guide/"


def test_publishing_needs_a_change_note(alice):
    draft = make_draft(alice.user)
    response = alice.client.post(GUIDE + "publish/", {"change_note": "", "visibility": "unlisted"})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_lists_what_is_unfinished(alice):
    draft = make_draft(alice.user)
    Question.objects.filter(pk=draft.questions.all()[0].pk).update(why="", source_keys=[])
    page = alice.client.post(
        GUIDE + "publish/", {"change_note": "New", "visibility": "unlisted"}
    ).content.decode()
    assert "Not published yet" in page
    assert (
        "question 1 (“Question 1 of section 1?”), Why ask: Needed to publish: why a family "
        "should ask this, in a sentence or two." in page
    )
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_published_version_is_what_families_start(alice):
    draft = make_draft(alice.user, visibility="unlisted")
    Question.objects.filter(pk=draft.questions.all()[0].pk).update(text="A better question?")
    response = alice.client.post(
        GUIDE + "publish/", {"change_note": "Clearer wording", "visibility": "unlisted"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.is_published, draft.change_note) == (True, "Clearer wording")
    assert "A better question?" in Client().get("/guides/alices-guide.json").content.decode()


def test_no_view_changes_a_published_version(alice):
    draft = make_draft(alice.user)
    published = published_of(draft.guide)
    question = published.questions.all()[0]
    alice.client.post(GUIDE + "publish/", {"change_note": "v2", "visibility": "unlisted"})
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
    alice.client.post(GUIDE + "publish/", {"change_note": "v2", "visibility": "unlisted"})
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


def _first_publish(alice):
    """A new guide's first draft, complete and never published."""
    draft = make_draft(alice.user, visibility="private")
    draft.guide.versions.filter(is_published=True).delete()
    return draft


def test_a_first_publish_offers_anyone_with_the_link_and_says_where_it_stands(alice):
    _first_publish(alice)
    page = alice.client.get(GUIDE).content.decode()
    assert "Not published yet: no family can see this guide." in page
    assert "Editing the draft of version 2." in page
    checked = re.search(r'<input[^>]*name="visibility"[^>]*checked[^>]*>', page)
    assert checked is not None and 'value="unlisted"' in checked[0]


def test_publishing_for_everyone_puts_the_guide_in_the_gallery_in_one_step(alice):
    draft = _first_publish(alice)
    response = alice.client.post(
        GUIDE + "publish/", {"change_note": "First", "visibility": "public"}, follow=True
    )
    page = response.content.decode()
    assert "Version 2 is published. Who can see it: Everyone: listed in the guide gallery." in page
    assert re.search(r"Live:</strong> version 2, published [^.]+\. Who can see it: Everyone", page)
    assert "Editing the draft" not in page
    draft.guide.refresh_from_db()
    assert draft.guide.visibility == "public"
    assert "A test guide" in Client().get("/guides/").content.decode()


def test_publishing_for_only_me_keeps_families_out(alice):
    _first_publish(alice)
    alice.client.post(GUIDE + "publish/", {"change_note": "First", "visibility": "private"})
    assert Client().get("/g/alices-guide/").status_code == 404


def test_a_failed_publish_changes_nobody_s_view(alice):
    draft = _first_publish(alice)
    Question.objects.filter(pk=draft.questions.all()[0].pk).update(clear_answer="")
    response = alice.client.post(GUIDE + "publish/", {"change_note": "x", "visibility": "public"})
    assert response.status_code == 400
    draft.guide.refresh_from_db()
    assert draft.guide.visibility == "private"


def test_a_guide_the_moderators_unlisted_cannot_be_published_for_everyone(alice):
    draft = make_draft(alice.user, visibility="unlisted")
    Guide.objects.filter(pk=draft.guide.pk).update(unlisted_by_moderator=True)
    response = alice.client.post(GUIDE + "publish/", {"change_note": "v2", "visibility": "public"})
    assert response.status_code == 400
    assert "cannot be made public" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_the_form_and_the_check_name_what_a_question_needs_in_the_same_words(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    form = html.unescape(alice.client.get(GUIDE + f"q/{question.key}/").content.decode())

    def blocked_by(**missing: object) -> str:
        """The publish check's words with these parts of the question left empty."""
        Question.objects.filter(pk=question.pk).update(**missing)
        check = alice.client.post(
            GUIDE + "publish/", {"change_note": "x", "visibility": "unlisted"}
        )
        Question.objects.filter(pk=question.pk).update(
            why=question.why, clear_answer=question.clear_answer, source_keys=question.source_keys
        )
        return html.unescape(check.content.decode())

    # The check names a missing "why" apart: until the file's shape is right, nothing else.
    for label, words, blocked in [
        (
            "Why ask",
            "Needed to publish: why a family should ask this, in a sentence or two.",
            blocked_by(why=""),
        ),
        (
            "A clear answer",
            "Needed to publish a question for the clinic.",
            blocked_by(clear_answer=""),
        ),
        (
            "Sources",
            "Needed to publish: at least one source that is not a clinic's claim.",
            blocked_by(source_keys=[]),
        ),
    ]:
        assert re.search(rf">{label} <span class=\"optional\">\(needed to publish\)</span>", form)
        assert words in form
        assert f"{label}: {words}" in blocked


def test_headings_and_crumbs_name_the_guide_not_its_address(alice):
    draft = make_draft(alice.user)
    for path in ["", "edit/", f"q/{draft.questions.all()[0].key}/", "preview/"]:
        page = alice.client.get(GUIDE + path).content.decode()
        crumb = re.search(r'<p class="crumb">.*?</p>', page, re.S)
        assert crumb is not None and "A test guide" in crumb[0], path
        assert ">alices-guide<" not in page, path


def test_the_publish_form_offers_no_gallery_for_a_guide_the_moderators_unlisted(alice):
    draft = make_draft(alice.user, visibility="unlisted")
    Guide.objects.filter(pk=draft.guide.pk).update(unlisted_by_moderator=True)
    page = alice.client.get(GUIDE).content.decode()
    assert 'value="unlisted"' in page and 'value="public"' not in page


def test_who_can_see_a_locked_guide_is_left_as_the_moderators_left_it(alice):
    draft = make_draft(alice.user, visibility="unlisted")
    guide = draft.guide
    # Locked by a moderator while the advocate's request was on its way.
    Guide.objects.filter(pk=guide.pk).update(is_locked=True)
    assert guide.show_to("public") is False
    guide.refresh_from_db()
    assert (guide.visibility, guide.is_locked) == ("unlisted", True)
