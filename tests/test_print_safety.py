"""Whatever a family or an advocate types, a printout shows it as text and fetches nothing.

Every free-text field gets markup that would read a server file or call another server if it
ever reached WeasyPrint as HTML or CSS.
"""

import pytest
from django.core.exceptions import SuspiciousFileOperation

from checklist.guide_format import import_version
from checklist.models import Answer, Guide, GuideVersion, Question, Section, Source
from checklist.pdf import STATIC_PREFIX, StaticFilesOnly
from tests.factory import guide_data, save, section_fields
from tests.printouts import choose, pdf_text, squeezed

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel=stylesheet href="http://127.0.0.1:1/x.css">'
IMPORT = "@import url(http://127.0.0.1:1/y.css);"
ALL = f"{IMG} {LINK} {IMPORT}"

# Each detail holds what fits in it; together they hold every kind of attack.
DETAILS = {
    "child_name": LINK,
    "child_age": IMG,
    "clinic_name": f"{LINK} {IMPORT}",
    "clinic_city": f"{IMPORT} {IMG}",
    "clinic_country": f"{IMG} {IMPORT}",
    "attendees": ALL,
}


@pytest.fixture
def fetched(monkeypatch):
    """Every address WeasyPrint asks the fetcher for."""
    urls: list[str] = []
    fetch = StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticFilesOnly, "fetch", spy)
    return urls


@pytest.fixture
def attacked(family):
    """A checklist with markup in every free-text field, private notes and all printed."""
    assert family.client.post(family.url("details/"), DETAILS).status_code == 302
    family.client.post(
        family.url("s/1/"),
        section_fields(family.checklist, 1, go="add") | {"new-own_question": ALL},
    )
    own = Answer.objects.get(checklist=family.checklist, own_question=ALL)
    for answer in [family.checklist.answers.order_by("pk").first(), own]:
        save(family, answer, response=ALL, notes=ALL, rating="vague")
    choose(family, print_notes="on", print_link_qr="on")
    return family


@pytest.mark.parametrize("url", ["pdf", "pdf/answers"])
def test_every_free_text_field_is_printed_as_plain_text(attacked, fetched, url):
    response = attacked.client.get(attacked.url(url))
    text = squeezed(pdf_text(response.content, layout="-raw"))
    for value in [*DETAILS.values(), ALL]:
        assert squeezed(value) in text
    assert text.count(squeezed(ALL)) >= 4  # the own question, its answer and notes, attendees


@pytest.mark.parametrize("url", ["pdf", "pdf/answers"])
def test_nothing_but_our_own_static_files_is_fetched(attacked, fetched, url):
    attacked.client.get(attacked.url(url))
    assert fetched, "the spy saw no fetch at all"
    assert all(url.startswith(STATIC_PREFIX) for url in fetched), fetched
    assert any(url.endswith("print.css") for url in fetched)


@pytest.mark.parametrize("url", ["print", "print/answers"])
def test_the_web_page_escapes_every_free_text_field(attacked, url):
    html = attacked.client.get(attacked.url(url)).content.decode()
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert IMG not in html
    assert LINK not in html
    assert html.count("<link ") == 1


def test_an_advocates_guide_text_is_printed_as_plain_text_too(db, client, fetched):
    version = import_version(
        guide_data("attack"), Guide.objects.create(slug="attack", visibility="public")
    )
    # Import and the editor refuse markup, so it is written straight into the rows, as a
    # database edit could leave it: the printout must still show it as plain text.
    GuideVersion.objects.filter(pk=version.pk).update(title=f"Guide {IMG}")
    section = version.sections.all()[0]
    Section.objects.filter(pk=section.pk).update(title=f"Section {IMPORT}", intro=ALL)
    Question.objects.filter(pk=section.questions.order_by("position")[0].pk).update(
        text=f"Question {LINK}", why=ALL, clear_answer=ALL, warning_signs=ALL
    )
    Source.objects.filter(version=version).update(citation=ALL)
    text = squeezed(pdf_text(client.get("/guides/attack/pdf").content, layout="-raw"))
    for value in [f"Guide {IMG}", f"Section {IMPORT}", f"Question {LINK}"]:
        assert squeezed(value) in text
    assert text.count(squeezed(ALL)) == 5
    assert all(url.startswith(STATIC_PREFIX) for url in fetched), fetched


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.css",
        "data:text/css,body{}",
        STATIC_PREFIX + "../../project/settings.py",
        STATIC_PREFIX + "css/missing.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises((ValueError, SuspiciousFileOperation)):
        StaticFilesOnly().fetch(url)
