"""What a section page and an autosave cost, against a minimal view on the same stack.

    .venv/bin/python bench/pages.py [--requests 300]

Serves the app with gunicorn (one worker, DEBUG off, collected static files, a temporary
SQLite database with the built-in guide) and the same middleware for every view. The floor is
`bench/urls.py`'s minimal view. Each figure is the median time of one request, measured from
a client on 127.0.0.1, one request at a time. Prints figures; asserts nothing.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import request, start_family
from bench.server import prepare, start


def median_ms(conn: http.client.HTTPConnection, n: int, send) -> float:  # type: ignore[no-untyped-def]
    times = []
    for i in range(n):
        began = time.perf_counter()
        status = send(conn, i)
        times.append(time.perf_counter() - began)
        assert status == 200, status
    return statistics.median(times) * 1000


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
        editor = secrets.token_hex(8)

        def get(path: str):  # type: ignore[no-untyped-def]
            return lambda c, i: request(c, "GET", path, family)[0]

        def autosave(c: http.client.HTTPConnection, i: int) -> int:
            p = f"a{answer_id}-"
            body = {
                p + "included": "on",
                p + "response": f"Answer number {i}",
                p + "rating": "clear",
                p + "notes": "",
                p + "revision": str(family.answers[answer_id]),
                p + "editor": editor,
            }
            status, reply, _ = request(
                c, "POST", f"/c/{family.token}/a/{answer_id}/", family, body, htmx=True
            )
            family.answers[answer_id] = int(
                re.search(rf'name="a{answer_id}-revision" value="(\d+)"', reply)[1]  # type: ignore[index]
            )
            return int(status)

        median_ms(conn, 50, get("/bench/minimal/"))  # warm up
        floor = median_ms(conn, args.requests, get("/bench/minimal/"))
        rows = [
            ("landing page", median_ms(conn, args.requests, get("/"))),
            (
                "section page (6 questions)",
                median_ms(conn, args.requests, get(f"/c/{family.token}/s/1/")),
            ),
            (
                "review (53 questions)",
                median_ms(conn, args.requests, get(f"/c/{family.token}/review/")),
            ),
            ("autosave", median_ms(conn, args.requests, autosave)),
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"gunicorn, 1 worker, SQLite, {args.requests} requests each, median")
    print(f"{'minimal view (floor)':30} {floor:7.2f} ms   1.00x")
    for name, ms in rows:
        print(f"{name:30} {ms:7.2f} ms {ms / floor:6.2f}x")


if __name__ == "__main__":
    main()
