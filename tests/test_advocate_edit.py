"""The draft editor: details, sections, questions, sources; htmx and plain POST alike."""

import re
import threading
import time

import pytest
from django.db import connection, connections, transaction

from checklist.guide_format import export_version, validate
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
    # The printout is of the draft too (tests/test_preview_pdf.py), not the published one.
    assert "/advocate/g/alices-guide/preview.pdf" in page


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


def test_the_guide_s_dates_people_and_funding_are_edited_and_exported(alice):
    draft = make_draft(alice.user)
    page = alice.client.get(GUIDE + "about/").content.decode()
    assert "Who wrote and checked it" in page
    response = alice.client.post(
        GUIDE + "about/",
        {
            "evidence_checked": "2026-11-30",
            "funding": "Paid for by our members. No money from clinics.",
            "conflicts_of_interest": "None.",
            "update_policy": "Checked every spring.",
            "people-TOTAL_FORMS": "3",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "Alice's group",
            "people-0-role": "author",
            "people-1-name": "Dr Ruiz",
            "people-1-role": "reviewer",
            "people-1-note": "Paediatric neurologist",
            "people-2-name": "",
            "people-2-role": "author",
        },
    )
    assert response.status_code == 302
    about = export_version(draft_of(draft.guide))["about"]
    assert about["evidence_checked"] == "2026-11-30"
    assert about["funding"] == "Paid for by our members. No money from clinics."
    assert about["contributors"] == [
        {"name": "Alice's group", "role": "author"},
        {"name": "Dr Ruiz", "role": "reviewer", "note": "Paediatric neurologist"},
    ]


def test_a_question_becomes_an_item_for_the_family_or_a_core_question_with_a_claim(alice):
    draft = make_draft(alice.user)
    alice.client.post(
        GUIDE + "sources/add/", {"key": "CLAIM1", "kind": "claim", "citation": "An advert."}
    )
    first, second = draft.questions.all()[:2]
    alice.client.post(
        GUIDE + f"q/{first.key}/",
        {"kind": "family", "text": "What matters most to us?", "why": "It helps you weigh."},
    )
    alice.client.post(
        GUIDE + f"q/{second.key}/",
        {
            "kind": "clinic",
            "text": "What does it cost in all?",
            "why": "Costs add up.",
            "clear_answer": "A written quote.",
            "warning_signs": "Cash only.",
            "clinic_claim": "Clinics say the price covers everything.",
            "source_keys": ["SRC1", "CLAIM1"],
            "core": "on",
            "answer_format": "costs",
        },
    )
    data = export_version(draft_of(draft.guide))
    items = {q["key"]: q for s in data["sections"] for q in s["questions"]}
    assert items[first.key]["kind"] == "family"
    assert items[second.key]["core"] and items[second.key]["answer_format"] == "costs"
    assert items[second.key]["clinic_claim"] == "Clinics say the price covers everything."
    assert items[second.key]["sources"] == ["SRC1", "CLAIM1"]
    assert validate(data) == []


def test_glossary_terms_are_added_edited_and_deleted(alice):
    draft = make_draft(alice.user)
    response = alice.client.post(
        GUIDE + "glossary/add/",
        {
            "term-term": "stem cell",
            "term-also": "stem cells, stem-cell",
            "term-definition": "A cell.",
        },
    )
    assert response["Location"].endswith("#glossary")
    term = draft.glossary.get()
    assert (term.term, term.also) == ("stem cell", ["stem cells", "stem-cell"])
    alice.client.post(
        GUIDE + f"glossary/{term.key}/",
        {"term": "stem cell", "also": "", "definition": "A cell that makes more cells."},
    )
    term.refresh_from_db()
    assert term.definition == "A cell that makes more cells." and term.also == []
    assert "A cell that makes more cells." in alice.client.get(GUIDE + "edit/").content.decode()
    alice.client.post(GUIDE + f"glossary/{term.key}/delete/")
    assert not draft.glossary.exists()


def test_a_new_version_can_take_the_answers_of_a_question_it_dropped(alice):
    draft = make_draft(alice.user)
    gone = draft.questions.get(key="q-1-2")
    gone.delete()
    kept = draft.questions.get(key="q-1-1")
    page = alice.client.get(GUIDE + f"q/{kept.key}/").content.decode()
    assert "Takes the answers of" in page and "Question 2 of section 1?" in page
    alice.client.post(
        GUIDE + f"q/{kept.key}/",
        {
            "text": kept.text,
            "why": "W",
            "clear_answer": "C",
            "warning_signs": "S",
            "source_keys": ["SRC1"],
            "replaces": ["q-1-2"],
        },
    )
    kept.refresh_from_db()
    assert kept.replaces == ["q-1-2"]


def _keys(section: Section) -> list[str]:
    return list(section.questions.order_by("position").values_list("key", flat=True))


def test_a_question_moves_to_a_chosen_position_without_javascript(alice):
    draft = make_draft(alice.user, questions=4)
    section = draft.sections.all()[0]
    q1, q2, q3, q4 = _keys(section)
    response = alice.client.post(GUIDE + f"q/{q4}/move/", {"position": "2"})
    assert response.status_code == 302 and response["Location"].endswith(f"#q-{q4}")
    assert _keys(section) == [q1, q4, q2, q3]
    # Past the end means last; words are not a position and move nothing.
    alice.client.post(GUIDE + f"q/{q1}/move/", {"position": "99"})
    alice.client.post(GUIDE + f"q/{q2}/move/", {"position": "first"})
    assert _keys(section) == [q4, q2, q3, q1]


