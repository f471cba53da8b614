"""The options screen: how the printouts look, remembered for each checklist."""

import re

import pytest

from tests.printouts import choose


def is_checked(page: str, name: str, value: str | None = None) -> bool:
    for tag in re.findall(r"<input [^>]*>", page):
        if f'name="{name}"' in tag and (value is None or f'value="{value}"' in tag):
            return " checked" in tag
    raise AssertionError(f"no box {name} {value or ''} on the page")


def test_the_review_leads_to_the_options(family):
    page = family.client.get(family.url("review/")).content.decode()
    assert f'href="{family.url("print-options/")}"' in page


def test_the_guidance_private_notes_and_the_qr_code_are_off_until_chosen(family):
    page = family.client.get(family.url("print-options/")).content.decode()
    assert not is_checked(page, "print_why")  # the short sheet first
    assert not is_checked(page, "print_notes")
    assert not is_checked(page, "print_link_qr")
    assert is_checked(page, "large_print", "False")
    assert "anyone who holds the paper can scan the code" in page
    assert "Anyone you give the paper to can read them" in page


@pytest.mark.parametrize(
    ("languages", "checked"),
    [
        ("en-US,en;q=0.9", "letter"),
        ("en-PH", "letter"),
        ("en-GB", "a4"),
        ("", "a4"),
        ("en-u\u017f", "a4"),  # not a country: upper-cased, a long s reads as "S"
    ],
)
def test_the_paper_is_first_guessed_from_the_browser_language(family, languages, checked):
    page = family.client.get(
        family.url("print-options/"), HTTP_ACCEPT_LANGUAGE=languages
    ).content.decode()
    assert is_checked(page, "paper_size", checked)


def test_the_choices_are_remembered_for_this_checklist(family, other_family):
    choose(family, paper_size="letter", large_print="True", print_why=False, print_notes="on")
    family.checklist.refresh_from_db()
    assert family.checklist.paper_size == "letter"
    assert family.checklist.large_print is True
    assert family.checklist.print_why is False
    assert family.checklist.print_notes is True
    assert family.checklist.print_link_qr is False
    page = family.client.get(
        family.url("print-options/"), HTTP_ACCEPT_LANGUAGE="en-GB"
    ).content.decode()
    assert is_checked(page, "paper_size", "letter")
    assert is_checked(page, "large_print", "True")
    assert not is_checked(page, "print_why")
    other_family.checklist.refresh_from_db()
    assert other_family.checklist.paper_size == ""
    assert other_family.checklist.print_notes is False


def test_saving_without_javascript_says_so(family):
    response = family.client.post(
        family.url("print-options/"), {"paper_size": "a4", "large_print": "False"}, follow=True
    )
    assert "Your choices are saved." in response.content.decode()


def test_with_javascript_only_the_save_state_comes_back(family):
    response = family.client.post(
        family.url("print-options/"),
        {"paper_size": "a4", "large_print": "False"},
        HTTP_HX_REQUEST="true",
    )
    assert response.content.decode().strip().startswith('<p class="state saved">')
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("button", "opens"),
    [
        ("pdf", "pdf"),
        ("print", "print"),
        ("answers_pdf", "pdf/answers"),
        ("answers_print", "print/answers"),
    ],
)
def test_each_button_saves_then_opens_its_printout(family, button, opens):
    response = family.client.post(
        family.url("print-options/"),
        {"paper_size": "letter", "large_print": "False", "open": button},
    )
    assert response.status_code == 302
    assert response["Location"] == family.url(opens)
    family.checklist.refresh_from_db()
    assert family.checklist.paper_size == "letter"


def test_a_change_saves_at_once_with_javascript(family):
    response = family.client.post(
        family.url("print-options/"),
        {"paper_size": "a4", "large_print": "True"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saved" in page
    assert "<form" not in page
    family.checklist.refresh_from_db()
    assert family.checklist.large_print is True


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"paper_size": "b5", "large_print": "False"}, "paper_size", "Choose A4 or US Letter."),
        ({"large_print": "False"}, "paper_size", "Choose a paper size."),
        (
            {"paper_size": "a4", "large_print": "huge"},
            "large_print",
            "Choose normal or large print.",
        ),
    ],
)
def test_a_bad_choice_is_named_next_to_its_field_and_nothing_is_saved(family, data, field, message):
    response = family.client.post(
        family.url("print-options/"), data | {"print_notes": "on", "open": "pdf"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<p class="error" id="id_{field}_error">{message}</p>' in page
    family.checklist.refresh_from_db()
    assert family.checklist.print_notes is False


def test_a_bad_choice_with_javascript_is_named_next_to_its_field(family):
    response = family.client.post(
        family.url("print-options/"),
        {"paper_size": "b5", "large_print": "False"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "Not saved: please fix the message above." in page
    assert (
        '<p class="error" id="id_paper_size_error" hx-swap-oob="true">Choose A4 or US Letter.</p>'
        in page
    )


def test_the_options_screen_is_private(family):
    response = family.client.get(family.url("print-options/"))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    assert family.client.get(f"/c/{'A' * 43}/print-options/").status_code == 404
