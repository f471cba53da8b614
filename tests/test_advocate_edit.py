"""The draft editor: details, sections, questions, sources; htmx and plain POST alike."""

import re
import threading
import time

import pytest
from django.db import connection, connections, transaction

from checklist.models import Guide, GuideVersion, Question, Section
from tests.factory import draft_of, make_draft

GUIDE = "/advocate/g/alices-guide/"


def _new_guide(alice, title="Questions about costs"):
    response = alice.client.post(
        "/advocate/new/",
        {
            "title": title,
            "description": "What to ask about money.",
            "audience": "Parents",
            "language": "en",
            "author": "Alice's group",
        },
    )
    assert response.status_code == 302
    return Guide.objects.get(owner=alice.user)


def test_an_advocate_starts_a_guide_from_scratch(alice):
    guide = _new_guide(alice)
    assert guide.slug == "questions-about-costs"
    assert guide.visibility == "private"
    draft = draft_of(guide)
    assert draft is not None and (draft.number, draft.title) == (1, "Questions about costs")


def test_adding_a_section_and_a_question_without_javascript(alice):
    guide = _new_guide(alice)
    url = f"/advocate/g/{guide.slug}/"
    assert (
        alice.client.post(url + "sections/add/", {"new-section-title": "Money"}).status_code == 302
    )
    section = draft_of(guide).sections.get()
    response = alice.client.post(
        url + f"s/{section.key}/add/", {f"new-{section.key}-text": "How much does it cost?"}
    )
    question = Question.objects.get(section=section)
    assert response["Location"] == url + f"q/{question.key}/"
    assert question.key.startswith("q-")


