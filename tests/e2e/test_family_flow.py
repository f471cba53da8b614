"""A family goes through the whole checklist on a phone, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import Page, expect

from checklist.models import Checklist
from checklist.tokens import hash_token
from tests.e2e.conftest import PHONE, SMALL_PHONE
from tests.e2e.steps import (
    Problems,
    answer_box,
    download_pdfs,
    expect_saved,
    go_next,
    open_answer,
    question,
    start_checklist,
    start_quickly,
    wait_until_kept_with,
)

ANSWER = "The cells come from the child's own bone marrow, they said."
OWN = "Who pays if my child needs hospital care afterwards?"
OWN_EDITED = "Who pays if my child needs hospital care after the treatment?"
TO_DELETE = "A question I change my mind about"
DETAILS = {"Child's first name or nickname": "Sam", "Clinic name": "Example Clinic"}


def own_questions(page: Page):
    return page.locator("fieldset.question").filter(has_text="Your own question")


def walk_every_section(page: Page, total: int, js: bool) -> None:
    """Ask and star the first question of every section (tick the first item where a section
    is for the family itself); on the way answer one, leave one out, and add, change and
    delete questions of the family's own."""
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Section {number} of {total}", exact=True)).to_be_visible()
        first = question(page, 1)
        if first.get_by_label("Done").count():
            first.get_by_label("Done").check()
            expect(first.get_by_label("How was the answer?")).to_have_count(0)
        else:
            first.get_by_label("Ask this question").check()
            first.get_by_label("Ask it first").check()
        if js:
            expect_saved(first)
        if number == 1:
            open_answer(first)
            answer_box(first).fill(ANSWER)
            if js:
                expect_saved(first)
            first.get_by_label("Clear", exact=True).check()
            if js:
                expect_saved(first)
            # Only the core questions start ticked: tick one more, then change our mind.
            last = page.locator("fieldset.question").last
            bar = page.locator("#chosen-bar")
            chosen = int(re.findall(r"\((\d+)\)", bar.inner_text())[0])
            last.get_by_label("Ask this question").check()
            if js:
                expect_saved(last)
                expect(bar).to_contain_text(f"Review & print ({chosen + 1})")
            last.get_by_label("Ask this question").uncheck()
            if js:
                expect_saved(last)
                expect(bar).to_contain_text(f"Review & print ({chosen})")
        if number == 3:
            add_change_and_delete_own_questions(page, js)
        go_next(page)


def add_change_and_delete_own_questions(page: Page, js: bool) -> None:
    for text in (OWN, TO_DELETE):
        page.get_by_label("Add your own question to this section").fill(text)
        page.get_by_role("button", name="Add question").click()
        expect(own_questions(page).last.get_by_label("Question", exact=True)).to_have_value(text)
    mine = own_questions(page).first
    mine.get_by_label("Question", exact=True).fill(OWN_EDITED)
    if js:
        expect_saved(mine)
    own_questions(page).last.get_by_role("button", name="Delete this question").click()
    expect(page.get_by_role("heading", name="Delete your question?")).to_be_visible()
    expect(page.get_by_text(TO_DELETE)).to_be_visible()
    page.get_by_role("button", name="Delete the question").click()
    expect(page.get_by_text("Section 3 of", exact=False)).to_be_visible()
    expect(own_questions(page)).to_have_count(1)
    expect(own_questions(page).get_by_label("Question", exact=True)).to_have_value(OWN_EDITED)


def check_review_and_pdfs(page: Page, clinic_sections: int) -> None:
    expect(page.get_by_role("heading", name="Review and print")).to_be_visible()
    priorities = page.get_by_role("heading", name="Ask these first").locator("+ ol > li")
    expect(priorities).to_have_count(clinic_sections)
    expect(page.get_by_text(OWN_EDITED, exact=True)).to_be_visible()
    expect(page.get_by_text(f"Clear: {ANSWER}")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ questions left out$"))).to_be_visible()

    mine, clinic_copy, record = download_pdfs(page)
    for text in (mine, clinic_copy, record):
        assert "Example Clinic" in text and "Sam" in text
    assert OWN_EDITED in mine and OWN_EDITED in clinic_copy
    assert ANSWER in mine and ANSWER in record
    assert ANSWER not in clinic_copy and "The answer was:" not in clinic_copy


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["375x812", "320x568"])
def test_a_family_on_a_phone_goes_from_the_landing_page_to_both_pdfs(
    new_device, base_url, builtin, viewport
):
    # Counted before the browser starts: the test and the live server share one database
    # connection, which must not be used by both at once.
    sections = builtin.sections.count()
    clinic_sections = builtin.sections.filter(questions__kind="clinic").distinct().count()
    page = new_device(viewport).new_page()
    problems = Problems(page, base_url)
    page.goto("/")
    # The stylesheet and the scripts came from the live server and work.
    expect(page.get_by_role("link", name="Start a checklist")).to_have_css("min-height", "52px")
    assert page.evaluate("typeof htmx === 'object' && 'serviceWorker' in navigator")
    start_quickly(page, **DETAILS)
    expect(page.get_by_role("status").filter(has_text="Your checklist is ready")).to_be_visible()
    page.get_by_role("link", name="Or go through the guide section by section").click()

    walk_every_section(page, sections, js=True)
    check_review_and_pdfs(page, clinic_sections)
    assert problems.found == []


def test_a_family_without_javascript_goes_from_the_landing_page_to_both_pdfs(
    new_device, base_url, builtin
):
    sections = builtin.sections.count()
    clinic_sections = builtin.sections.filter(questions__kind="clinic").distinct().count()
    page = new_device(PHONE, java_script_enabled=False).new_page()
    problems = Problems(page, base_url)
    start_checklist(page, **DETAILS)

    walk_every_section(page, sections, js=False)
    check_review_and_pdfs(page, clinic_sections)
    assert problems.found == []


