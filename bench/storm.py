"""Autosave while heavy PDFs render: does a family typing notice four others printing?

    .venv/bin/python bench/storm.py [--saves 600] [--pdf-clients 4]

Runs the `make run` deployment itself (honcho with the Procfile: gunicorn with two workers,
and the PDF worker at a lower CPU priority) on a temporary SQLite database, on 127.0.0.1 only.
One family saves answers one at a time, as the page does, and the time of each save is taken
from the client: first at rest, then while `--pdf-clients` families each ask for a heavy PDF
(every question, long answers and notes, a page limit high enough to render it all), wait for
it the way the waiting page does (asking again every two seconds) and download it, changing an
answer before each new one so that none comes from the cache. Prints the median and 95th
percentile of both, and their ratio (goal: the p95 under the storm at most 1.5 times the p95
at rest); asserts nothing.
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import Family, request, start_family
from bench.server import ROOT, free_port, prepare

GOAL = 1.5
LONG_TEXT = (
    "The doctor said the cells come from the child's own bone marrow, taken on the first day, "
    "and are given back into the spinal fluid on the second day. "
) * 12


@dataclass
class Storm:
    pdfs: int = 0
    seconds_to_ready: list[float] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    honcho = Path(sys.executable).parent / "honcho"
    server = subprocess.Popen(
        [str(honcho), "start", "--port", str(port), "--procfile", "Procfile"],
        cwd=ROOT,
        env=env | {"PATH": f"{Path(sys.executable).parent}:{env['PATH']}"},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
            break
        except OSError:
            time.sleep(0.1)
    return server, port


def all_answers(port: int, family: Family) -> None:
    """Every answer of the checklist with its revision, from each section page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    number = 1
    while True:
        status, page, _ = request(conn, "GET", f"/c/{family.token}/s/{number}/", family)
        if status != 200:
            break
        for answer_id, revision in _revisions(page):
            family.answers[answer_id] = revision
        number += 1
    conn.close()


def _revisions(page: str) -> list[tuple[int, int]]:
    found = re.findall(r'name="a(\d+)-revision" value="(\d+)"', page)
    return [(int(a), int(r)) for a, r in found]


def save(conn: http.client.HTTPConnection, family: Family, answer_id: int, text: str) -> int:
    p = f"a{answer_id}-"
    body = {
        p + "included": "on",
        p + "response": text,
        p + "rating": "clear",
        p + "notes": text,
        p + "revision": str(family.answers[answer_id]),
        p + "page_render": "be7c4",
    }
    status, reply, _ = request(
        conn, "POST", f"/c/{family.token}/a/{answer_id}/", family, body, htmx=True
    )
    for found_id, revision in _revisions(reply):
        family.answers[found_id] = revision
    return status


def heavy_family(port: int) -> Family:
    family = start_family(port)
    all_answers(port, family)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for answer_id in list(family.answers):
        assert save(conn, family, answer_id, LONG_TEXT) == 200
    options = {"paper_size": "a4", "large_print": "False", "print_why": "on", "print_notes": "on"}
    status, _, _ = request(conn, "POST", f"/c/{family.token}/print-options/", family, options)
    assert status == 302, status
    conn.close()
    return family


def print_forever(port: int, family: Family, storm: Storm) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    first = next(iter(family.answers))
    n = 0
    while not storm.stop.is_set():
        n += 1
        save(conn, family, first, f"{LONG_TEXT} (change {n})")  # so it is not in the cache
        asked = time.monotonic()
        path = f"/c/{family.token}/pdf"
        status, page, _ = request(conn, "GET", path, family)
        while "Your PDF is ready" not in page and not storm.stop.is_set():
            assert status == 200 and "could not be made" not in page, (status, page[-500:])
            time.sleep(2)  # as the waiting page does, at the address it gives
            poll = re.findall(r'hx-get="([^"]+)"', page)[0]
            status, page, _ = request(conn, "GET", poll, family, htmx=True)
        if storm.stop.is_set():
            break
        conn.request("GET", path, headers={"Cookie": family.cookie})
        response = conn.getresponse()
        body = response.read()
        assert response.getheader("Content-Type") == "application/pdf"
        storm.seconds_to_ready.append(time.monotonic() - asked)
        info = subprocess.run(["pdfinfo", "-"], input=body, capture_output=True, check=True)
        storm.pages.append(int(re.findall(rb"Pages:\s+(\d+)", info.stdout)[0]))
        storm.pdfs += 1
    conn.close()


def save_times(port: int, family: Family, saves: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    ids = list(family.answers)
    times = []
    for n in range(saves):
        began = time.perf_counter()
        status = save(conn, family, ids[n % len(ids)], f"save {n} {secrets.token_hex(4)}")
        times.append((time.perf_counter() - began) * 1000)
        assert status == 200, status
        time.sleep(0.05)  # a person types; the page saves a few times a second at most
    conn.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=600, help="autosaves in each phase")
    parser.add_argument("--pdf-clients", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="askfirst-storm-"))
    env = os.environ | {
        "SECRET_KEY": "storm-" + secrets.token_hex(16),
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'storm.sqlite3'}",
        "CACHE_DIR": str(workdir / "cache"),
        "ASKFIRST_PDF_MAX_PAGES": "1000",
        "ASKFIRST_PDF_SECONDS": "600",
        "RATE_LIMIT_PDF": "100000/h",
        "RATE_LIMIT_PDF_CHECKLIST": "100000/h",
        "RATE_LIMIT_CREATE": "100000/h",
    }
    prepare(env)
    server, port = serve(env)
    try:
        typist = start_family(port)
        all_answers(port, typist)
        printers = [heavy_family(port) for _ in range(args.pdf_clients)]
        save_times(port, typist, 20)  # warm up
        rest = save_times(port, typist, args.saves)

        storm = Storm()
        threads = [threading.Thread(target=print_forever, args=(port, f, storm)) for f in printers]
        for t in threads:
            t.start()
        time.sleep(3)  # the worker is busy by now
        during = save_times(port, typist, args.saves)
        storm.stop.set()
        for t in threads:
            t.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print(f"AskFirst autosave under a PDF storm: {os.cpu_count()} cores, SQLite, `make run`")
    print(f"{'':22}{'median':>10}{'p95':>10}")
    print(f"{'at rest':22}{statistics.median(rest):>8.1f}ms{p95(rest):>8.1f}ms")
    print(f"{'4 clients printing':22}{statistics.median(during):>8.1f}ms{p95(during):>8.1f}ms")
    ratio = p95(during) / p95(rest)
    print(f"p95 ratio (storm / rest): {ratio:.2f}  (goal: at most {GOAL})")
    if storm.pdfs:
        print(
            f"PDFs during the storm: {storm.pdfs}, median {statistics.median(storm.pages):.0f} "
            f"pages, median {statistics.median(storm.seconds_to_ready):.1f} s from asking to "
            "the download"
        )


if __name__ == "__main__":
    main()
