"""Asking for a PDF that the worker has not made yet: the family sees it being prepared, and
the page offers the download by itself once it is ready, with JavaScript and without."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import pdf_words, start_checklist
from tests.e2e.test_accessibility import problems_on
from tests.test_pdf_worker import QUEUE


@pytest.fixture
def slow_worker(settings):
    """The real queue, which keeps what is asked until the test runs the worker."""
    settings.TASKS = QUEUE


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_family_waits_for_the_pdf_then_downloads_it(
    new_device, builtin, slow_worker, pdf_worker, javascript
):
    page = new_device(java_script_enabled=javascript).new_page()
    first_section = start_checklist(page)
    page.goto(first_section.replace("s/1/", "pdf"))
    expect(page.get_by_role("heading", name="Preparing your PDF…")).to_be_visible()
    if javascript:  # without it, the page refreshes under axe's feet
        assert problems_on(page, "preparing the PDF") == []

    pdf_worker()
    # The page looks again by itself: htmx every 2 s, or a refresh after 3 s without JS.
    ready = page.get_by_role("heading", name="Your PDF is ready")
    expect(ready).to_be_visible(timeout=8_000)
    if javascript:
        assert problems_on(page, "the PDF is ready") == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert "My questions and notes" in pdf_words(download.value.path().read_bytes())
