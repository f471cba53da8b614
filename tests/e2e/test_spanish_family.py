"""A family whose phone reads Spanish does everything in Spanish, with JavaScript and without:
no English left on any screen they reach, and a clinic copy in Spanish and English."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.steps import Problems, pdf_words

ANSWER = "Dijeron que las células vienen de la médula ósea del propio niño."

# Words any English sentence of the interface would hold and no Spanish one does.
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|this|of|to|questions?|clinic|print|save[sd]?|next|back|"
    r"answers?|choose|start|review|delete|details|guide|before|what|why)\b",
    re.IGNORECASE,
)


# Names that stay in English in a Spanish text, as the guide gives them.
PROPER_NAMES = ["Foundation for the Accreditation of Cellular Therapy"]


def english_on(page: Page) -> list[str]:
    """English words, each with the text around it, in the page's text (hidden text for
    screen readers included); left out are the sources (cited as published) and what says it
    is in another language (the switch's "English")."""
    text = page.evaluate(
        """() => {
            const body = document.body.cloneNode(true);
            const left_out = 'script, style, template, cite, .sources, [lang]:not([lang^="es"])';
            body.querySelectorAll(left_out).forEach(element => element.remove());
            return body.textContent;
        }"""
    )
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return sorted(
        {" ".join(text[m.start() - 30 : m.end() + 30].split()) for m in ENGLISH.finditer(text)}
    )


class Screens:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.english: dict[str, list[str]] = {}

    def look(self, name: str) -> None:
        expect(self.page.locator("html")).to_have_attribute("lang", "es")
        found = english_on(self.page)
        if found:
            self.english[name] = found


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_spanish_speaking_family_does_everything_in_spanish(
    new_device, builtin, base_url, javascript
):
    page = new_device(PHONE, locale="es-MX", java_script_enabled=javascript).new_page()
    problems = Problems(page, base_url)
    screens = Screens(page)

    page.goto("/")
    screens.look("landing")
    page.get_by_role("main").get_by_role("link", name="Empezar una lista de preguntas").click()
    screens.look("start")
    page.get_by_label("Nombre de la clínica").fill("Clínica Ejemplo")
    page.get_by_role("button", name="Empezar", exact=True).click()
    expect(page.get_by_role("heading", name="Elija sus preguntas")).to_be_visible()
    screens.look("choose")
    base = page.url.removesuffix("choose/")

    page.get_by_role("link", name="O recorra la guía sección por sección").click()
    expect(page.get_by_text(re.compile(r"^Sección 1 de \d+$"))).to_be_visible()
    first = page.locator("fieldset.question").first
    question = first.locator("legend").first.inner_text()
    first.get_by_text("La respuesta de la clínica y sus notas").click()
    first.get_by_label("La respuesta de la clínica", exact=True).fill(ANSWER)
    if javascript:
        expect(first.locator(".save-state")).to_have_text("Guardado")
    else:
        with page.expect_navigation():
            page.get_by_role("button", name="Siguiente").click()
        page.go_back()
        page.reload()
    screens.look("section")

    page.get_by_role("button", name=re.compile(r"^Revisar e imprimir \(\d+\)$")).click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    screens.look("review")
    for name, path in [
        ("overview", ""),
        ("details", "details/"),
        ("delete", "delete/"),
        ("my checklists", "/mine/"),
        ("guides", "/guides/"),
        ("the guide's page", "/g/stem-cells-cp-es/"),
        ("offline", "/offline/"),
    ]:
        page.goto(path if path.startswith("/") else base + path)
        screens.look(name)
    page.goto(base + "print-options/")
    screens.look("print options")
    page.get_by_label("Español, con inglés debajo de cada pregunta").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar el PDF").nth(1).click()
    text = pdf_words(download.value.path().read_bytes())
    english = builtin.questions.get(key=_key_of(builtin, question)).text
    assert " ".join(question.split()) in text
    assert " ".join(english.split()) in text
    assert "Nuestras preguntas" in text and "Our questions" in text

    assert problems.found == []

    page.goto(base + "cambiado/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screens.look("not found")
    assert screens.english == {}


def _key_of(english_version, spanish_text: str) -> str:
    """The key of the Spanish question shown, from the Spanish edition of the same guide."""
    spanish = english_version.guide.translations.get().latest_published()
    key: str = spanish.questions.get(text=spanish_text.strip()).key
    return key
