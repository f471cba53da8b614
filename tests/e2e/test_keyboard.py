"""A family using only a keyboard (or a switch, or a screen reader's keys): every action can be
reached with Tab and done with Enter or Space, the focus is always visible, and saving never
takes the focus away from the field being typed in."""

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.steps import expect_saved, question

FOCUS_RING = """el => {
  const style = getComputedStyle(el);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page: Page, target: Locator, limit: int = 150) -> None:
    """Press Tab until the target has the focus, and check that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            assert target.evaluate(FOCUS_RING), f"no visible focus on {target}"
            return
    raise AssertionError(f"Tab never reached {target}")


def test_a_family_with_only_a_keyboard_can_start_answer_and_go_on(new_device, builtin):
    page = new_device(DESKTOP).new_page()
    page.goto("/")
    skip = page.get_by_role("link", name="Skip to content")
    tab_to(page, skip, limit=1)
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    tab_to(page, page.get_by_role("main").get_by_role("link", name="Start a checklist"), limit=1)
    page.keyboard.press("Enter")

    tab_to(page, page.get_by_label("Child's first name or nickname"))
    page.keyboard.type("Sam")
    tab_to(page, page.get_by_role("button", name="Start", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Choose your questions")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Or go through the guide section by section"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Section 1 of 14", exact=True)).to_be_visible()

    box = question(page, 1)
    about = box.locator("summary", has_text="About this question")
    tab_to(page, about)
    page.keyboard.press("Enter")
    expect(about.locator("xpath=..")).to_have_attribute("open", "")

    star = box.get_by_label("Ask it first")
    tab_to(page, star)
    page.keyboard.press("Space")
    expect(star).to_be_checked()
    expect_saved(box)
    expect(star).to_be_focused()

    answer_summary = box.locator("summary", has_text="The clinic's answer and your notes")
    tab_to(page, answer_summary)
    page.keyboard.press("Space")
    response = box.get_by_label("The clinic's answer", exact=True)
    tab_to(page, response, limit=1)
    page.keyboard.type("From the child's own bone marrow.")
    expect_saved(box)
    # The "Saved" message came in while the family was in the box: it stays there.
    expect(response).to_be_focused()
    page.keyboard.type(" Frozen.")
    expect_saved(box)
    expect(response).to_have_value("From the child's own bone marrow. Frozen.")
    expect(response).to_be_focused()

    # Radio buttons: Tab reaches the chosen one (set when the answer was written down), the
    # arrow keys choose another.
    tab_to(page, box.get_by_label("Answered, not rated yet"))
    page.keyboard.press("ArrowDown")
    expect(box.get_by_label("Clear", exact=True)).to_be_checked()
    expect(box.get_by_label("Clear", exact=True)).to_be_focused()
    expect_saved(box)

    tab_to(page, page.get_by_label("Add your own question to this section"))
    page.keyboard.type("Who pays for aftercare?")
    tab_to(page, page.get_by_role("button", name="Add question"), limit=1)
    page.keyboard.press("Enter")
    own = page.locator("fieldset.question").filter(has_text="Your own question")
    expect(own.get_by_label("Question", exact=True)).to_have_value("Who pays for aftercare?")

    tab_to(page, own.get_by_role("button", name="Delete this question"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Delete the question"))
    page.keyboard.press("Space")
    expect(page.get_by_text("Section 1 of 14", exact=True)).to_be_visible()
    expect(own).to_have_count(0)

    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Section 2 of 14", exact=True)).to_be_visible()
    page.go_back()
    expect(question(page, 1).get_by_label("The clinic's answer", exact=True)).to_have_value(
        "From the child's own bone marrow. Frozen."
    )

    page.goto(page.url.split("#")[0].removesuffix("s/1/") + "review/")
    tab_to(page, page.get_by_role("link", name=re.compile("Print|PDF")).first)
    page.keyboard.press("Enter")
    with page.expect_download() as download:
        tab_to(page, page.get_by_role("button", name=re.compile("PDF")).first)
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")


def test_settling_a_conflict_with_the_keyboard_leaves_the_focus_on_the_answer(new_device, builtin):
    context = new_device(DESKTOP)
    page = context.new_page()
    page.goto("/start/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("link", name="Or go through the guide section by section").click()
    other = context.new_page()
    other.goto(page.url)
    for tab in (page, other):
        question(tab, 1).locator("summary", has_text="The clinic's answer").click()
    question(other, 1).get_by_label("The clinic's answer", exact=True).fill("Said on the other tab")
    expect_saved(question(other, 1))
    question(page, 1).get_by_label("The clinic's answer", exact=True).fill("Said here")
    box = question(page, 1)
    expect(box.locator(".conflict")).to_be_visible()

    tab_to(page, box.get_by_role("button", name="Keep my version"))
    page.keyboard.press("Enter")
    expect_saved(box)
    expect(box.get_by_label("The clinic's answer", exact=True)).to_be_focused()