def test_reload_and_back_keep_everything_the_family_typed(phone, builtin):
    start_checklist(phone)
    first = question(phone, 1)
    open_answer(first)
    answer_box(first).fill(ANSWER)
    expect_saved(first)

    phone.reload()
    expect(answer_box(question(phone, 1))).to_have_value(ANSWER)

    # Typed and the page reloaded at once, before the save went out: the copy kept on the
    # phone is put back and sent.
    answer_box(question(phone, 1)).fill(ANSWER + " Twice a year.")
    phone.reload()
    expect(answer_box(question(phone, 1))).to_have_value(ANSWER + " Twice a year.")
    expect_saved(question(phone, 1))

    go_next(phone)
    expect(phone.get_by_text("Section 2 of", exact=False)).to_be_visible()
    phone.go_back()
    expect(phone.get_by_text("Section 1 of", exact=False)).to_be_visible()
    expect(answer_box(question(phone, 1))).to_have_value(ANSWER + " Twice a year.")
    phone.go_forward()
    expect(phone.get_by_text("Section 2 of", exact=False)).to_be_visible()


def test_text_typed_while_the_connection_drops_is_sent_when_it_returns(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    start_checklist(page)
    first = question(page, 1)
    open_answer(first)
    answer_box(first).press_sequentially("Frozen cells, ")
    context.set_offline(True)
    answer_box(first).press_sequentially("from a cord blood bank.")
    expect(first.locator(".save-state")).to_have_text(
        "Kept on this phone. It will be sent when you are back online."
    )

    context.set_offline(False)
    expect_saved(first)
    page.reload()
    expect(answer_box(question(page, 1))).to_have_value("Frozen cells, from a cord blood bank.")


def test_two_tabs_on_one_checklist_show_a_conflict_and_let_the_family_choose(new_device, builtin):
    context = new_device(PHONE)
    phone = context.new_page()
    url = start_checklist(phone)
    tablet = context.new_page()
    tablet.goto(url)
    for page in (phone, tablet):
        open_answer(question(page, 1))

    answer_box(question(phone, 1)).fill("Said on the phone")
    expect_saved(question(phone, 1))
    answer_box(question(tablet, 1)).fill("Said on the tablet")
    conflict = question(tablet, 1).locator(".conflict")
    expect(conflict).to_contain_text("This question was also changed on another device.")
    expect(conflict).to_contain_text("Said on the phone")

    tablet.get_by_role("button", name="Use the other version").click()
    expect(answer_box(question(tablet, 1))).to_have_value("Said on the phone")
    expect_saved(question(tablet, 1))
    expect(conflict).to_have_count(0)

    answer_box(question(phone, 1)).fill("Changed on the phone again")
    expect_saved(question(phone, 1))
    answer_box(question(tablet, 1)).fill("The tablet is right")
    expect(conflict).to_contain_text("Changed on the phone again")
    tablet.get_by_role("button", name="Keep my version").click()
    expect_saved(question(tablet, 1))
    expect(answer_box(question(tablet, 1))).to_have_value("The tablet is right")

    phone.reload()
    expect(answer_box(question(phone, 1))).to_have_value("The tablet is right")
    assert re.search(r"/s/1/", phone.url)


def test_pages_opened_before_can_be_read_with_no_connection(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    first = start_checklist(page)
    page.evaluate("navigator.serviceWorker.ready")
    open_answer(question(page, 1))
    answer_box(question(page, 1)).fill(ANSWER)
    expect_saved(question(page, 1))
    page.reload()
    expect(page.get_by_text("Section 1 of", exact=False)).to_be_visible()
    wait_until_kept_with(page, first, "own bone marrow, they said.")  # as the HTML holds it

    context.set_offline(True)
    page.goto(first)
    expect(page.get_by_text("Section 1 of", exact=False)).to_be_visible()
    expect(answer_box(question(page, 1))).to_have_value(ANSWER)
    # A page that is not kept on this phone: the offline page says what still works.
    page.goto("/guides/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()


def test_a_checklist_deleted_elsewhere_is_not_kept_for_offline_reading(new_device, builtin):
    every_page = builtin.sections.count() + 2  # and the overview and the review
    context = new_device(PHONE)
    page = context.new_page()
    first = start_checklist(page)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # now under the service worker, which keeps every page of the checklist
    expect(page.get_by_text("Section 1 of", exact=False)).to_be_visible()
    token = first.split("/c/")[1].split("/")[0]
    kept = "caches.open('askfirst-pages').then(c => c.keys()).then(k => k.length)"
    for _ in range(100):
        if page.evaluate(kept) == every_page:
            break
        page.wait_for_timeout(100)
    paths = "caches.open('askfirst-pages').then(c => c.keys()).then(k => k.map(r => r.url))"
    assert page.evaluate(kept) == every_page, sorted(
        url.split(token)[1] for url in page.evaluate(paths)
    )

    # Deleted from another device (or by the server's clean-up).
    Checklist.objects.get(token_hash=hash_token(token)).delete()

    # Next time the phone is online, it asks and drops what the server no longer serves...
    page.goto("/")
    page.evaluate("navigator.serviceWorker.controller.postMessage({online: true})")
    for _ in range(100):
        if page.evaluate(kept) == 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(kept) == 0
    # ...so offline, the checklist's page is not shown from an old copy.
    context.set_offline(True)
    page.goto(first)
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
