"""A family with three clinics on a phone: adds them, writes down what each answered, and
sees and prints them side by side, with JavaScript and without."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, SMALL_PHONE
from tests.e2e.steps import (
    answer_box,
    expect_saved,
    go_next,
    open_answer,
    pdf_words,
    question,
    start_checklist,
)
from tests.e2e.test_accessibility import problems_on

CLINICS = ["Clinic North", "Clinic South", "Clinic East"]


def add_clinic(page: Page, base: str, name: str) -> None:
    page.goto(base + "clinics/")
    page.get_by_label("Clinic name").fill(name)
    page.get_by_role("button", name="Add this clinic").click()
    expect(page.get_by_text(f"{name} is added")).to_be_visible()


def write_answer(page: Page, base: str, text: str, javascript: bool) -> None:
    """The clinic's answer to the first question of the first section, for the clinic the
    page is for."""
    page.goto(base + "s/1/")
    box = question(page, 1)
    open_answer(box)
    answer_box(box).fill(text)
    if javascript:
        expect_saved(box)
    else:
        go_next(page)


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["375x812", "320x568"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_family_compares_three_clinics_on_a_phone(new_device, builtin, viewport, javascript):
    page = new_device(viewport, java_script_enabled=javascript).new_page()
    base = start_checklist(page, **{"Clinic name": CLINICS[0]}).removesuffix("s/1/")
    write_answer(page, base, "Cells from the hip bone, used fresh.", javascript)
    for name in CLINICS[1:]:
        add_clinic(page, base, name)
    # The third clinic is shown now; one tap switches to the second.
    page.goto(base + "s/1/")
    bar = page.get_by_role("navigation", name="Clinics")
    expect(bar).to_contain_text("Answers for Clinic East")
    write_answer(page, base, "Donor cells from a cord blood bank.", javascript)
    page.goto(base + "s/1/")
    page.get_by_role("button", name="Switch to Clinic South").click()
    expect(page.get_by_role("navigation", name="Clinics")).to_contain_text(
        "Answers for Clinic South"
    )
    expect(answer_box(question(page, 1))).to_have_value("")
    write_answer(page, base, "We would rather not say.", javascript)

    page.goto(base + "compare/")
    expect(page.get_by_text("AskFirst does not judge clinics")).to_be_visible()
    first = page.locator("section.compare-question").first
    for name, said in zip(
        CLINICS,
        [
            "Cells from the hip bone, used fresh.",
            "We would rather not say.",
            "Donor cells from a cord blood bank.",
        ],
        strict=True,
    ):
        row = first.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row).to_contain_text(said)
    # axe runs in the page, so it looks with JavaScript on; the markup is the same.
    checker = new_device(viewport).new_page()
    checker.goto(page.url)
    assert problems_on(checker, "compare") == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the comparison (PDF)").click()
    words = pdf_words(download.value.path().read_bytes())
    for expected in [*CLINICS, "Donor cells from a cord blood bank.", "does not judge clinics"]:
        assert expected in words
