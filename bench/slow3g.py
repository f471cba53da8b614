"""How soon a family sees each quick-path screen on a slow phone connection.

    .venv/bin/python bench/slow3g.py [--runs 3]

Serves the app as in production (bench/weight.py: DEBUG off, collected static files, gunicorn)
and opens it in Chromium at 375x812 under Chromium's own "Slow 3G" network emulation (the
DevTools preset: 2 s from each request to its first byte, 400 kbit/s down and up). Two ways:

- each screen opened cold, in a fresh browser with nothing cached (a link followed on a new
  phone): the landing page, the start page, "Choose your questions" of a new checklist, its
  first section and its review;
- the path a first-time family takes in one browser: landing -> "Start a checklist" ->
  "Start" (a form post and its redirect) -> "Choose your questions".

"Content visible" is the browser's first contentful paint, and the largest contentful paint,
from the start of each navigation (a redirect included). The goal (issue 12): within 2.5 s.
The floor, measured in the same run: the offline page, cold (the base template, no query).
Prints the median of the runs; asserts nothing.
"""

import argparse
import re
import signal
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.weight import serve
from tests.browser import CHROMIUM, CHROMIUM_ARGS

SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
GOAL_MS = 2500

# The paints of the page now shown, in ms from the start of its navigation.
PAINTS = """() => new Promise(resolve => {
  let lcp = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    resolve([fcp ? fcp.startTime : -1, lcp || (fcp ? fcp.startTime : -1)]);
  }, 100);
})"""


def slow_page(browser: Browser) -> Page:
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    cdp: CDPSession = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.set_default_timeout(60_000)
    return page


def paints(page: Page) -> tuple[float, float]:
    page.wait_for_load_state("load")
    fcp, lcp = page.evaluate(PAINTS)
    return float(fcp), float(lcp)


def new_checklist(browser: Browser, base: str) -> str:
    """A checklist started at full speed; its "Choose your questions" address."""
    page = browser.new_page()
    page.goto(base + "/start/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/choose/$"))
    url = page.url
    page.context.close()
    return url


def one_run(browser: Browser, base: str) -> dict[str, tuple[float, float]]:
    figures = {}
    choose = new_checklist(browser, base)
    cold = {
        "offline page, cold (floor)": base + "/offline/",
        "landing, cold": base + "/",
        "start, cold": base + "/start/",
        "choose, cold (a new phone)": choose,
        "section 1, cold": choose.replace("/choose/", "/s/1/"),
        "review, cold": choose.replace("/choose/", "/review/"),
    }
    for name, url in cold.items():
        page = slow_page(browser)
        page.goto(url)
        figures[name] = paints(page)
        page.context.close()

    page = slow_page(browser)
    page.goto(base + "/")
    figures["path: landing"] = paints(page)
    page.get_by_role("main").get_by_role("link", name="Start a checklist").click()
    page.wait_for_url(re.compile(r"/start/$"))
    figures["path: start"] = paints(page)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_url(re.compile(r"/choose/$"))
    figures["path: choose (post + redirect)"] = paints(page)
    page.context.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="askfirst-slow3g-") as workdir:
        server, base, _env = serve(Path(workdir))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                runs = [one_run(browser, base) for _ in range(args.runs)]
                browser.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    floor = statistics.median(run["offline page, cold (floor)"][0] for run in runs)
    print(f'Chromium "Slow 3G" (2 s to first byte, 400 kbit/s), 375x812, median of {args.runs}')
    print(f"{'screen':34} {'first paint':>12} {'largest paint':>14} {'vs floor':>9} goal")
    for name in runs[0]:
        fcp = statistics.median(run[name][0] for run in runs)
        lcp = statistics.median(run[name][1] for run in runs)
        mark = "ok" if lcp <= GOAL_MS else "over"
        print(f"{name:34} {fcp:9.0f} ms {lcp:11.0f} ms {lcp / floor:8.2f}x {mark}")


if __name__ == "__main__":
    main()
