"""How long a PDF takes: WeasyPrint alone, the app's whole rendering, and a cached repeat.

    .venv/bin/python bench/pdf.py [--repeat N]

For the built-in guide with every question chosen, and with 10, it prints the median of N
runs of: WeasyPrint alone on the very HTML the app renders (the floor); the app's full
request through the Django test client with an empty cache, the worker's task run at once
in it (queries, template, WeasyPrint, keeping the PDF);
their ratio (goal: at most 1.25); a repeat download answered from the cache, and a repeat
answered 304 Not Modified, with their speed-up over the full request (goal: at least 20x);
pages and bytes. It sets up its own in-memory database. It prints figures and checks none:
see docs/performance.md for the figures and how to read them.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="project.settings",
    DATABASE_URL="sqlite://:memory:",
    ALLOWED_HOSTS="testserver",
    RATE_LIMIT_PDF="1000000/h",
    RATE_LIMIT_PDF_CHECKLIST="1000000/h",
    TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
    CACHE_DIR=tempfile.mkdtemp(prefix="askfirst-bench-cache-"),
)
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from checklist import pdf  # noqa: E402
from checklist.models import Answer  # noqa: E402
from checklist.printouts import PDF_OPTIONS  # noqa: E402
from tests.factory import start_checklist  # noqa: E402

GOAL_RATIO = 1.25
GOAL_SPEEDUP = 20


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_count(content: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    return int(next(line for line in info.stdout.decode().splitlines() if "Pages:" in line)[6:])


def html_of(client: Client, url: str) -> str:
    """The HTML the app hands to WeasyPrint for this download."""
    seen: list[str] = []
    to_pdf = pdf.html_to_pdf

    def keep(html: str, max_pages: int | None = None) -> tuple[bytes, int]:
        seen.append(html)
        return to_pdf(html, max_pages)

    pdf.html_to_pdf = keep
    try:
        cache.clear()
        client.get(url)
    finally:
        pdf.html_to_pdf = to_pdf
    return seen[0]


def measure(client: Client, url: str, repeat: int) -> dict[str, float]:
    html = html_of(client, url)

    def weasyprint_alone() -> bytes:
        document = weasyprint.HTML(
            string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticFilesOnly()
        )
        body: bytes = document.write_pdf(**PDF_OPTIONS)
        return body

    def full_request() -> None:
        cache.clear()
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf", response.content[:300]

    full_request()  # warm up: imports, fonts, templates
    # Taken in turns, so a slow moment of the machine weighs on both alike.
    floor_times, full_times = [], []
    for _ in range(repeat):
        floor_times.append(median_ms(weasyprint_alone, 1))
        full_times.append(median_ms(full_request, 1))
    response = client.get(url)
    etag = response["ETag"]
    cached = median_ms(lambda: client.get(url), repeat * 4)
    not_modified = median_ms(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), repeat * 4)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    floor, full = statistics.median(floor_times), statistics.median(full_times)
    return {
        "floor": floor,
        "full": full,
        "ratio": full / floor,
        "cached": cached,
        "speedup": full / cached,
        "304": not_modified,
        "speedup_304": full / not_modified,
        "pages": page_count(response.content),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    repeat = parser.parse_args().repeat

    # Static files straight from the source folders, as in the tests: no collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("load_builtin_guides", verbosity=0)
    client = Client()
    token, checklist = start_checklist(
        client, "stem-cells-cp", clinic_name="Example Clinic", appointment_date="2026-12-01"
    )
    answers = list(checklist.answers.order_by("section__position", "position"))
    for n, answer in enumerate(answers):
        answer.starred = n % 12 == 3
        answer.response = "They said they would send the study by email." if n % 3 else ""
        answer.rating = "clear" if n % 3 else "not_asked"
    Answer.objects.bulk_update(answers, ["starred", "response", "rating"])

    cases = [(f"every question ({len(answers)})", len(answers)), ("10 questions", 10)]
    print(
        f"AskFirst PDF benchmark: median of {repeat} runs; WeasyPrint {weasyprint.__version__}, "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores"
    )
    print("Questions to bring, A4, why-ask notes on (the defaults)")
    header = (
        f"{'':24}{'WeasyPrint':>11}{'full':>9}{'ratio':>7}{'cached':>9}"
        f"{'speed-up':>10}{'304':>8}{'speed-up':>10}{'pages':>7}{'bytes':>9}"
    )
    print(header)
    for name, chosen in cases:
        Answer.objects.filter(checklist=checklist).update(included=False)
        Answer.objects.filter(pk__in=[a.pk for a in answers[:chosen]]).update(included=True)
        r = measure(client, f"/c/{token}/pdf", repeat)
        print(
            f"{name:24}{r['floor']:>9.0f}ms{r['full']:>7.0f}ms{r['ratio']:>7.2f}"
            f"{r['cached']:>7.1f}ms{r['speedup']:>9.0f}x{r['304']:>6.1f}ms"
            f"{r['speedup_304']:>9.0f}x{r['pages']:>7}{r['bytes']:>9}"
        )
    print(f"Goals: ratio at most {GOAL_RATIO}; cached speed-up at least {GOAL_SPEEDUP}x.")


if __name__ == "__main__":
    main()
