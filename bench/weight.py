"""What a first visit weighs on a phone, measured in Chromium against gunicorn.

    .venv/bin/python bench/weight.py
    .venv/bin/python bench/weight.py --lighthouse    # also Lighthouse scores (npm, see below)

Serves the app as in production: DEBUG off, `collectstatic` (WhiteNoise's compressed, hashed
files), gunicorn on 127.0.0.1. A fresh browser at 375x812 (mobile, touch) opens the landing
page, and another fresh one a section page (a family opening its private link on a new
phone). Every byte that reaches the browser is counted as it came over the wire (compressed
where the server compressed it), headers included, service worker requests too. Then one
answer is typed and the autosave's reply is weighed. Figures are printed as ratios to the
budgets of docs/performance.md (60 KB a first visit, 8 KB a swap), next to the floor: the
smallest page the same stack sends (the offline page). Static files are checked for hashed
names and a year's `Cache-Control: immutable`.

Lighthouse: `npm install --prefix /tmp/lh lighthouse` (or any install; set LIGHTHOUSE to its
`lighthouse` command); Chromium from CHROME_PATH (default /usr/bin/chromium).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.server import prepare, start
from tests.browser import CHROMIUM, CHROMIUM_ARGS

FIRST_VISIT_BUDGET = 60 * 1024
SWAP_BUDGET = 8 * 1024
YEAR = 365 * 24 * 3600
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


@dataclass
class Visit:
    """Every response one visit brought over the wire."""

    rows: list[tuple[str, str, int, str]] = field(default_factory=list)

    def add(self, request: Request) -> None:
        response = request.response()
        if response is None:
            return
        sizes = request.sizes()
        wire = sizes["responseHeadersSize"] + sizes["responseBodySize"]
        encoding = response.headers.get("content-encoding", "-")
        self.rows.append((request.url, request.resource_type, wire, encoding))

    @property
    def total(self) -> int:
        return sum(row[2] for row in self.rows)


def serve(workdir: Path) -> tuple[subprocess.Popen[bytes], str, dict[str, str]]:
    env = os.environ | {
        "SECRET_KEY": "weight-" + secrets.token_hex(16),
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'weight.sqlite3'}",
    }
    prepare(env)
    server, port = start(env | {"LOG_LEVEL": "WARNING"}, workers=2)
    return server, f"http://127.0.0.1:{port}", env


def first_visit(browser: Browser, url: str) -> Visit:
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    visit = Visit()
    context.on("requestfinished", visit.add)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    # The service worker fetches the app shell once it is installed.
    page.evaluate("navigator.serviceWorker && navigator.serviceWorker.ready")
    page.wait_for_load_state("networkidle")
    context.close()
    return visit


def autosave_reply(browser: Browser, url: str) -> tuple[int, int]:
    """Type an answer; the bytes of the autosave's reply (wire, and its body alone)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(url)
    box = page.locator("fieldset.question").first
    box.locator("summary", has_text="The clinic's answer").click()
    with page.expect_response(lambda r: r.request.method == "POST") as reply:
        box.get_by_label("The clinic's answer", exact=True).fill("Bone marrow, frozen, they said.")
    response = reply.value
    body = response.body()
    sizes = response.request.sizes()
    context.close()
    return sizes["responseHeadersSize"] + sizes["responseBodySize"], len(body)


def new_checklist(browser: Browser, base: str) -> str:
    """Start a checklist as a family does; the address of "Choose your questions"."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/start/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/choose/$"))
    url = page.url
    context.close()
    return url


def kb(n: int) -> str:
    return f"{n / 1024:6.1f} KB"


def report(name: str, visit: Visit, base: str) -> None:
    print(f"\n{name}")
    for url, kind, wire, encoding in visit.rows:
        print(f"  {kb(wire)}  {kind:<11} {encoding:<6} {url.removeprefix(base)[:72]}")
    ratio = visit.total / FIRST_VISIT_BUDGET
    print(f"  {kb(visit.total)}  in all = {ratio:.2f} of the 60 KB budget")


def check_static_headers(base: str, visit: Visit) -> None:
    import urllib.request

    print("\nstatic files (hashed name; cached at least a year, immutable)")
    for url in dict.fromkeys(row[0] for row in visit.rows):
        if "/static/" not in url:
            continue
        request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})  # noqa: S310
        with urllib.request.urlopen(request) as response:  # noqa: S310
            cache = response.headers.get("Cache-Control", "")
            encoding = response.headers.get("Content-Encoding", "-")
        max_age = re.search(r"max-age=(\d+)", cache)
        ok = HASHED.search(url) and max_age and int(max_age[1]) >= YEAR and "immutable" in cache
        print(f"  {'ok ' if ok else 'NO '} {encoding:<5} {cache:<40} {url.removeprefix(base)}")


def lighthouse(urls: dict[str, str]) -> None:
    command = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    local = Path("/tmp/lh/node_modules/.bin/lighthouse")  # noqa: S108
    if command is None and local.exists():
        command = str(local)
    if command is None:
        print("\nLighthouse: not found (npm install --prefix /tmp/lh lighthouse)")
        return
    print("\nLighthouse (mobile, simulated slow 4G; scores out of 100)")
    print(f"  {'page':<10} {'performance':>11} {'accessibility':>13} {'best practices':>14}")
    env = os.environ | {"CHROME_PATH": CHROMIUM}
    for name, url in urls.items():
        result = subprocess.run(
            [
                command,
                url,
                "--quiet",
                "--output=json",
                "--only-categories=performance,accessibility,best-practices",
                "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
            ],
            capture_output=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            print(f"  {name:<10} failed: {result.stderr.decode()[-300:]}")
            continue
        categories = json.loads(result.stdout)["categories"]
        scores = [
            round(categories[key]["score"] * 100)
            for key in ("performance", "accessibility", "best-practices")
        ]
        print(f"  {name:<10} {scores[0]:>11} {scores[1]:>13} {scores[2]:>14}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="askfirst-weight-"))
    server, base, _env = serve(workdir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            choose = new_checklist(browser, base)
            section = choose.replace("/choose/", "/s/1/")
            floor = first_visit(browser, base + "/offline/")
            landing = first_visit(browser, base + "/")
            choose_visit = first_visit(browser, choose)
            section_visit = first_visit(browser, section)
            swap_wire, swap_body = autosave_reply(browser, section)
            browser.close()
        print(f"first visit on a phone, {base} (DEBUG off, collectstatic, gunicorn)")
        report("floor: the offline page (the smallest page: base template, CSS, JS)", floor, base)
        report("landing page", landing, base)
        report("choose your questions (all 52), opened from its private link", choose_visit, base)
        report("a section page (5 questions), opened from its private link", section_visit, base)
        print(
            f"\nautosave reply: {swap_wire} bytes on the wire ({swap_body} of body) = "
            f"{swap_wire / SWAP_BUDGET:.2f} of the 8 KB budget"
        )
        print("\nratios to the floor (the offline page's first visit)")
        print(f"  landing  {landing.total / floor.total:.2f}")
        print(f"  choose   {choose_visit.total / floor.total:.2f}")
        print(f"  section  {section_visit.total / floor.total:.2f}")
        check_static_headers(base, landing)
        if args.lighthouse:
            review = section.removesuffix("s/1/") + "review/"
            lighthouse({"landing": base + "/", "section": section, "review": review})
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
