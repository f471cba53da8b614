"""Every word AskFirst says is translated into every language it offers: no string of the code
or the templates is missing from a catalogue, none is left empty or fuzzy, and a translation
keeps the placeholders and markup of the English."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import engines
from django.template.base import Node
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils.translation import trim_whitespace

ROOT = Path(__file__).resolve().parent.parent
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def catalogue(language: str):
    with open(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po, locale=language)


def template_msgids() -> set[str]:
    """The msgid of every {% translate %} and {% blocktranslate %} in our templates, as
    Django looks it up."""
    found: set[str] = set()

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            if isinstance(node, TranslateNode) and node.filter_expression.var.literal:
                found.add(str(node.filter_expression.var.literal))
            elif isinstance(node, BlockTranslateNode):
                for tokens in (node.singular, node.plural):
                    if tokens:
                        msgid = node.render_token_list(tokens)[0]
                        found.add(trim_whitespace(msgid) if node.trimmed else msgid)
            for attr in node.child_nodelists:
                walk(getattr(node, attr, None) or [])

    engine = engines["django"].engine  # type: ignore[attr-defined]
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt", ".js"}:
            template = engine.from_string(path.read_text(encoding="utf-8"))
            walk(template.nodelist)
            for partial in template.extra_data.get("partials", {}).values():
                walk(partial.nodelist)
    return found


def code_msgids() -> set[str]:
    """The first argument (and the plural) of every gettext call in the app's Python."""
    found: set[str] = set()
    for path in [*(ROOT / "checklist").rglob("*.py"), *(ROOT / "project").rglob("*.py")]:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT_NAMES:
                for arg in node.args[:2]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def msgids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def translations(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_templates_and_the_code_is_in_the_catalogue(language):
    known = {msgid for message in catalogue(language) if message.id for msgid in msgids(message)}
    missing = sorted((template_msgids() | code_msgids()) - known)
    assert missing == [], f"not in locale/{language}: run `make messages`, then translate"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert not po.fuzzy
    untranslated = [m.id for m in po if m.id and not all(translations(m))]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup(language):
    wrong = []
    for message in catalogue(language):
        if not message.id:
            continue
        english = " ".join(msgids(message))
        for translated in translations(message):
            for pattern in (PLACEHOLDER, TAG):
                if sorted(set(pattern.findall(english))) != sorted(
                    set(pattern.findall(translated))
                ):
                    wrong.append((english, translated))
    assert wrong == []


def test_the_check_finds_strings_in_templates_and_code():
    # The extraction above must see what makemessages sees, or the first test proves nothing.
    assert "Choose your questions" in template_msgids()
    assert (
        "Section {{ number }} of {{ total }}".replace("{{ number }}", "%(number)s").replace(
            "{{ total }}", "%(total)s"
        )
        in template_msgids()
    )
    assert "Not saved: please try again." in template_msgids()
    assert "The guide is deleted." in code_msgids()
