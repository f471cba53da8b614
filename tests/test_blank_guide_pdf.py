"""The blank guide on paper: for families who prefer paper, and for advocates to hand out."""

import pytest

from checklist.guide_format import import_version
from checklist.models import Guide
from tests.factory import guide_data
from tests.printouts import pdf_info, pdf_text


def test_it_holds_every_question_with_its_notes_and_room_to_write(client, small_guide):
    response = client.get("/guides/test-guide/pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="askfirst-test-guide.pdf"'
    text = pdf_text(response.content)
    for s in (1, 2, 3):
        assert f"Section {s}" in text
        assert f"About section {s}." in text
        for q in (1, 2):
            assert f"Question {q} of section {s}?" in text
            assert f"Why question {s}.{q} matters." in text
            assert f"A clear answer to {s}.{q}." in text
            assert f"Warning signs for {s}.{q}." in text
    assert text.count("The answer was:") == 6
    assert "After the visit" in text
    assert "A made-up source, 2025." in text
    assert "does not give medical advice" in text
    info = pdf_info(response.content)
    assert info["Title"] == "A test guide"
    assert info["Author"] == "AskFirst"
    assert info["Tagged"] == "yes"


def test_it_prints_the_latest_published_version(client, small_guide):
    data = guide_data(sections=1, questions=1)
    data["sections"][0]["questions"][0]["text"] = "A question only the new version asks?"
    import_version(data, small_guide.guide)
    draft = guide_data(sections=1, questions=1)
    draft["sections"][0]["questions"][0]["text"] = "A question still in draft?"
    import_version(draft, small_guide.guide, publish=False)
    text = pdf_text(client.get("/guides/test-guide/pdf").content)
    assert "A question only the new version asks?" in text
    assert "A question still in draft?" not in text
    assert "Question 2 of section 3?" not in text


def test_the_built_in_guide_prints_all_its_questions(client, builtin):
    content = client.get(f"/guides/{builtin.guide.slug}/pdf").content
    text = pdf_text(content)
    assert text.count("The answer was:") == builtin.questions.filter(kind="clinic").count()
    # Items for the family are printed as such, with a box to tick and no rating.
    assert "What matters to us" in text and "Before you decide" in text
    assert "What clinics say:" in text and "Words used here" in text
    assert "Evidence last checked" in text
    pages = int(pdf_info(content)["Pages"])
    assert f"Page {pages} of {pages}" in text


def test_the_paper_follows_the_browser_language(client, small_guide):
    us = client.get("/guides/test-guide/pdf", HTTP_ACCEPT_LANGUAGE="en-US")
    uk = client.get("/guides/test-guide/pdf", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "(letter)" in pdf_info(us.content)["Page size"]
    assert "(A4)" in pdf_info(uk.content)["Page size"]
    assert us["ETag"] != uk["ETag"]


def test_a_copy_is_checked_again_and_not_sent_twice(client, small_guide):
    first = client.get("/guides/test-guide/pdf")
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/guides/test-guide/pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_web_page_uses_the_same_template(client, small_guide):
    response = client.get("/guides/test-guide/print")
    assert "checklist/print_guide.html" in [t.name for t in response.templates]
    assert "Question 1 of section 1?" in response.content.decode()


@pytest.mark.parametrize("url", ["/guides/no-such-guide/pdf", "/guides/no-such-guide/print"])
def test_an_unknown_guide_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_a_guide_with_no_published_version_is_not_found(client, db):
    import_version(guide_data("draft-only"), Guide.objects.create(slug="draft-only"), publish=False)
    assert client.get("/guides/draft-only/pdf").status_code == 404
