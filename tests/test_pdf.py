"""The "My questions and notes" PDF, and what every PDF download shares: options, pages, cache."""

import re
import subprocess
from collections import Counter

import pytest
import weasyprint

from checklist.models import Answer
from checklist.pdf import BASE_URL, StaticFilesOnly
from tests.factory import save, start_checklist
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
    assert text.index("Ask these first") < text.index("Question 2 of section 3?")
    assert "Ask first" in text
    assert "Clinic A" in text
    assert text.count("The answer was:") == 5
    # The short sheet ends with where the questions come from; no page of extras.
    assert "From the guide" in text and "After the visit" not in text
    assert "A made-up source, 2025." not in text  # sources come with the guidance


def test_why_to_ask_and_warning_signs_are_printed_only_if_chosen(family):
    # The short sheet by default: the questions, lines to write and boxes to tick.
    text = pdf_text(family.client.get(family.url("pdf")).content)
    assert "Question 1 of section 1?" in text
    assert "Why question 1.1 matters." not in text
    assert "Warning signs for 1.1." not in text
    choose(family, print_why="on")
    text = pdf_text(family.client.get(family.url("pdf")).content)
    assert "Why question 1.1 matters." in text
    assert "Warning signs for 1.1." in text


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
    assert pdf_info(response.content)["Title"] == "My questions and notes"
    choose(family, print_names="on")
    response = family.client.get(family.url("pdf"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="askfirst-clinic-a-co-2026-12-01.pdf"'
    )
    assert pdf_info(response.content)["Title"] == "My questions and notes · Clinic Ä & Co"


def test_every_page_shows_its_number_and_the_disclaimer(family):
    choose(family, print_why="on", large_print="True")  # a longer paper
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
    assert info["Title"] == "My questions and notes"
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


def test_the_clinic_copy_holds_the_questions_alone(family):
    answer = answers_of(family)[0]
    save(family, answer, notes="Our private worry", response="Answer they gave", starred=True)
    choose(family, print_why="on", print_notes="on", print_link_qr="on")
    response = family.client.get(family.url("pdf/clinic"))
    assert response["Content-Disposition"].endswith('-clinic-copy.pdf"')
    text = pdf_text(response.content)
    assert "Our questions" in text and "Question 1 of section 1?" in text
    for private in [
        "Our private worry",
        "Answer they gave",
        "Why question 1.1 matters.",
        "Warning signs for 1.1.",
        "Scan to open",
        "The answer was:",
        "Ask first",
    ]:
        assert private not in text, private


def test_the_family_s_sheet_of_the_core_questions_fits_on_two_pages(client, builtin):
    # The core set and, harder, the 12 longest questions, on both papers.
    token, checklist = start_checklist(
        client, "stem-cells-cp", child_name="Sam", clinic_name="Example Clinic"
    )
    longest = sorted(
        checklist.answers.filter(question__kind="clinic").select_related("question"),
        key=lambda a: -len(a.text),
    )[:12]
    family = type("F", (), {"client": client, "url": lambda self, p: f"/c/{token}/{p}"})()
    for selection in ["core", "longest"]:
        if selection == "longest":
            checklist.answers.update(included=False)
            Answer.objects.filter(pk__in=[a.pk for a in longest]).update(included=True)
        for paper in ["a4", "letter"]:
            choose(family, paper_size=paper)
            content = client.get(f"/c/{token}/pdf").content
            assert int(pdf_info(content)["Pages"]) == 2, (selection, paper)
            text = pdf_text(content, 2)
            assert "Sam" in text and "Example Clinic" in text and "Page 2 of 2" in text


def test_every_screen_says_how_many_pages_the_sheet_will_be(client, builtin, settings):
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"pdf_checklist": "100/h"}
    token, checklist = start_checklist(client, "stem-cells-cp", child_name="Sam")
    family = type("F", (), {"client": client, "url": lambda self, p: f"/c/{token}/{p}"})()
    # The core questions first, then the guide's order, as a family adds to them.
    answers = list(
        checklist.answers.filter(question__kind="clinic").order_by(
            "-question__core", "question__section__position", "question__position"
        )
    )
    for paper, sizes in [("a4", [6, 7, 14, 15, 30]), ("letter", [12, 13, 14, 20])]:
        choose(family, paper_size=paper)
        for n in sizes:
            checklist.answers.update(included=False)
            Answer.objects.filter(pk__in=[a.pk for a in answers[:n]]).update(included=True)
            said = re.search(
                r"about (\d+) pages?", client.get(f"/c/{token}/review/").content.decode()
            )
            pages = int(pdf_info(client.get(f"/c/{token}/pdf").content)["Pages"])
            assert said and int(said[1]) == pages, (paper, n, said and said[1], pages)


def body_text_points(html: str) -> float:
    """The size most of the printout's text is laid out in, in points, as WeasyPrint sets it."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    sizes: Counter[float] = Counter()
    stack = [page._page_box for page in document.render().pages]
    while stack:
        box = stack.pop()
        if isinstance(box, weasyprint.formatting_structure.boxes.TextBox):
            sizes[round(box.style["font_size"] * 0.75, 1)] += len(box.text)
        stack.extend(getattr(box, "children", []))
    return sizes.most_common(1)[0][0]


def test_large_print_is_16_points_or_more(family):
    assert body_text_points(family.client.get(family.url("print")).content.decode()) < 16
    choose(family, large_print="True")
    assert body_text_points(family.client.get(family.url("print")).content.decode()) >= 16
