"""The printouts as web pages, for the browser's own print: the PDF's very template."""

import pytest

from tests.factory import save
from tests.printouts import choose


@pytest.mark.parametrize(
    ("page", "pdf", "template"),
    [
        ("print", "pdf", "checklist/print.html"),
        ("print/answers", "pdf/answers", "checklist/print_answers.html"),
    ],
)
def test_the_web_page_and_the_pdf_come_from_the_same_template(family, page, pdf, template):
    web = family.client.get(family.url(page))
    assert web.status_code == 200
    assert template in [t.name for t in web.templates]
    assert template in [t.name for t in family.client.get(family.url(pdf)).templates]
    html = web.content.decode()
    assert "Question 1 of section 1?" in html
    assert "does not give medical advice" in html
    assert "print.css" in html


def test_the_web_page_follows_the_print_options(family):
    answer = family.checklist.answers.order_by("pk").first()
    save(family, answer, notes="Our private worry")
    html = family.client.get(family.url("print")).content.decode()
    assert 'class="paper-a4 on-screen"' in html
    assert "Our private worry" not in html
    assert "<svg" not in html
    choose(family, paper_size="letter", large_print="True", print_notes="on", print_link_qr="on")
    html = family.client.get(family.url("print")).content.decode()
    assert 'class="paper-letter large on-screen"' in html
    assert "Our private worry" in html
    assert "<svg" in html


def test_the_web_page_leads_back_to_the_options(family):
    html = family.client.get(family.url("print")).content.decode()
    assert "use your browser's Print command" in html
    assert f'href="{family.url("print-options/")}"' in html


def test_the_web_page_is_private(family):
    response = family.client.get(family.url("print/answers"))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    assert family.client.get(f"/c/{'A' * 43}/print").status_code == 404