def test_a_question_moves_to_another_section(alice):
    draft = make_draft(alice.user)
    one, two = draft.sections.all()
    a1, a2 = _keys(one)
    b1, b2 = _keys(two)
    alice.client.post(GUIDE + f"q/{a2}/move/", {"section": two.key, "position": "2"})
    assert (_keys(one), _keys(two)) == ([a1], [b1, a2, b2])
    # The published guide file keeps the new order.
    exported = export_version(draft)
    assert [q["key"] for q in exported["sections"][1]["questions"]] == [b1, a2, b2]
    assert validate(exported) == []


def test_a_question_cannot_move_to_a_section_the_draft_does_not_have(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    before = _keys(section)
    response = alice.client.post(
        GUIDE + f"q/{before[0]}/move/", {"section": "no-such-section", "position": "1"}
    )
    assert response.status_code == 404
    assert _keys(section) == before


def test_a_section_moves_to_a_chosen_position_and_htmx_keeps_its_menu_in_focus(alice):
    draft = make_draft(alice.user, sections=3)
    first, second, third = draft.sections.all()
    response = alice.client.post(
        GUIDE + f"s/{third.key}/move/", {"position": "1"}, HTTP_HX_REQUEST="true"
    )
    assert [s.key for s in draft.sections.all()] == [third.key, first.key, second.key]
    menu = re.search(rf'<summary[^>]*id="s-{third.key}-menu"[^>]*>', response.content.decode())
    assert menu is not None and "autofocus" in menu[0]


def test_a_question_is_duplicated_right_after_itself_with_a_key_of_its_own(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    q1, q2 = _keys(section)
    Question.objects.filter(key=q1, version=draft).update(replaces=["old-question"])
    response = alice.client.post(GUIDE + f"q/{q1}/duplicate/")
    keys = _keys(section)
    assert len(keys) == 3 and keys[0] == q1 and keys[2] == q2
    copy = Question.objects.get(version=draft, key=keys[1])
    original = Question.objects.get(version=draft, key=q1)
    assert (copy.text, copy.why, copy.source_keys) == (
        original.text,
        original.why,
        original.source_keys,
    )
    # Only one question may take an earlier question's answers.
    assert copy.replaces == []
    assert response["Location"].endswith(f"#q-{copy.key}")


def test_a_section_is_duplicated_with_its_questions_after_itself(alice):
    draft = make_draft(alice.user)
    first, second = draft.sections.all()
    alice.client.post(GUIDE + f"s/{first.key}/duplicate/")
    sections = list(draft.sections.all())
    assert [s.title for s in sections] == ["Section 1", "Section 1", "Section 2"]
    copy = sections[1]
    assert copy.key not in (first.key, second.key)
    assert [q.text for q in copy.questions.order_by("position")] == [
        "Question 1 of section 1?",
        "Question 2 of section 1?",
    ]
    assert set(_keys(copy)).isdisjoint(_keys(first))
    assert validate(export_version(draft)) == []


def test_each_outline_row_has_one_menu(alice):
    draft = make_draft(alice.user)
    page = alice.client.get(GUIDE + "edit/").content.decode()
    rows = draft.sections.count() + draft.questions.count()
    assert page.count('<details class="row-menu"') == rows
    # Inside each: up, down, move to a position, duplicate, delete; the title opens the editor.
    question = _keys(draft.sections.all()[0])[0]
    menu = page[page.index(f'id="q-{question}-menu"') :]
    menu = menu[: menu.index("</details>")]
    for words in ["Up", "Down", "Position", "Move", "Duplicate", "Delete"]:
        assert f">{words}<" in menu, words
    assert f'href="{GUIDE}q/{question}/">Question 1 of section 1?</a>' in page


def test_odd_positions_never_fail_and_an_empty_one_means_the_end(alice):
    draft = make_draft(alice.user, questions=3)
    one, two = draft.sections.all()
    q1, q2, _q3 = _keys(one)
    for odd in ["²", "①", "9" * 5000, "-1", " "]:
        response = alice.client.post(GUIDE + f"q/{q1}/move/", {"position": odd})
        assert response.status_code == 302, odd
    assert _keys(one)[-1] == q1  # " " is empty: to the end
    alice.client.post(GUIDE + f"q/{q2}/move/", {"section": two.key, "position": ""})
    assert _keys(two)[-1] == q2 and q2 not in _keys(one)
    positions = list(two.questions.order_by("position").values_list("position", flat=True))
    assert positions == [1, 2, 3, 4]


def test_a_published_version_is_never_reordered(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    before = _keys(section)
    # Published in another tab after this page was opened.
    GuideVersion.objects.filter(pk=draft.pk).update(is_published=True)
    response = alice.client.post(GUIDE + f"q/{before[1]}/move/", {"direction": "up"})
    assert response.status_code == 404
    assert _keys(section) == before


def test_an_item_for_the_family_needs_only_why_to_publish(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    Question.objects.filter(pk=question.pk).update(kind="family")
    page = alice.client.get(GUIDE + f"q/{question.key}/").content.decode()
    assert page.count("(needed to publish)") == 1
    assert re.search(r'>Why ask <span class="optional">\(needed to publish\)', page)
