"""The answers record: what the clinic said, and what is still open, after the visit."""

import pytest

from tests.factory import save
from tests.printouts import choose, pdf_info, pdf_text


def record(family) -> str:
    response = family.client.get(family.url("pdf/answers"))
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


@pytest.fixture
def visited(family):
    """A family back from the visit: answers written down and rated."""
    answers = list(family.checklist.answers.order_by("section__position", "position"))
    save(family, answers[0], response="Approved in 2019.\nWe saw the letter.", rating="clear")
    save(family, answers[1], response="Hard to say.", rating="vague")
    save(family, answers[2], rating="refused", starred=True)
    save(family, answers[3], included=False)
    family.client.post(
        family.url("details/"), {"clinic_name": "Clinic A", "appointment_date": "2026-12-01"}
    )
    return family


def test_open_questions_come_first_then_every_answer_under_the_visit(visited):
    text = record(visited)
    open_at = text.index("Still open: no clear answer yet")
    visit_at = text.index("Visit on 1 December 2026")
    assert open_at < visit_at
    still_open = text[open_at:visit_at]
    assert "Question 2 of section 1?" in still_open  # vague
    assert "Question 1 of section 2?" in still_open  # refused
    assert "Question 1 of section 3?" in still_open  # not asked yet
    assert "Question 1 of section 1?" not in still_open  # clear
    visit = text[visit_at:]
    assert "Approved in 2019." in visit
    assert "We saw the letter." in visit
    assert "Hard to say." in visit
    assert "No answer written down." in visit
    assert "Question 2 of section 2?" not in text  # not chosen


def test_each_answer_says_how_clear_it_was_in_words(visited):
    text = record(visited)
    assert "1 Clear" in text
    assert "1 Vague" in text
    assert "1 Refused" in text
    assert "2 Not asked yet" in text
    assert "The answer was: Clear" in text
    assert "The answer was: Refused" in text


def test_top_priorities_are_marked(visited):
    text = " ".join(record(visited).split())
    assert text.index("Ask first Question 1 of section 2?") < text.index(
        "Question 1 of section 1?", text.index("Visit on")
    )


def test_private_notes_stay_out_of_the_record_by_default(visited):
    answer = visited.checklist.answers.order_by("pk").first()
    save(visited, answer, notes="Our private worry")
    assert "Our private worry" not in record(visited)
    choose(visited, print_notes="on")
    assert "Our private worry" in record(visited)


def test_the_record_is_named_after_the_date_and_the_clinic_only_if_chosen(visited):
    response = visited.client.get(visited.url("pdf/answers"))
    assert response["Content-Disposition"] == (
        'attachment; filename="askfirst-2026-12-01-answers.pdf"'
    )
    assert pdf_info(response.content)["Title"] == "Answers record"
    choose(visited, print_names="on")
    response = visited.client.get(visited.url("pdf/answers"))
    assert response["Content-Disposition"] == (
        'attachment; filename="askfirst-clinic-a-2026-12-01-answers.pdf"'
    )
    assert pdf_info(response.content)["Title"] == "Answers record · Clinic A"


def test_without_a_date_the_visit_has_a_plain_heading(family):
    assert "The visit" in record(family)
