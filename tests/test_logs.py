"""Tokens, children's names, answers, notes and cookies never reach a log line or a mail."""

import io
import logging
import re

import pytest
from django.core import mail
from django.test import Client

from checklist.log_filters import MailAdmins
from checklist.pdf import html_to_pdf
from tests.factory import answer_fields


def _every_handler() -> set[logging.Handler]:
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    handlers = {h for lg in loggers if isinstance(lg, logging.Logger) for h in lg.handlers}
    # pytest's own, which capture log lines to show with a failing test.
    return {h for h in handlers if not type(h).__module__.startswith("_pytest.")}


@pytest.fixture
def everything_logged(settings):
    """Reads what every handler of every logger writes, after its filters: the streams, and
    the mail to the admins."""
    settings.ADMINS = ["ops@example.org"]
    stream = io.StringIO()
    old = {}
    for handler in _every_handler():
        # A handler of another kind would write somewhere this test cannot read.
        assert isinstance(handler, logging.StreamHandler | MailAdmins | logging.NullHandler)
        if isinstance(handler, logging.StreamHandler):
            old[handler] = handler.setStream(stream)
    yield lambda: stream.getvalue() + "".join(f"{m.subject}\n{m.body}" for m in mail.outbox)
    for handler, previous in old.items():
        handler.setStream(previous)


@pytest.mark.parametrize("debug", [False, True])
def test_error_paths_never_log_private_links_or_what_the_family_typed(
    family, everything_logged, monkeypatch, settings, debug
):
    settings.DEBUG = debug
    family.client.post(family.url("details/"), {"child_name": "Zebedee"})
    answer = family.checklist.answers.order_by("pk").first()
    typed = {"response": "Answer-Xylophone", "notes": "Note-Quokka"}

    family.client.get(family.url("s/99/"))  # 404
    family.client.get(f"/c/{family.token[:-1]}/")  # a character short
    family.client.get(f"/c/{family.token}x/s/1/")  # one too many
    family.client.get("/c/Near%20miss/")
    family.client.get(f"/r/{family.token}/")
    family.client.get(family.url("rotate/"))  # 405
    family.client.post(family.url(f"a/{answer.pk + 1000}/"), HTTP_HX_REQUEST="true")  # 404
    no_csrf = Client(enforce_csrf_checks=True)
    no_csrf.cookies = family.client.cookies
    response = no_csrf.post(family.url(f"a/{answer.pk}/"), answer_fields(answer, **typed))
    assert response.status_code == 403

    def broken_save(instance, values, *args):
        # An exception's message can echo what was typed.
        raise RuntimeError(f"could not save {values}")

    monkeypatch.setattr("checklist.forms.save_answer", broken_save)
    crashing = Client(raise_request_exception=False)
    crashing.cookies = family.client.cookies
    response = crashing.post(family.url(f"a/{answer.pk}/"), answer_fields(answer, **typed))
    assert response.status_code == 500

    # What `manage.py runserver` logs for each request (DEBUG=1 in development).
    request_line = f"GET /c/{family.token}/s/1/?from=/c/{family.token}/ HTTP/1.1"
    logging.getLogger("django.server").info('"%s" %s %s', request_line, 200, 1234)

    logged = everything_logged()
    assert '"GET /c/<private>/s/1/?from=/c/<private>/ HTTP/1.1" 200 1234' in logged
    assert "Not Found: /c/<private>/s/99/" in logged
    assert "Not Found: /r/<private>/" in logged
    assert re.search(r"Forbidden \(CSRF [^)]+\): /c/<private>/a/", logged)
    assert "Internal Server Error: /c/<private>/a/" in logged
    assert "RuntimeError" in logged and "broken_save" in logged
    if not debug:
        assert len(mail.outbox) == 1
        assert "Internal Server Error: /c/<private>/a/" in mail.outbox[0].subject
    cookies = [cookie.value for cookie in family.client.cookies.values() if cookie.value]
    assert len(cookies) >= 2  # "My checklists", the CSRF token
    for private in [family.token[:-1], "Near miss", "Zebedee", *typed.values(), *cookies]:
        assert private not in logged


def test_characters_no_font_can_draw_are_not_spelled_out(everything_logged):
    # One character WeasyPrint warns about, once for each it cannot draw; one it cannot read.
    html_to_pdf('<html lang="zh"><title>t</title><p style="colr: red">李 \U0010fffd</p></html>')
    logged = everything_logged()
    assert "Ignored `colr: red`" in logged
    assert ".notdef" not in logged and "李" not in logged


def test_the_500_page_is_plain_and_shows_nothing_private(family, monkeypatch):
    answer = family.checklist.answers.order_by("pk").first()
    monkeypatch.setattr("checklist.forms.save_answer", lambda *args: 1 / 0)
    client = Client(raise_request_exception=False)
    response = client.post(
        family.url(f"a/{answer.pk}/"), answer_fields(answer, notes="Secret note")
    )
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "Traceback" not in page and "ZeroDivisionError" not in page
    assert "Secret note" not in page and family.token not in page
