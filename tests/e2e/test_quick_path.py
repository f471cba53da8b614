"""A first-time family on a phone: from the landing page to a two-page sheet of the core
questions in at most six taps besides their ticks, with JavaScript and without; and the rules
of the "How was the answer?" choice after the visit."""

import re

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.e2e.conftest import PHONE, SMALL_PHONE
from tests.e2e.steps import (
    Problems,
    answer_box,
    expect_saved,
    open_answer,
    pdf_words,
    question,
    start_quickly,
)
from tests.printouts import pdf_info, squeezed
from tests.test_pdf_worker import QUEUE

MOST_TAPS = 6


class Taps:
    """Every tap the family makes that is not one of their own ticks."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.count = 0

    def on(self, target: Locator) -> None:
        self.count += 1
        target.click()


def send_without_javascript(page: Page) -> None:
    """Without JavaScript the answer is sent by "Next"; coming back shows what was kept."""
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    page.go_back()
    page.reload()


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["375x812", "320x568"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_first_time_family_gets_a_two_page_sheet_of_the_core_questions_in_six_taps(
    new_device, base_url, builtin, settings, pdf_worker, viewport, javascript
):
    settings.TASKS = QUEUE  # the real queue: the PDF is made by the worker, as in production
    core = list(builtin.questions.filter(core=True).values_list("text", flat=True))
    page = new_device(viewport, java_script_enabled=javascript).new_page()
    problems = Problems(page, base_url)
    taps = Taps(page)

    page.goto("/")
    taps.on(page.get_by_role("main").get_by_role("link", name="Start a checklist"))
    taps.on(page.get_by_role("button", name="Start", exact=True))
    expect(page.get_by_role("heading", name="Choose your questions")).to_be_visible()
    bar = page.locator("#chosen-bar")
    expect(bar).to_contain_text(f"{len(core)} questions · about 2 pages")
    expect(bar.get_by_role("button", name=f"Review & print ({len(core)})")).to_be_visible()
    # Their own tick: the last core question is the one to ask first.
    page.get_by_label(f"Ask first: {core[-1]}").check()
    if javascript:
        expect_saved(page.locator(".choice").filter(has_text=core[-1]))

    taps.on(page.get_by_role("button", name="Print my questions"))
    expect(page.get_by_role("heading", name=re.compile("Print"))).to_be_visible()
    pdf_worker()  # opening the print options asked for the PDF already
    with page.expect_download() as download:
        taps.on(page.get_by_role("button", name="Download the PDF").first)
    assert taps.count <= MOST_TAPS, taps.count
    assert download.value.suggested_filename.endswith(".pdf")

    pdf = download.value.path().read_bytes()
    assert pdf_info(pdf)["Pages"] == "2"
    text = squeezed(pdf_words(pdf))
    for asked in core:
        assert squeezed(asked) in text, asked
    # The starred question comes first.
    assert text.index(squeezed(core[-1])) < text.index(squeezed(core[0]))
    assert problems.found == []


def first_unticked(page: Page) -> tuple[Locator, str]:
    """The first question of "Choose your questions" not ticked yet, and its text."""
    unticked = page.locator(".choice").filter(
        has=page.locator("input[name$='-included']:not(:checked)")
    )
    row = page.locator("#" + str(unticked.first.get_attribute("id")))
    return row, row.locator(".ask span").inner_text()


def chosen_count(page: Page) -> int:
    return int(re.findall(r"\((\d+)\)", page.locator("#chosen-bar").inner_text())[0])


def review_and_print(page: Page) -> Locator:
    """Tap the bar's "Review & print"; returns the review's lists of chosen questions."""
    page.locator("#chosen-bar").get_by_role("button", name=re.compile(r"^Review & print")).click()
    expect(page.get_by_role("heading", name="Review and print")).to_be_visible()
    return page.locator("ol.review")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_review_and_print_takes_along_what_was_just_ticked_and_typed(
    new_device, builtin, javascript
):
    page = new_device(PHONE, java_script_enabled=javascript).new_page()
    start_quickly(page)
    row, text = first_unticked(page)
    row.get_by_label(text, exact=True).check()
    # Without JavaScript nothing is sent until the bar is tapped, straight after the tick.
    if javascript:
        expect_saved(row)
    expect(review_and_print(page).filter(has_text=text)).to_have_count(1)

    item = page.locator("ol.review li").first
    answer_id = item.get_attribute("id")  # "a<id>", the same on the section page
    item.get_by_role("link", name=re.compile("^Change")).click()
    box = page.locator(f"fieldset#{answer_id}")
    open_answer(box)
    answer_box(box).fill("Approved nowhere, they said.")
    review_and_print(page)
    expect(page.locator(f"li#{answer_id}")).to_contain_text(
        "Answered, not rated yet: Approved nowhere, they said."
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_star_is_a_question_to_ask_first_even_if_it_was_not_ticked(
    new_device, builtin, javascript
):
    page = new_device(PHONE, java_script_enabled=javascript).new_page()
    start_quickly(page)
    before = chosen_count(page)
    row, text = first_unticked(page)
    row.get_by_label(f"Ask first: {text}").check()
    if javascript:
        # Starring ticks it at once, and the count follows.
        expect(row.get_by_label(text, exact=True)).to_be_checked()
        expect_saved(row)
        expect(page.locator("#chosen-bar")).to_contain_text(f"({before + 1})")
    first = review_and_print(page).first
    expect(page.get_by_role("heading", name="Ask these first")).to_be_visible()
    expect(first).to_contain_text(text)
    if javascript:
        # Unticking a starred question takes its star off too.
        first.get_by_role("link", name=re.compile("^Change")).click()
        box = page.locator("fieldset.question").filter(has_text=text)
        box.get_by_label("Ask this question").uncheck()
        expect(box.get_by_label("Ask it first")).not_to_be_checked()
        expect_saved(box)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_writing_down_the_clinics_answer_marks_it_answered_until_the_family_rates_it(
    new_device, builtin, javascript
):
    page = new_device(PHONE, java_script_enabled=javascript).new_page()
    page.goto("/start/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("link", name="Or go through the guide section by section").click()
    box = question(page, 1)
    open_answer(box)
    expect(box.get_by_label("Not asked yet")).to_be_checked()

    answer_box(box).fill("Not approved anywhere, they said.")
    if javascript:
        expect_saved(box)
    else:
        send_without_javascript(page)
        box = question(page, 1)
    expect(box.get_by_label("Answered, not rated yet")).to_be_checked()

    box.get_by_label("They will send it later").check()
    answer_box(box).fill("Not approved anywhere, they said. Papers to follow.")
    if javascript:
        expect_saved(box)
        page.reload()
    else:
        send_without_javascript(page)
    box = question(page, 1)
    # A rating the family chose stays when they write more.
    expect(box.get_by_label("They will send it later")).to_be_checked()

    box.get_by_label("Answered, not rated yet").check()
    answer_box(box).fill("")
    if javascript:
        expect_saved(box)
        page.reload()
    else:
        send_without_javascript(page)
    # No answer written down: not asked after all.
    expect(question(page, 1).get_by_label("Not asked yet")).to_be_checked()


def test_a_rating_chosen_while_the_answer_is_saving_is_never_undone(phone, builtin):
    phone.goto("/start/")
    phone.get_by_role("button", name="Start", exact=True).click()
    phone.get_by_role("link", name="Or go through the guide section by section").click()
    box = question(phone, 1)
    open_answer(box)
    # The save of the typed answer is held on its way, as on a slow connection.
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    phone.route(re.compile(r"/a/\d+/$"), hold_the_first)
    answer_box(box).fill("Not approved anywhere, they said.")
    phone.wait_for_timeout(1500)
    assert len(held) == 1
    box.get_by_label("Vague", exact=True).check()
    held[0].continue_()
    expect_saved(box)
    expect(box.get_by_label("Vague", exact=True)).to_be_checked()
    phone.reload()
    expect(question(phone, 1).get_by_label("Vague", exact=True)).to_be_checked()
