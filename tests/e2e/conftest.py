"""Browser tests: Chromium (the Debian package) driven by Playwright against the live server.

One browser for the whole session; each test opens its own context (a fresh device: no
cookies, no storage) at the size of the phone it plays. Outside CI a machine without Chromium
skips these tests with a message; in CI (CI=true) a missing Chromium is a failure.
"""

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.test_pdf_worker import run_worker

# Playwright's sync API runs an event loop in the main thread for as long as the browser is
# open (the whole session, so during every test that follows too), and Django takes every ORM
# call made from that thread for one made from async code. They are plain sync calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


PHONE: ViewportSize = {"width": 375, "height": 812}
SMALL_PHONE: ViewportSize = {"width": 320, "height": 568}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

# Waits are for things a person would also wait for; a stuck page fails within seconds.
expect.set_options(timeout=10_000)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: a test in a real browser (-m 'not e2e' skips them)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


def _chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = _chromium_path()
    if path is None:
        message = "Chromium is not installed: apt-get install chromium"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    The tests' in-memory SQLite database is one connection shared by every thread of the
    live server, and Django's docs warn that two queries at once through it may fail at
    random. A browser sends several requests at once (a page, its files, an autosave), so
    the app is run for one at a time; connections stay threaded, so keep-alive still works.
    """

    def set_app(self, application: Any) -> None:
        lock = self.lock = threading.Lock()
        self.busy = 0
        self.changed = threading.Condition()

        def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Any:
            with self.changed:
                self.busy += 1
            try:
                with lock:
                    return application(environ, start_response)
            finally:
                with self.changed:
                    self.busy -= 1
                    self.changed.notify_all()

        super().set_app(one_at_a_time)

    def wait_until_idle(self) -> None:
        """Until no request is running or waiting, twice in a row a moment apart (one sent just
        before its page closed may still be on its way in)."""
        for _ in range(2):
            with self.changed:
                self.changed.wait_for(lambda: self.busy == 0, timeout=10)
            time.sleep(0.05)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def base_url(live_server: LiveServer) -> str:
    return str(live_server.url)


NewDevice = Callable[..., BrowserContext]


@pytest.fixture
def new_device(browser: Browser, base_url: str, live_server: LiveServer) -> Iterator[NewDevice]:
    """Open a new device: a phone (touch, mobile) unless a desktop viewport is asked for."""
    contexts: list[BrowserContext] = []

    def open_device(viewport: ViewportSize = PHONE, **options) -> BrowserContext:
        mobile = viewport["width"] < 800
        context = browser.new_context(
            base_url=base_url,
            viewport=viewport,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=2 if mobile else 1,
            **({"locale": "en-GB"} | options),
        )
        contexts.append(context)
        return context

    yield open_device
    for context in contexts:
        context.close()
    # A save a page sent as the test ended must finish before the test's database and settings
    # are put back, or it runs against the next test's (PostgreSQL deadlocks on the flush).
    server = live_server.thread.httpd
    assert isinstance(server, OneRequestAtATime)
    server.wait_until_idle()


@pytest.fixture
def pdf_worker(live_server: LiveServer) -> Callable[[], None]:
    """Run the PDF worker until its queue is empty, between two requests: it shares the live
    server's one database connection, so a request running meanwhile (htmx looking whether
    the PDF is ready) could see the queue half-written."""
    server = live_server.thread.httpd
    assert isinstance(server, OneRequestAtATime)

    def run() -> None:
        with server.lock:
            run_worker()

    return run


@pytest.fixture
def phone(new_device: NewDevice) -> Page:
    return new_device(PHONE).new_page()
