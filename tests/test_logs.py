"""Tokens, children's names, answers and notes never reach a log line."""

import io
import logging

import pytest
from django.test import Client

from tests.factory import answer_fields


@pytest.fixture
def log_output():
    """What the app's log handler really writes, after its filters."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_error_paths_never_log_the_private_link_or_what_the_family_typed(
    family, log_output, monkeypatch
):
    family.client.post(family.url("details/"), {"child_name": "Zebedee"})
    answer = family.checklist.answers.order_by("pk").first()
    secret = {"response": "Answer-Xylophone", "notes": "Note-Quokka"}

    family.client.get(family.url("s/99/"))  # 404
    family.client.get(family.url("rotate/"))  # 405
    family.client.post(family.url(f"a/{answer.pk + 1000}/"), HTTP_HX_REQUEST="true")  # 404
    Client(enforce_csrf_checks=True).post(
        family.url(f"a/{answer.pk}/"), answer_fields(answer, **secret)
    )

    def broken_save(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("checklist.forms.save_answer", broken_save)
    crashing = Client(raise_request_exception=False)
    crashing.cookies = family.client.cookies
    response = crashing.post(family.url(f"a/{answer.pk}/"), answer_fields(answer, **secret))
    assert response.status_code == 500

    logged = log_output.getvalue()
    assert "Not Found: /c/<private>/s/99/" in logged
    assert "Internal Server Error: /c/<private>/" in logged
    for private in [family.token, "Zebedee", "Answer-Xylophone", "Note-Quokka"]:
        assert private not in logged


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
