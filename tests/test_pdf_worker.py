"""PDFs are rendered by the background worker, never in a web request: the family sees
"Preparing your PDF" and then gets it; what cannot be printed is said plainly."""

import json
import re
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from checklist.models import GuidePdf
from checklist.tasks import TimeUp, time_limit
from tests.factory import save, start_checklist
from tests.printouts import choose, pdf_info, pdf_text

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "pdf"]}}


@pytest.fixture
def queue(settings):
    """The real queue: nothing renders until the worker runs."""
    settings.TASKS = QUEUE


def run_worker():
    """What `manage.py pdf_worker` does, until the queue is empty (without the command's
    signal handlers, which would outlive it in the test process).

    The real worker checks its own connection between tasks. Here it shares the test's,
    inside the test's transaction, and Django's check closes a connection whose autocommit
    is off: on PostgreSQL the test would lose its database mid-way."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections"):
        worker.run()


def test_a_pdf_not_ready_shows_a_page_that_waits_for_it_then_the_download(family, queue):
    save(family, family.checklist.answers.all()[0], notes="Our private worry")
    response = family.client.get(family.url("pdf"))
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Preparing your PDF" in page
    # It looks again by itself: htmx polling, and a refresh for browsers without JavaScript.
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh" content="3; url=' in page
    assert DBTaskResult.objects.count() == 1

    poll = re.search(r'hx-get="([^"]+)"', page)
    assert poll is not None
    polled = family.client.get(poll[1], HTTP_HX_REQUEST="true")
    assert "Preparing your PDF" in polled.content.decode()
    assert "<html" not in polled.content.decode()

    run_worker()
    ready = family.client.get(poll[1], HTTP_HX_REQUEST="true").content.decode()
    assert "Your PDF is ready" in ready and "every 2s" not in ready
    download = family.client.get(family.url("pdf"))
    assert download["Content-Type"] == "application/pdf"
    assert "My questions and notes" in pdf_text(download.content)
    # The ready page says which printout it is, and how long, as the family will find it.
    pages = pdf_info(download.content)["Pages"]
    assert f"My questions and notes · {pages} page" in ready


def test_asking_again_while_it_renders_queues_nothing_more(family, queue):
    family.client.get(family.url("pdf"))
    family.client.get(family.url("pdf"))
    family.client.get(family.url("pdf?wait=1"))
    assert DBTaskResult.objects.count() == 1


def test_opening_the_print_options_starts_the_pdf_so_it_is_ready_sooner(family, queue):
    family.client.get(family.url("print-options/"))
    run_worker()
    response = family.client.get(family.url("pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert DBTaskResult.objects.count() == 1


def test_the_queue_holds_no_private_link_and_nothing_the_family_wrote(family, queue):
    family.client.post(family.url("details/"), {"clinic_name": "Clinic Quokka"})
    save(family, family.checklist.answers.all()[0], notes="Note-Xylophone", response="Ans-Zebu")
    choose(family, print_link_qr="on", print_notes="on")
    family.client.get(family.url("pdf"))
    stored = json.dumps([r.args_kwargs for r in DBTaskResult.objects.all()])
    for private in [family.token, "Quokka", "Xylophone", "Zebu"]:
        assert private not in stored
    run_worker()
    # The QR code still carries the link: the worker read it from the cache, not the queue.
    text = pdf_text(family.client.get(family.url("pdf")).content, layout="-raw")
    assert "Scan to open this checklist" in " ".join(text.split())


def test_a_printout_that_is_too_long_offers_shorter_ones(family, queue, settings):
    settings.ASKFIRST_PDF_MAX_PAGES = 1
    choose(family, print_notes="on", print_why="on", large_print="True")
    family.client.get(family.url("pdf"))
    run_worker()
    page = family.client.get(family.url("pdf")).content.decode()
    assert "This printout is too long" in page
    assert "A printout can have at most 1 page." in page
    assert "Print without my private notes" in page
    assert "Print without why to ask and the warning signs" in page
    assert "Print in normal print" in page

    response = family.client.post(family.url("print-options/shorter/"), {"drop": "why"})
    assert response["Location"] == family.url("pdf")
    family.checklist.refresh_from_db()
    assert not family.checklist.print_why
    assert family.checklist.print_notes and family.checklist.large_print


def test_a_rendering_that_fails_is_told_plainly_and_can_be_tried_again(family, monkeypatch):
    def broken(html, max_pages=None):
        raise RuntimeError("the font file is damaged")

    monkeypatch.setattr("checklist.pdf.html_to_pdf", broken)
    response = family.client.get(family.url("pdf"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The PDF could not be made" in page and "Nothing you wrote is lost" in page
    monkeypatch.undo()
    retried = family.client.get(family.url("pdf?retry=1"))
    assert retried["Content-Type"] == "application/pdf"


def test_a_rendering_past_its_time_is_stopped_and_told(family, settings, monkeypatch):
    def slow(html, max_pages=None):
        time.sleep(5)

    settings.ASKFIRST_PDF_SECONDS = 0.2
    monkeypatch.setattr("checklist.pdf.html_to_pdf", slow)
    began = time.monotonic()
    page = family.client.get(family.url("pdf")).content.decode()
    assert "The PDF could not be made" in page
    assert time.monotonic() - began < 5  # stopped, not waited out


def test_time_limit_interrupts_the_block():
    with pytest.raises(TimeUp), time_limit(0.05):
        time.sleep(2)


def test_the_blank_guide_is_rendered_once_and_kept(client, small_guide, queue):
    assert "Preparing your PDF" in client.get("/guides/test-guide/pdf").content.decode()
    run_worker()
    assert client.get("/guides/test-guide/pdf")["Content-Type"] == "application/pdf"
    assert GuidePdf.objects.filter(version=small_guide, state="ready").count() == 1
    cache.clear()  # kept in the database, not for an hour in the cache
    assert client.get("/guides/test-guide/pdf")["Content-Type"] == "application/pdf"
    assert DBTaskResult.objects.count() == 1


def test_new_renderings_are_limited_per_checklist(family, settings):
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"pdf_checklist": "2/h"}
    for why in ["on", False]:
        choose(family, print_why=why)
        assert family.client.get(family.url("pdf")).status_code == 200
    # A repeat download of one already made is never counted.
    assert family.client.get(family.url("pdf")).status_code == 200
    choose(family, print_why="on")  # a third rendering
    assert family.client.get(family.url("pdf")).status_code == 429


def test_a_workshop_of_forty_families_on_one_network_is_never_refused(small_guide, settings):
    # Nothing needs rendering to count: the dummy queue stores what is asked.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "pdf"],
        }
    }
    for n in range(40):
        client = Client(REMOTE_ADDR="192.0.2.10")
        token, _checklist = start_checklist(client, "test-guide", clinic_name=f"Clinic {n}")
        assert client.get(f"/c/{token}/print-options/").status_code == 200
        for printout in ["pdf", "pdf", "pdf/answers"]:
            assert client.get(f"/c/{token}/{printout}").status_code == 200
