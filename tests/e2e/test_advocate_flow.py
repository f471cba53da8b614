"""An advocate writes a guide and shares it; a family starts a checklist from the link.

At desktop and at phone size, in one browser: the advocate's device and the family's are
separate contexts (no shared cookies), as they are separate people.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, SMALL_PHONE
from tests.e2e.steps import (
    GUIDE_TITLE,
    QUESTIONS,
    SECTION_TITLE,
    SOURCE,
    Problems,
    publish_guide,
    question,
    sign_up,
    write_guide,
)

NOTE = "First version: where the cells come from."


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_advocate_writes_publishes_and_shares_a_guide_a_family_starts(
    new_device, base_url, builtin, viewport
):
    advocate = new_device(viewport).new_page()
    problems = Problems(advocate, base_url)
    sign_up(advocate, "nurse_jo")
    expect(advocate.get_by_role("status")).to_contain_text("Welcome to AskFirst")
    editor = write_guide(advocate)

    advocate.get_by_role("link", name="Preview").first.click()
    expect(advocate.get_by_role("heading", name=GUIDE_TITLE, level=1)).to_be_visible()
    expect(advocate.get_by_role("heading", name=f"1. {SECTION_TITLE}")).to_be_visible()
    first = advocate.locator("fieldset.question").first
    expect(first.locator("> legend")).to_have_text(QUESTIONS[0]["Question"])
    first.get_by_text("About this question").click()
    expect(first.get_by_text(QUESTIONS[0]["Warning signs"])).to_be_visible()
    expect(first.get_by_role("link", name=SOURCE["Citation"])).to_be_visible()
    expect(advocate.locator("fieldset.question")).to_have_count(2)

    advocate.goto(editor)
    share_link = publish_guide(advocate, NOTE)
    assert re.fullmatch(rf"{re.escape(base_url)}/g/[\w-]+/", share_link), share_link
    versions = advocate.locator("table.versions tbody tr")
    expect(versions).to_have_count(1)
    expect(versions.first).to_contain_text(NOTE)

    # The QR code for flyers is a file the advocate downloads.
    with advocate.expect_download() as download:
        advocate.get_by_role("link", name="QR code for flyers (SVG)").click()
    assert download.value.suggested_filename.endswith("-qr.svg")
    with open(download.value.path(), "rb") as svg:
        assert b"<svg" in svg.read(2000)
    # So is the flyer for a noticeboard, with the QR code shown on the page itself.
    expect(advocate.get_by_role("img", name="QR code of the family page")).to_be_visible()
    flyer = advocate.get_by_role("link", name="A4", exact=True).get_attribute("href")
    assert flyer is not None
    response = advocate.request.get(flyer)
    assert response.headers["content-type"] == "application/pdf"
    assert problems.found == []

    # A family opens the share link on a device of its own, and starts a checklist.
    family = new_device(viewport).new_page()
    family_problems = Problems(family, base_url)
    family.goto(share_link)
    expect(family.get_by_role("heading", name=GUIDE_TITLE, level=1)).to_be_visible()
    expect(family.get_by_text("Written by nurse_jo")).to_be_visible()
    expect(family.get_by_text("2 questions in these sections:")).to_be_visible()
    expect(family.get_by_text(NOTE)).to_be_visible()
    family.get_by_role("link", name="Start a checklist with this guide").click()
    family.get_by_role("button", name="Start", exact=True).click()
    expect(family.get_by_role("heading", name="Choose your questions")).to_be_visible()
    family.get_by_role("link", name="Or go through the guide section by section").click()
    expect(family.get_by_text("Section 1 of 1", exact=True)).to_be_visible()
    expect(family.get_by_role("heading", name=SECTION_TITLE)).to_be_visible()
    expect(question(family, 1).locator("> legend")).to_have_text(QUESTIONS[0]["Question"])
    expect(question(family, 2).locator("> legend")).to_have_text(QUESTIONS[1]["Question"])

    # The guide is public, so the gallery lists it next to the built-in one.
    family.goto("/guides/")
    expect(family.get_by_role("link", name=GUIDE_TITLE)).to_be_visible()
    family.get_by_role("link", name=GUIDE_TITLE).click()
    expect(family).to_have_url(share_link)
    assert family_problems.found == []

    # The advocate sees the checklist counted, and nothing of what the family writes.
    advocate.goto("/advocate/")
    expect(advocate.get_by_text("1 checklist started")).to_be_visible()


def test_the_editor_outline_shows_messages_and_keeps_focus_when_htmx_swaps_it(phone):
    sign_up(phone, "nurse_jo")
    write_guide(phone)
    section = phone.locator("section.ed-section").first
    new_question = section.get_by_label("New question")

    # Sent empty: the message is next to the field, which has the focus.
    section.get_by_role("button", name="Add the question").click()
    expect(new_question).to_be_focused()
    expect(new_question).to_have_attribute("aria-invalid", "true")
    expect(new_question).to_have_accessible_description(re.compile("required", re.I))

    new_question.fill("Who checks the clinic?")
    new_question.press("Enter")
    expect(section.locator(".ed-questions > li")).to_have_count(3)
    expect(new_question).to_be_focused()
    expect(new_question).to_have_value("")
    expect(new_question).not_to_have_attribute("aria-invalid", "true")

    # Moved down with the keyboard, from the question's menu: the menu stays open and the
    # focus stays on the button pressed.
    first = section.locator(".ed-questions > li").first
    menu = first.locator("summary")
    menu.focus()
    phone.keyboard.press("Enter")
    down = first.get_by_role("button", name=re.compile("^Down"))
    down.focus()
    phone.keyboard.press("Enter")
    expect(section.locator(".ed-questions > li").nth(1)).to_contain_text(QUESTIONS[0]["Question"])
    focused = (
        section.locator(".ed-questions > li").nth(1).get_by_role("button", name=re.compile("^Down"))
    )
    expect(focused).to_be_focused()

    # A button pressed the moment the outline is replaced (a fast keyboard user) is still done
    # in place: the page does not reload and jump away.
    phone.evaluate("window.samePage = true")
    phone.evaluate(
        """() => document.addEventListener("htmx:afterSwap", () => setTimeout(() =>
            document.querySelector("section.ed-section .ed-questions > li:first-child")
              .querySelector("button[value=down]").click()), {once: true})"""
    )
    focused.press("Enter")
    expect(section.locator(".ed-questions > li").first).to_contain_text("Who checks the clinic?")
    assert phone.evaluate("window.samePage") is True
    assert "#" not in phone.url


def _questions(section):
    return section.locator(".ed-questions > li .q")


def test_a_row_menu_fits_a_small_phone(new_device):
    page = new_device(SMALL_PHONE).new_page()
    sign_up(page, "nurse_jo")
    write_guide(page)
    page.locator(".ed-questions > li").first.locator("summary").click()
    expect(page.locator(".ed-questions > li").first.get_by_label("Section")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]


def test_an_advocate_drags_a_question_to_the_top_with_a_mouse(new_device):
    page = new_device(DESKTOP).new_page()
    sign_up(page, "nurse_jo")
    write_guide(page)
    section = page.locator("section.ed-section").first
    second = section.locator(".ed-questions > li").nth(1)
    first = section.locator(".ed-questions > li").first
    second.locator(".drag-handle").drag_to(first, target_position={"x": 40, "y": 4})
    expect(_questions(section)).to_have_text([QUESTIONS[1]["Question"], QUESTIONS[0]["Question"]])
    # Saved, not only drawn: the order holds after a reload.
    page.reload()
    expect(_questions(section)).to_have_text([QUESTIONS[1]["Question"], QUESTIONS[0]["Question"]])


def test_without_javascript_a_question_moves_to_a_new_section_and_position(new_device):
    writer = new_device(PHONE).new_page()
    sign_up(writer, "nurse_jo")
    editor = write_guide(writer)
    # The same advocate, signed in, on a browser with JavaScript off.
    no_js = new_device(PHONE, java_script_enabled=False)
    no_js.add_cookies(writer.context.cookies())
    page = no_js.new_page()
    page.goto(editor)
    page.get_by_label("New section title").fill("Before you go")
    page.get_by_role("button", name="Add the section").click()
    first = page.locator("section.ed-section").first
    first.locator(".ed-questions > li").first.locator("summary").click()
    row = first.locator(".ed-questions > li").first
    row.get_by_label("Section").select_option(label="2. Before you go")
    row.get_by_label("Position").fill("1")
    row.get_by_role("button", name=re.compile("^Move")).click()
    assert page.url.startswith(editor)
    added = page.locator("section.ed-section").nth(1)
    expect(_questions(added)).to_have_text([QUESTIONS[0]["Question"]])
    expect(_questions(first)).to_have_text([QUESTIONS[1]["Question"]])
    # Nothing to drag without JavaScript: the handle stays hidden.
    expect(page.locator(".drag-handle").first).to_be_hidden()


def test_an_advocate_drags_a_section_above_another(new_device):
    # Tall enough to hold both sections: Playwright's drag does not scroll the way a hand does.
    page = new_device({"width": 1280, "height": 2000}).new_page()
    sign_up(page, "nurse_jo")
    write_guide(page)
    page.get_by_label("New section title").fill("Before you go")
    page.get_by_role("button", name="Add the section").click()
    sections = page.locator("section.ed-section")
    expect(sections).to_have_count(2)
    handle = sections.nth(1).locator(":scope > .drag-handle")
    handle.drag_to(sections.first, target_position={"x": 40, "y": 4})
    expect(sections.locator(":scope > h3")).to_have_text(
        ["1. Before you go", f"2. {SECTION_TITLE}"]
    )
    page.reload()
    expect(sections.locator(":scope > h3")).to_have_text(
        ["1. Before you go", f"2. {SECTION_TITLE}"]
    )
