"""Concurrent autosaves against gunicorn: does every acknowledged save land?

    .venv/bin/python bench/load.py                      # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/askfirst_load .venv/bin/python bench/load.py

Starts gunicorn with several workers on 127.0.0.1 only, then N families each save their
answers as fast as they can, the way the page does (one request at a time per family, the
next starting from the revision the last reply gave). Afterwards it reads the database and
counts lost writes: answers whose stored text is not the last text the server acknowledged.
Bounded in count and in time; prints figures, asserts nothing.
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.server import prepare, start


@dataclass
class Family:
    token: str = ""
    cookie: str = ""
    csrf: str = ""
    answers: dict[int, int] = field(default_factory=dict)  # answer id -> revision
    acknowledged: dict[int, str] = field(default_factory=dict)  # answer id -> last saved text
    saves: int = 0
    errors: int = 0


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    family: Family,
    body: dict[str, str] | None = None,
    htmx: bool = False,
) -> tuple[int, str, http.client.HTTPMessage]:
    headers = {"Cookie": family.cookie}
    data = None
    if body is not None:
        data = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = family.csrf
    if htmx:
        headers["HX-Request"] = "true"
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    text = response.read().decode()
    return response.status, text, response.headers


def start_family(port: int) -> Family:
    family = Family()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, page, headers = request(conn, "GET", "/start/", family)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    assert status == 200 and cookie, status
    family.cookie = f"csrftoken={cookie[1]}"
    family.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]  # type: ignore[index]
    status, _, headers = request(conn, "POST", "/start/", family, {"clinic_name": "Load test"})
    assert status == 302, status
    family.token = headers["Location"].split("/")[2]
    status, page, _ = request(conn, "GET", f"/c/{family.token}/s/1/", family)
    for answer_id, revision in re.findall(r'name="a(\d+)-revision" value="(\d+)"', page):
        family.answers[int(answer_id)] = int(revision)
    conn.close()
    return family


def run_family(port: int, family: Family, saves: int, deadline: float) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page_render = secrets.token_hex(8)
    ids = list(family.answers)
    for n in range(saves):
        if time.monotonic() > deadline:
            break
        answer_id = ids[n % len(ids)]
        text = f"save {n} of family {family.token[:6]}"
        p = f"a{answer_id}-"
        body = {
            p + "included": "on",
            p + "response": text,
            p + "rating": "clear",
            p + "notes": "",
            p + "revision": str(family.answers[answer_id]),
            p + "page_render": page_render,
        }
        # Like the page: a save that got no good reply is sent again, unchanged.
        while time.monotonic() < deadline + 30:
            try:
                status, reply, _ = request(
                    conn, "POST", f"/c/{family.token}/a/{answer_id}/", family, body, htmx=True
                )
            except (OSError, http.client.HTTPException):
                status, reply = 0, ""
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            revision = re.search(rf'name="a{answer_id}-revision" value="(\d+)"', reply)
            if status == 200 and "Saved" in reply and revision:
                family.answers[answer_id] = int(revision[1])
                family.acknowledged[answer_id] = text
                family.saves += 1
                break
            family.errors += 1
            time.sleep(0.1)
    conn.close()


def kill_workers(server: subprocess.Popen[bytes], every: float, stop: threading.Event) -> list[int]:
    """SIGKILL a random gunicorn worker every so often, whatever it is doing; the master
    starts a new one. Returns the pids killed."""
    killed = []
    while not stop.wait(every):
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        if children:
            pid = int(random.choice(children))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
    return killed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=int, default=20)
    parser.add_argument("--saves", type=int, default=100, help="saves per family")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="stop saving after this long")
    parser.add_argument(
        "--kill-every", type=float, default=0, help="SIGKILL a worker every N seconds (0: never)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="askfirst-load-"))
    env = os.environ | {"SECRET_KEY": "load-test-" + secrets.token_hex(16), "DEBUG": "0"}
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    os.environ.update(env)
    database = env["DATABASE_URL"].split("://")[0]
    prepare(env)
    server, port = start(env, args.workers)
    try:
        families = [start_family(port) for _ in range(args.families)]
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=run_family, args=(port, f, args.saves, deadline))
            for f in families
        ]
        stop = threading.Event()
        killed: list[int] = []
        killer = threading.Thread(
            target=lambda: killed.extend(kill_workers(server, args.kill_every, stop))
        )
        began = time.perf_counter()
        if args.kill_every:
            killer.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        stop.set()
        if args.kill_every:
            killer.join()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    import django
    from django.core.exceptions import ValidationError

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from checklist.models import Answer, Question
    from checklist.tokens import hash_token

    stored = dict(
        Answer.objects.filter(pk__in=[a for f in families for a in f.acknowledged]).values_list(
            "pk", "response"
        )
    )
    lost = sum(
        1
        for f in families
        for answer_id, text in f.acknowledged.items()
        if stored[answer_id] != text
    )
    # Half-written rows: an answer that fails its own validation, text from another family,
    # or a checklist with more or fewer answers than its guide has questions.
    questions = Question.objects.filter(version__guide__slug="stem-cells-cp").count()
    broken = 0
    for f in families:
        answers = list(Answer.objects.filter(checklist__token_hash=hash_token(f.token)))
        broken += len(answers) != questions
        for answer in answers:
            try:
                answer.full_clean()
            except ValidationError:
                broken += 1
            if answer.response and not answer.response.endswith(f.token[:6]):
                broken += 1
    saves = sum(f.saves for f in families)
    errors = sum(f.errors for f in families)
    print(f"database        {database}")
    print(f"gunicorn        {args.workers} workers, {args.families} families in parallel")
    print(
        f"saves           {saves} acknowledged in {elapsed:.1f} s = {saves / elapsed:.0f} saves/s"
    )
    if args.kill_every:
        print(f"workers killed  {len(killed)} with SIGKILL, one every {args.kill_every} s")
    print(f"errors          {errors} (requests without a good reply, each sent again)")
    print(f"lost writes     {lost} (answers whose stored text is not the last acknowledged)")
    print(f"broken rows     {broken} (invalid answers, other families' text, missing answers)")
    if database == "sqlite":
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