def test_htmx_gets_only_the_outline(alice):
    make_draft(alice.user)
    response = alice.client.post(
        GUIDE + "sections/add/", {"new-section-title": "More"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="outline"')
    assert "More" in page and "<html" not in page
    # A browser must not show the outline alone for the editor page, nor the page in a swap.
    assert "HX-Request" in response["Vary"]


def test_a_question_sent_empty_comes_back_with_its_message_and_the_focus(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    response = alice.client.post(
        GUIDE + f"s/{section.key}/add/", {f"new-{section.key}-text": " "}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422  # swapped in by htmx (base.html), so seen in place
    page = response.content.decode()
    assert "This field is required." in page
    field = re.search(rf'<input[^>]*name="new-{section.key}-text"[^>]*>', page)
    assert field is not None and "autofocus" in field[0]


def test_questions_move_up_and_down(alice):
    draft = make_draft(alice.user)
    first, second = draft.questions.filter(section__position=1).order_by("position")
    alice.client.post(GUIDE + f"q/{second.key}/move/", {"direction": "up"})
    order = list(draft.questions.filter(section__position=1).order_by("position"))
    assert [q.key for q in order] == [second.key, first.key]


def test_sections_move_and_the_last_one_cannot_go_further(alice):
    draft = make_draft(alice.user)
    first, second = draft.sections.all()
    alice.client.post(GUIDE + f"s/{second.key}/move/", {"direction": "down"})
    alice.client.post(GUIDE + f"s/{first.key}/move/", {"direction": "down"})
    assert [s.key for s in draft.sections.all()] == [second.key, first.key]


def test_what_is_added_goes_last_after_moves_and_deletions(alice):
    draft = make_draft(alice.user, sections=3)
    first, second, third = draft.sections.all()
    alice.client.post(GUIDE + f"s/{third.key}/move/", {"direction": "up"})
    alice.client.post(GUIDE + f"s/{first.key}/delete/")
    alice.client.post(GUIDE + "sections/add/", {"new-section-title": "Added last"})
    assert [s.title for s in draft.sections.all()] == ["Section 3", "Section 2", "Added last"]
    q1, q2 = second.questions.order_by("position")
    alice.client.post(GUIDE + f"q/{q2.key}/delete/")
    alice.client.post(GUIDE + f"s/{second.key}/add/", {f"new-{second.key}-text": "Last?"})
    assert [q.text for q in second.questions.order_by("position")] == [q1.text, "Last?"]
    alice.client.post(GUIDE + "sources/add/", {"key": "NEW1", "citation": "New, 2025."})
    assert [s.key for s in draft.sources.all()] == ["SRC1", "NEW1"]


@pytest.mark.django_db(transaction=True)
def test_two_sections_added_at_once_both_land(alice):
    """One request adds a section while another is half-way through adding one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks and pg_stat_activity: PostgreSQL")
    draft = make_draft(alice.user)
    responses = []

    def add_section():
        try:
            responses.append(
                alice.client.post(GUIDE + "sections/add/", {"new-section-title": "Second"})
            )
        finally:
            connections.close_all()

    other = threading.Thread(target=add_section)
    with transaction.atomic():
        Section.objects.create(
            version=draft,
            position=draft.next_position(draft.sections.all()),
            key="s-first",
            title="First",
        )
        other.start()
        # Commit only once the other request waits on this one.
        for _ in range(200):
            with connection.cursor() as cursor:
                # Activity is read once per transaction unless asked afresh.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the other request never waited")
    other.join(timeout=30)
    assert [r.status_code for r in responses] == [302]
    assert [s.title for s in draft.sections.all()][-2:] == ["First", "Second"]


def test_deleting_a_question_and_a_section(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    alice.client.post(GUIDE + f"q/{question.key}/delete/", HTTP_HX_REQUEST="true")
    assert not draft.questions.filter(key=question.key).exists()
    section = draft.sections.all()[0]
    alice.client.post(GUIDE + f"s/{section.key}/delete/")
    assert draft.sections.count() == 1


def test_every_field_of_a_question_can_be_edited(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    response = alice.client.post(
        GUIDE + f"q/{question.key}/",
        {
            "text": "Who pays if something goes wrong?",
            "why": "Care after a problem can cost a lot.",
            "clear_answer": "A written promise of who pays.",
            "warning_signs": "No answer in writing.",
            "source_keys": ["SRC1"],
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Who pays if something goes wrong?"
    assert question.source_keys == ["SRC1"]


def test_markup_in_a_question_is_refused_next_to_its_field(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    response = alice.client.post(
        GUIDE + f"q/{question.key}/", {"text": "<b>Bold</b> question?", "source_keys": []}
    )
    assert "Please write plain text, without HTML tags." in response.content.decode()
    question.refresh_from_db()
    assert "<b>" not in question.text


def test_titles_are_one_line_and_no_text_holds_control_characters(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    response = alice.client.post(
        GUIDE + f"q/{question.key}/", {"text": "Who\x07 pays?", "why": "Mo\x0bney."}
    )
    assert response.content.decode().count("Please remove the invisible control characters") == 2
    response = alice.client.post(GUIDE + "sections/add/", {"new-section-title": "Money\nand time"})
    assert "Please write this on one line." in response.content.decode()
    assert draft.sections.count() == 2


def test_the_editor_shows_the_reading_level_with_a_gentle_warning(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    Question.objects.filter(pk=question.pk).update(
        text="Considering the comprehensive documentation requirements, what institutional "
        "accreditation verification procedures does your organisation systematically undertake?"
    )
    page = alice.client.get(GUIDE + "edit/").content.decode()
    assert "Reading level: grade" in page
    assert "Some families may find this hard to read" in page


def test_sources_are_added_renamed_and_deleted_with_their_uses(alice):
    draft = make_draft(alice.user)
    alice.client.post(
        GUIDE + "sources/add/",
        {"key": "WHO2024", "citation": "WHO, 2024.", "url": "https://who.int/x"},
    )
    assert draft.sources.filter(key="WHO2024").exists()
    alice.client.post(GUIDE + "sources/SRC1/", {"key": "OLD1", "citation": "Renamed", "url": ""})
    assert all(q.source_keys == ["OLD1"] for q in draft.questions.all())
    alice.client.post(GUIDE + "sources/OLD1/delete/")
    assert all(q.source_keys == [] for q in draft.questions.all())


def test_a_source_link_must_be_https(alice):
    make_draft(alice.user)
    page = alice.client.post(
        GUIDE + "sources/add/", {"key": "X", "citation": "X", "url": "http://example.org"}
    ).content.decode()
    assert "Enter a valid URL." in page


def test_copying_a_public_guide_keeps_the_credit(alice, small_guide):
    response = alice.client.post("/advocate/copy/test-guide/")
    assert response.status_code == 302
    guide = Guide.objects.get(owner=alice.user)
    assert (guide.based_on_title, guide.based_on_author) == ("A test guide", "Test advocate")
    assert draft_of(guide).questions.count() == small_guide.questions.count()
    assert (
        "Based on “A test guide” by Test advocate"
        in alice.client.get(f"/advocate/g/{guide.slug}/").content.decode()
    )


def test_the_preview_shows_the_draft_as_families_will(alice):
    draft = make_draft(alice.user)
    GuideVersion.objects.filter(pk=draft.pk).update(title="The draft title")
    page = alice.client.get(GUIDE + "preview/").content.decode()
    assert "The draft title" in page
    assert "Why ask" in page and "Warning signs" in page
    assert "/guides/alices-guide/pdf" in page


def test_a_guide_families_use_cannot_be_deleted(alice, client):
    make_draft(alice.user, visibility="public")
    client.post("/start/alices-guide/", {})
    alice.client.post(GUIDE + "delete/")
    assert Guide.objects.filter(slug="alices-guide").exists()


def test_an_unused_guide_is_deleted(alice):
    make_draft(alice.user)
    alice.client.post(GUIDE + "delete/")
    assert not Guide.objects.filter(slug="alices-guide").exists()


def test_htmx_saves_a_question_in_place(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    response = alice.client.post(
        GUIDE + f"q/{question.key}/",
        {"text": "Is it safe?", "why": "", "source_keys": ["SRC1"]},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<form id="question-form"')
    assert "Saved" in page and "Reading level" in page
