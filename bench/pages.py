"""What the family's pages and an autosave cost, against the floor every page pays.

    .venv/bin/python bench/pages.py [--requests 300]

Serves the app with gunicorn (one worker, DEBUG off, collected static files, a temporary
SQLite database with the built-in guide) and the same middleware for every view. Two floors:
the landing page of a new device, the floor the goals name (issue 12: every family page at
most 3x, an autosave at most 1.5x): the base template and one query (it reads the built-in
guide; a family page reads at least its checklist); and the offline page, the base template
and no query, the least any page of the site costs. A view that does nothing shows what the
stack itself costs. Each figure is the median time of one request, measured from a client on
127.0.0.1, one request at a time, the kinds taking turns. Prints figures; asserts nothing.
"""

import argparse
import http.client
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import request, start_family
from bench.server import prepare, start

# One request of a kind: the connection and the round's number in, the status out.
Send = Callable[[http.client.HTTPConnection, int], int]


def medians_ms(
    conn: http.client.HTTPConnection, rounds: int, sends: dict[str, Send]
) -> dict[str, float]:
    """Each round sends one request of each kind in turn, so that a slow moment of the machine
    weighs on the floor and the pages alike."""
    times: dict[str, list[float]] = {name: [] for name in sends}
    for i in range(rounds):
        for name, send in sends.items():
            began = time.perf_counter()
            status = send(conn, i)
            times[name].append(time.perf_counter() - began)
            assert status == 200, (name, status)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="askfirst-pages-"))
    env = os.environ | {
        "SECRET_KEY": "bench-" + secrets.token_hex(16),
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'pages.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    prepare(env)
    server, port = start(env, workers=1)
    try:
        family = start_family(port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        answer_id = next(iter(family.answers))
        page_render = secrets.token_hex(8)

        def get(path: str) -> Send:
            return lambda c, i: request(c, "GET", path, family)[0]

        def autosave(c: http.client.HTTPConnection, i: int) -> int:
            p = f"a{answer_id}-"
            body = {
                p + "included": "on",
                p + "response": f"Answer number {i}",
                p + "rating": "clear",
                p + "notes": "",
                p + "revision": str(family.answers[answer_id]),
                p + "page_render": page_render,
            }
            status, reply, _ = request(
                c, "POST", f"/c/{family.token}/a/{answer_id}/", family, body, htmx=True
            )
            family.answers[answer_id] = int(
                re.search(rf'name="a{answer_id}-revision" value="(\d+)"', reply)[1]  # type: ignore[index]
            )
            return int(status)

        def choice(c: http.client.HTTPConnection, i: int) -> int:
            p = f"a{answer_id}-"
            body = {p + "included": "on"} | ({p + "starred": "on"} if i % 2 else {})
            path = f"/c/{family.token}/a/{answer_id}/choice/"
            return request(c, "POST", path, family, body, htmx=True)[0]

        questions = len(family.answers)
        sends = {
            "offline page": get("/offline/"),
            "a view doing nothing": get("/bench/minimal/"),
            "landing page": get("/"),
            "start page": get("/start/"),
            "overview": get(f"/c/{family.token}/"),
            "choose (every question)": get(f"/c/{family.token}/choose/"),
            f"section page ({questions} questions)": get(f"/c/{family.token}/s/1/"),
            "review": get(f"/c/{family.token}/review/"),
            "print options": get(f"/c/{family.token}/print-options/"),
            "autosave": autosave,
            "tick on the choose page": choice,
        }
        medians_ms(conn, 30, sends)  # warm up
        figures = medians_ms(conn, args.requests, sends)
    finally:
        server.terminate()
        server.wait(timeout=30)

    landing, offline = figures["landing page"], figures["offline page"]
    print(f"gunicorn, 1 worker, SQLite, {args.requests} rounds (one request of each kind), median")
    print(f"{'':34} {'':>10} {'landing':>8} {'offline':>8}")
    for name, ms in figures.items():
        print(f"{name:34} {ms:7.2f} ms {ms / landing:7.2f}x {ms / offline:7.2f}x")


if __name__ == "__main__":
    main()
