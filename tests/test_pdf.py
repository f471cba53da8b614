"""The "Questions to bring" PDF, and what every PDF download shares: options, pages, cache."""

import re
import subprocess

import pytest
import weasyprint

from tests.factory import save
from tests.printouts import choose, pdf_info, pdf_language, pdf_text, squeezed


def answers_of(family):
    return list(family.checklist.answers.order_by("section__position", "position"))


def test_the_pdf_holds_the_chosen_questions_priorities_first(family):
    answers = answers_of(family)
    save(family, answers[5], starred=True)
    save(family, answers[0], included=False)
    response = family.client.get(family.url("pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Question 1 of section 1?" not in text
    assert text.index("Question 2 of section 3?") < text.index("Question 2 of section 1?")
    assert text.index("Top priorities") < text.index("Question 2 of section 3?")
    assert "Top priority" in text
    assert "Clinic A" in text
    assert text.count("Their answer was:") == 5
    assert "After the visit" in text
    assert "A made-up source, 2025." in text


def test_why_to_ask_and_warning_signs_are_printed_unless_left_out(family):
    text = pdf_text(family.client.get(family.url("pdf")).content)
    assert "Why question 1.1 matters." in text
    assert "Warning signs for 1.1." in text
    choose(family, print_why=False)
    text = pdf_text(family.client.get(family.url("pdf")).content)
    assert "Question 1 of section 1?" in text
    assert "Why question 1.1 matters." not in text
    assert "Warning signs for 1.1." not in text


def test_private_notes_stay_out_by_default(family):
    answer = answers_of(family)[0]
    save(family, answer, notes="Our private worry")
    assert "Our private worry" not in pdf_text(family.client.get(family.url("pdf")).content)


def test_private_notes_are_printed_when_the_family_asks(family):
    answer = answers_of(family)[0]
    save(family, answer, notes="Our private worry")
    choose(family, print_notes="on")
    assert "Our private worry" in pdf_text(family.client.get(family.url("pdf")).content)


def test_an_answer_already_written_down_is_printed(family):
    save(family, answers_of(family)[0], response="They sent us a leaflet.")
    assert "They sent us a leaflet." in pdf_text(family.client.get(family.url("pdf")).content)


def test_a_qr_code_to_the_checklist_is_printed_only_when_chosen(family):
    assert "Scan to open" not in pdf_text(family.client.get(family.url("pdf")).content)
    choose(family, print_link_qr="on")
    text = squeezed(pdf_text(family.client.get(family.url("pdf")).content))
    assert squeezed("Scan to open this checklist.") in text
    assert squeezed("anyone who has this paper can open and change it.") in text


def test_the_file_is_named_after_the_date_and_the_clinic_only_if_chosen(family):
    family.client.post(
        family.url("details/"), {"clinic_name": "Clinic Ä & Co", "appointment_date": "2026-12-01"}
    )
    response = family.client.get(family.url("pdf"))
    assert response["Content-Disposition"] == 'attachment; filename="askfirst-2026-12-01.pdf"'
    assert pdf_info(response.content)["Title"] == "Questions to bring"
    choose(family, print_names="on")
    response = family.client.get(family.url("pdf"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="askfirst-clinic-a-co-2026-12-01.pdf"'
    )
    assert pdf_info(response.content)["Title"] == "Questions to bring · Clinic Ä & Co"


def test_every_page_shows_its_number_and_the_disclaimer(family):
    content = family.client.get(family.url("pdf")).content
    pages = int(pdf_info(content)["Pages"])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdf_text(content, page)
        assert f"Page {page} of {pages}" in text
        assert "does not give medical advice" in text


def test_the_paper_is_a4_or_us_letter_as_chosen(family):
    choose(family, paper_size="a4")
    assert "(A4)" in pdf_info(family.client.get(family.url("pdf")).content)["Page size"]
    choose(family, paper_size="letter")
    assert "(letter)" in pdf_info(family.client.get(family.url("pdf")).content)["Page size"]


@pytest.mark.parametrize(
    ("languages", "paper"),
    [
        ("en-US,en;q=0.9", "(letter)"),
        ("es-MX", "(letter)"),
        ("fr-CA,fr;q=0.8", "(letter)"),
        ("en-GB,en;q=0.9", "(A4)"),
        ("de", "(A4)"),
        ("es,es-419;q=0.9", "(A4)"),
    ],
)
def test_until_the_family_chooses_the_paper_follows_the_browser_language(family, languages, paper):
    response = family.client.get(family.url("pdf"), HTTP_ACCEPT_LANGUAGE=languages)
    assert paper in pdf_info(response.content)["Page size"]


def word_heights(content: bytes) -> list[float]:
    """The height of each word on the first page, smallest first."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted(
        float(y2) - float(y1)
        for y1, y2 in re.findall(r'<word [^>]*yMin="([^"]+)"[^>]*yMax="([^"]+)"', html)
    )


def test_large_print_is_at_least_14_point_and_takes_more_pages(family):
    normal = family.client.get(family.url("pdf")).content
    choose(family, large_print="True")
    large = family.client.get(family.url("pdf")).content
    # Body text is 11.5 pt in normal print; most words on a page are body text.
    normal_heights, large_heights = word_heights(normal), word_heights(large)
    normal_height = normal_heights[len(normal_heights) // 2]
    large_height = large_heights[len(large_heights) // 2]
    assert 11.5 * large_height / normal_height >= 14
    assert int(pdf_info(large)["Pages"]) > int(pdf_info(normal)["Pages"])
    assert "(A4)" in pdf_info(large)["Page size"]


def test_the_pdf_names_its_title_author_and_language_and_is_tagged(family):
    content = family.client.get(family.url("pdf")).content
    info = pdf_info(content)
    assert info["Title"] == "Questions to bring"
    assert info["Author"] == "AskFirst"
    assert info["Tagged"] == "yes"
    assert pdf_language(content) == "en"


def test_a_repeat_download_is_not_sent_again(family):
    first = family.client.get(family.url("pdf"))
    again = family.client.get(family.url("pdf"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_repeat_download_comes_from_the_cache_without_rendering(family, monkeypatch):
    first = family.client.get(family.url("pdf"))
    renders = []
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *a, **k: renders.append(a))
    again = family.client.get(family.url("pdf"))
    assert renders == []
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_any_change_makes_a_new_pdf(family):
    etags = {family.client.get(family.url("pdf"))["ETag"]}
    save(family, answers_of(family)[0], response="A new answer")
    etags.add(family.client.get(family.url("pdf"))["ETag"])
    family.client.post(family.url("details/"), {"clinic_name": "Another clinic"})
    etags.add(family.client.get(family.url("pdf"))["ETag"])
    choose(family, paper_size="letter")
    response = family.client.get(family.url("pdf"))
    etags.add(response["ETag"])
    assert len(etags) == 4
    assert "Another clinic" in pdf_text(response.content)
    assert "(letter)" in pdf_info(response.content)["Page size"]


def test_an_old_etag_gets_the_new_pdf(family):
    old = family.client.get(family.url("pdf"))["ETag"]
    save(family, answers_of(family)[0], response="A new answer")
    response = family.client.get(family.url("pdf"), HTTP_IF_NONE_MATCH=old)
    assert response.status_code == 200
    assert "A new answer" in pdf_text(response.content)


def test_the_pdf_is_never_kept_by_the_browser_or_sent_on(family):
    response = family.client.get(family.url("pdf"))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
