"""Every family screen, at phone and desktop size: axe-core finds nothing, every target is big
enough to tap, and what changes on screen is announced to screen readers."""

import re
from functools import partial

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import DESKTOP, PHONE, SMALL_PHONE
from tests.e2e.steps import (
    advocate_screens,
    answer_box,
    expect_saved,
    family_screens,
    open_answer,
    question,
    start_checklist,
)

# Touch targets: every link, button, field, disclosure (summary) and label that wraps a
# checkbox or radio, in the header and the main content, is at least 44 x 44 CSS px. A
# checkbox or radio counts by its label, which is the target a finger hits. Exempt, as WCAG
# 2.5.8 allows: a link inside a sentence (its paragraph or list item has other text too).
SMALL_TARGETS = """() => {
  const inSentence = (a) => {
    const block = a.parentElement.closest("p, li, dd, td");
    return block !== null && block.textContent.replace(a.textContent, "").trim() !== "";
  };
  const found = [];
  const targets = document.querySelectorAll(
    "header a[href], main a[href], main button, main input:not([type=hidden]), main textarea, " +
    "main select, main summary, main label:has(input[type=checkbox], input[type=radio])");
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (el.closest("[hidden]") || el.getClientRects().length === 0) continue;
    if (el.matches("input[type=checkbox], input[type=radio]") && el.closest("label")) continue;
    // Links and glossary terms inside a sentence: WCAG 2.5.8's inline exception.
    if (el.matches("a, button.term") && inSentence(el)) continue;
    if (box.width < 44 || box.height < 44) {
      found.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim()
        .slice(0, 40)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return found;
}"""

SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"

axe = Axe()


def problems_on(page: Page, name: str) -> list[str]:
    found = []
    results = axe.run(page)
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            found.append(
                f"{name}: axe {violation['id']}: {node['target']} {node['failureSummary']}"
            )
    found += [f"{name}: small target {t}" for t in page.evaluate(SMALL_TARGETS)]
    if (overflow := page.evaluate(SIDEWAYS)) > 0:
        found.append(f"{name}: scrolls sideways by {overflow}px")
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_family_screen_passes_axe_with_big_enough_targets(new_device, builtin, viewport):
    page = new_device(viewport).new_page()
    found = []
    for name, go in family_screens(page):
        go()
        found += problems_on(page, name)
    fresh = new_device(viewport).new_page()
    fresh.goto("/mine/")
    found += problems_on(fresh, "my checklists, none yet")
    assert found == [], "\n".join(found)


# Advocates write on a phone too: the smallest one common (320 px) rather than 375 px.
@pytest.mark.parametrize("viewport", [SMALL_PHONE, DESKTOP], ids=["small phone", "desktop"])
def test_every_advocate_screen_passes_axe_with_big_enough_targets(new_device, builtin, viewport):
    page = new_device(viewport).new_page()
    page.set_default_timeout(10_000)
    found = []
    for name, go in advocate_screens(page):
        go()
        found += problems_on(page, name)
    assert found == [], "\n".join(found)


def test_form_errors_are_announced_and_linked_to_their_fields(phone, builtin):
    phone.goto("/start/")
    phone.get_by_label("Appointment date").fill("1999-01-01")
    phone.get_by_role("button", name="Start", exact=True).click()
    summary = phone.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a date between the years 2000 and 2100.")
    field = phone.get_by_label("Appointment date")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(
        re.compile("Enter a date between the years 2000 and 2100.")
    )
    summary.get_by_role("link").click()
    expect(field).to_be_focused()


def test_progress_and_the_save_state_are_told_to_screen_readers(phone, builtin):
    start_checklist(phone)
    progress = phone.get_by_role("progressbar")
    expect(progress).to_have_accessible_name("Section 1 of 14")
    expect(progress).to_have_attribute("value", "1")
    expect(progress).to_have_attribute("max", "14")

    box = question(phone, 1)
    state = box.locator(".save-state")
    expect(state).to_have_attribute("role", "status")
    expect(state).to_have_attribute("aria-live", "polite")
    open_answer(box)
    answer_box(box).fill("Bone marrow")
    expect(state).to_have_text("Saved")

    # A message from the server next to a field describes the field too.
    own_field = phone.get_by_label("Add your own question to this section")
    own_field.fill("Who pays for aftercare?")
    phone.get_by_role("button", name="Add question").click()
    own = phone.locator("fieldset.question").filter(has_text="Your own question")
    question_field = own.get_by_label("Question", exact=True)
    question_field.fill("")
    expect(own.locator(".save-state")).to_contain_text("Not saved")
    expect(question_field).to_have_attribute("aria-invalid", "true")
    expect(question_field).to_have_accessible_description(re.compile("required", re.I))
    question_field.fill("Who pays for aftercare at home?")
    expect(own.locator(".save-state")).to_have_text("Saved")
    expect(question_field).not_to_have_attribute("aria-invalid", "true")


def show(html: str, route: Route) -> None:
    route.fulfill(body=html, content_type="text/html")


def test_every_error_page_passes_axe_with_big_enough_targets(phone, builtin):
    found = []
    # Neither a server error nor (for now) a rate limit can be caused from a browser here:
    # their pages are shown as a browser would show them, from an address of the site.
    request = RequestFactory().get("/")
    for name, template in [
        ("too many requests (429)", "429.html"),
        ("server error (500)", "500.html"),
        ("too big to read (413)", "413.html"),
    ]:
        html = render_to_string(template, request=None if template == "500.html" else request)
        phone.route("**/error-page/", partial(show, html))
        phone.goto("/error-page/")
        found += problems_on(phone, name)
        phone.unroute("**/error-page/")

    phone.goto("/start/")
    # A form sent without its safety check (a page open for days, cookies blocked).
    token = phone.locator("main [name=csrfmiddlewaretoken]")
    token.evaluate("field => field.value = 'x'.repeat(64)")
    phone.get_by_role("button", name="Start", exact=True).click()
    expect(phone.get_by_role("heading", name="Please try again")).to_be_visible()
    found += problems_on(phone, "form without its safety check (403)")

    phone.goto("/start/")
    phone.evaluate(
        """(most) => {
      const form = document.querySelector("main form");
      for (let i = 0; i <= most; i++) {
        const input = document.createElement("input");
        input.type = "hidden"; input.name = "f" + i; form.append(input);
      }
    }""",
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    )
    phone.get_by_role("button", name="Start", exact=True).click()
    expect(phone.get_by_role("heading", name="That was too much at once")).to_be_visible()
    found += problems_on(phone, "too much at once (400)")

    assert found == [], "\n".join(found)


def test_a_conflict_between_two_tabs_passes_axe_with_big_enough_targets(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    url = start_checklist(page)
    other = context.new_page()
    other.goto(url)
    for tab, text in ((other, "Said on the other tab"), (page, "Said here")):
        box = question(tab, 1)
        open_answer(box)
        answer_box(box).fill(text)
        if tab is other:
            expect_saved(box)
    conflict = question(page, 1).locator(".conflict")
    expect(conflict.get_by_role("button", name="Use the other version")).to_be_visible()
    assert problems_on(page, "a conflict") == []
