"""Every screen a visitor, a family and an advocate can reach, and every printout's HTML: no
template syntax in the text a person sees, and HTML5 that parses without a single error.

A `{# ... #}` comment that spans lines is not a Django comment: it prints as page text, and a
text node in <head> opens <body> early, so what follows in <head> is misplaced. html5lib is
the reference HTML5 parser in Python; in strict mode it raises on the first parse error the
HTML5 standard defines, with its place, which is what this check needs.
"""

import html5lib
import pytest
from django.test import Client
from html5lib.html5parser import ParseError

from tests.factory import make_draft, start_checklist

TEMPLATE_SYNTAX = ["{#", "#}", "{%", "%}", "{{", "}}"]


def visible_text(html: str) -> str:
    """The text of the document's body as a person sees it (no scripts, no styles)."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    body = tree.find("body")
    assert body is not None
    for hidden in [*body.iter("script"), *body.iter("style"), *body.iter("template")]:
        hidden.text = ""
    return " ".join("".join(body.itertext()).split())


def check_page(html: str, where: str) -> None:
    try:
        html5lib.HTMLParser(strict=True).parse(html)
    except ParseError as error:
        pytest.fail(f"{where}: not well-formed HTML5: {error}")
    text = visible_text(html)
    shown = [syntax for syntax in TEMPLATE_SYNTAX if syntax in text]
    assert not shown, f"{where} shows template syntax {shown}: {text[:300]}"
    head = html.split("<body", 1)[0]
    assert "<title>" in head and 'charset="utf-8"' in head, where


def get_ok(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


VISITOR_PAGES = [
    "/",
    "/guides/",
    "/guides/?q=zzzz",
    "/g/stem-cells-cp/",
    "/g/stem-cells-cp/report/",
    "/start/",
    "/mine/",
    "/offline/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/guides/stem-cells-cp/print",
]


@pytest.mark.parametrize("url", VISITOR_PAGES)
def test_a_visitors_pages_show_no_template_syntax(client, builtin, url):
    check_page(get_ok(client, url), url)


def test_error_pages_show_no_template_syntax(client, builtin):
    missing = client.get("/c/" + "x" * 43 + "/")
    assert missing.status_code == 404
    check_page(missing.content.decode(), "404")
    too_long = client.post("/start/", {"clinic_name": "x" * 540_000})
    assert too_long.status_code == 400
    check_page(too_long.content.decode(), "400")
    too_big = client.post("/start/", {"clinic_name": "x" * 600_000})
    assert too_big.status_code == 413
    check_page(too_big.content.decode(), "413")
    csrf = Client(enforce_csrf_checks=True).post("/start/", {})
    assert csrf.status_code == 403
    check_page(csrf.content.decode(), "403")


FAMILY_PAGES = [
    "",
    "details/",
    "s/1/",
    "s/11/",
    "review/",
    "print-options/",
    "print",
    "print/answers",
    "delete/",
]


@pytest.mark.parametrize("path", FAMILY_PAGES)
def test_a_familys_pages_show_no_template_syntax(client, builtin, path):
    token, _checklist = start_checklist(client, "stem-cells-cp", child_name="Sam")
    check_page(get_ok(client, f"/c/{token}/{path}"), path or "overview")


def test_a_familys_own_question_pages_show_no_template_syntax(client, builtin):
    token, checklist = start_checklist(client, "stem-cells-cp")
    own = checklist.add_own_question(checklist.version.sections.all()[0], "Can we see the lab?")
    assert own is not None
    check_page(get_ok(client, f"/c/{token}/a/{own.pk}/delete/"), "delete own question")


def test_a_familys_saved_answer_swap_is_well_formed(client, builtin):
    token, checklist = start_checklist(client, "stem-cells-cp")
    answer = checklist.answers.all()[0]
    response = client.post(
        f"/c/{token}/a/{answer.pk}/",
        {
            f"a{answer.pk}-revision": "1",
            f"a{answer.pk}-page_render": "ab",
            f"a{answer.pk}-rating": "clear",
        },
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    html5lib.HTMLParser(strict=True).parseFragment(fragment)
    assert not [s for s in TEMPLATE_SYNTAX if s in fragment]


def test_an_advocates_pages_show_no_template_syntax(alice):
    draft = make_draft(alice.user)
    section = draft.sections.all()[0]
    question = draft.questions.all()[0]
    source = draft.sources.all()[0]
    base = f"/advocate/g/{draft.guide.slug}/"
    pages = [
        "/advocate/",
        "/advocate/new/",
        "/advocate/import/",
        "/accounts/password_change/",
        base,
        base + "edit/",
        base + "preview/",
        base + "delete/",
        base + f"s/{section.key}/",
        base + f"q/{question.key}/",
        base + f"sources/{source.key}/",
    ]
    for url in pages:
        check_page(get_ok(alice.client, url), url)
