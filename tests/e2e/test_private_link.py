"""The private link on a phone (share, copy, QR code, a new link), the landing page of a device
that has checklists, and what the phone keeps for reading offline."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, SMALL_PHONE
from tests.e2e.steps import (
    answer_box,
    go_next,
    open_answer,
    question,
    start_checklist,
    wait_until_kept_with,
)
from tests.e2e.test_accessibility import problems_on

SAM = {"Child's first name or nickname": "Sam", "Clinic name": "Example Clinic"}

# What the phone keeps for offline reading, as addresses.
KEPT = """() => caches.has("askfirst-pages").then((found) => found
  ? caches.open("askfirst-pages").then((cache) => cache.keys())
      .then((requests) => requests.map((r) => new URL(r.url).pathname))
  : [])"""

RECORD_SHARING = """
window.shared = [];
Object.defineProperty(navigator, "share", {
  value: (data) => { window.shared.push(data); return Promise.resolve(); },
});
"""


def overview_of(section_url: str) -> str:
    return section_url.split("/s/")[0] + "/"


def wait_until_kept(page: Page, *paths: str) -> None:
    """Until the service worker keeps every one of these pages (it does so in the background)."""
    for _ in range(100):
        if set(paths) <= set(page.evaluate(KEPT)):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"not kept: {set(paths) - set(page.evaluate(KEPT))}")


def every_page_of(page: Page, overview: str, sections: int) -> list[str]:
    path = overview.removeprefix(page.evaluate("location.origin"))
    return [path, f"{path}review/", *(f"{path}s/{n}/" for n in range(1, sections + 1))]


def test_the_link_is_shared_with_the_share_sheet_copied_or_shown_as_a_qr_code(new_device, builtin):
    context = new_device(PHONE, permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_SHARING)
    page = context.new_page()
    overview = overview_of(start_checklist(page, **SAM))
    page.goto(overview)
    link = page.get_by_label("Private link", exact=True).input_value()
    assert link == overview

    page.get_by_role("button", name="Share the link").click()
    assert page.evaluate("window.shared") == [{"title": "AskFirst checklist", "url": link}]

    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    code = page.get_by_role("img", name="QR code of your private link")
    expect(code).to_be_hidden()
    page.get_by_text("Show as a QR code").click()
    expect(code).to_be_visible()
    expect(page.get_by_text("Anyone who scans this code can open and change")).to_be_visible()
    box = code.bounding_box()
    assert box and box["width"] >= 250 and abs(box["width"] - box["height"]) < 2


def test_without_a_share_sheet_or_javascript_the_link_is_still_there_to_copy(new_device, builtin):
    page = new_device(PHONE).new_page()  # this Chromium has no navigator.share
    overview = overview_of(start_checklist(page))
    page.goto(overview)
    expect(page.get_by_role("button", name="Share the link")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()

    plain = new_device(PHONE, java_script_enabled=False).new_page()
    plain.goto(overview)
    expect(plain.get_by_label("Private link", exact=True)).to_have_value(overview)
    expect(plain.get_by_role("button", name="Share the link")).to_be_hidden()
    expect(plain.get_by_role("button", name="Copy link")).to_be_hidden()
    plain.get_by_text("Show as a QR code").click()
    expect(plain.get_by_role("img", name="QR code of your private link")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_new_link_is_made_only_once_the_family_confirms(new_device, builtin, javascript):
    page = new_device(PHONE, java_script_enabled=javascript).new_page()
    old = overview_of(start_checklist(page, **SAM))
    page.goto(old)
    page.get_by_role("link", name="Make a new link").click()
    expect(page.get_by_role("heading", name="Make a new private link?")).to_be_visible()
    expect(page.get_by_text("stops working at once, on every other phone")).to_be_visible()

    page.get_by_role("link", name="Keep the current link").click()
    expect(page.get_by_label("Private link", exact=True)).to_have_value(old)

    page.get_by_role("link", name="Make a new link").click()
    page.get_by_role("button", name="Make a new link").click()
    expect(page.get_by_text("This is your new private link.")).to_be_visible()
    new = page.get_by_label("Private link", exact=True).input_value()
    assert new != old and page.url == new
    page.goto(old)
    expect(page.get_by_role("heading", name="This page is not here")).to_be_visible()


def test_a_phone_with_checklists_continues_the_last_one_in_one_tap(phone, builtin):
    start_checklist(phone, **{"Clinic name": "First Clinic"})
    sam = start_checklist(phone, **SAM)
    phone.goto("/")
    go_on = phone.get_by_role("main").get_by_role("link", name="Continue Sam's checklist")
    start = phone.get_by_role("main").get_by_role("link", name="Start a new checklist")
    expect(go_on).to_be_visible()
    expect(start).to_be_visible()
    go_on_box, start_box = go_on.bounding_box(), start.bounding_box()
    assert go_on_box and start_box and go_on_box["y"] < start_box["y"]
    go_on.click()
    assert phone.url == overview_of(sam)
    expect(phone.get_by_role("heading", name="Sam's checklist")).to_be_visible()

    phone.goto("/")
    phone.get_by_role("link", name="All the checklists on this device").click()
    expect(phone.get_by_role("link", name=re.compile("First Clinic"))).to_be_visible()


def test_every_page_of_a_checklist_reads_offline_once_its_overview_was_opened(new_device, builtin):
    sections = builtin.sections.count()
    first = start_checklist(new_device(PHONE).new_page(), **SAM)
    # A partner's phone opens the link once, and only the overview.
    context = new_device(PHONE)
    page = context.new_page()
    page.goto(overview_of(first))
    wait_until_kept(page, *every_page_of(page, overview_of(first), sections))

    context.set_offline(True)
    page.goto(overview_of(first) + "s/3/")
    expect(page.get_by_text(f"Section 3 of {sections}", exact=True)).to_be_visible()
    page.goto(overview_of(first) + "review/")
    expect(page.get_by_role("heading", name="Review and print")).to_be_visible()


def test_what_the_family_changed_is_in_the_pages_kept_for_offline_reading(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    first = start_checklist(page)
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    wait_until_kept(page, overview_of(first).removeprefix(page.evaluate("location.origin")))
    box = question(page, 1)
    open_answer(box)
    answer_box(box).fill("Bone marrow, they said.")
    expect(box.locator(".save-state")).to_have_text("Saved")
    go_next(page)
    expect(page.get_by_text("Section 2 of", exact=False)).to_be_visible()
    wait_until_kept_with(page, first, "Bone marrow, they said.")

    context.set_offline(True)
    page.goto(first)
    expect(answer_box(question(page, 1))).to_have_value("Bone marrow, they said.")
    page.goto(overview_of(first) + "review/")
    expect(page.get_by_text("Bone marrow, they said.")).to_be_visible()


def test_the_offline_page_lists_the_checklists_kept_on_the_phone(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    sam = overview_of(start_checklist(page, **SAM))
    other = overview_of(start_checklist(page, **{"Clinic name": "Second Clinic"}))
    for overview in (sam, other):
        page.goto(overview)
        wait_until_kept(page, overview.removeprefix(page.evaluate("location.origin")))

    context.set_offline(True)
    page.goto("/guides/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    kept = page.get_by_role("list").filter(has=page.get_by_role("link", name=re.compile("Clinic")))
    expect(kept.get_by_role("link")).to_have_text(
        ["Your checklist · Second Clinic", "Sam's checklist · Example Clinic"]
    )
    kept.get_by_role("link", name="Sam's checklist · Example Clinic").click()
    expect(page.get_by_role("heading", name="Sam's checklist")).to_be_visible()


def test_typing_offline_is_kept_calmly_and_a_server_error_is_told_plainly(new_device, builtin):
    context = new_device(PHONE)
    page = context.new_page()
    start_checklist(page)
    box = question(page, 1)
    open_answer(box)
    context.set_offline(True)
    answer_box(box).fill("Typed with no connection")
    calm = "Kept on this phone. It will be sent when you are back online."
    expect(box.locator(".save-state")).to_have_text(calm)
    context.set_offline(False)
    expect(box.locator(".save-state")).to_have_text("Saved")

    page.route("**/a/*/", lambda route: route.fulfill(status=500, body="Server error"))
    answer_box(box).fill("Typed while the server fails")
    expect(box.locator(".save-state")).to_have_text("Not saved yet - retrying")


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["375x812", "320x568"])
def test_the_new_and_changed_screens_pass_axe_with_big_enough_targets(
    new_device, builtin, viewport
):
    context = new_device(viewport)
    context.add_init_script(RECORD_SHARING)
    page = context.new_page()
    overview = overview_of(start_checklist(page, **SAM))
    found = []
    page.goto(overview)
    page.get_by_text("Show as a QR code").click()
    found += problems_on(page, "overview, with the QR code")
    page.goto(overview + "rotate/")
    found += problems_on(page, "make a new link?")
    page.goto(overview + "delete/")
    found += problems_on(page, "delete, with the PDF to keep")
    page.goto("/")
    found += problems_on(page, "landing, continue")
    wait_until_kept(page, overview.removeprefix(page.evaluate("location.origin")))
    context.set_offline(True)
    page.goto("/guides/")
    expect(page.get_by_role("link", name=re.compile("Sam's checklist"))).to_be_visible()
    found += problems_on(page, "offline, with the kept checklists")
    assert found == [], "\n".join(found)
