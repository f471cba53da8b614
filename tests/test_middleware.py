"""A request body over the limit is refused before any of it is read, on every endpoint."""

import io

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from checklist.models import Checklist, Guide

BIG_FILE = b"x" * (20 * 1024 * 1024)


class Body(io.BytesIO):
    """A request body that counts how much of it the app read."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def upload(client, url: str, content_length: str | None = None):
    payload = encode_multipart(BOUNDARY, {"file": io.BytesIO(BIG_FILE), "child_name": "Zeb"})
    body = Body(payload)
    extra: dict[str, object] = {"wsgi.input": body}
    if content_length is not None:
        extra["CONTENT_LENGTH"] = content_length
    response = client.generic("POST", url, payload, content_type=MULTIPART_CONTENT, **extra)
    return response, body


@pytest.mark.parametrize("url", ["/start/", "/advocate/import/"])
def test_a_big_upload_is_refused_unread_with_a_friendly_page(alice, small_guide, url):
    response, body = upload(alice.client, url)
    assert response.status_code == 413
    assert "That was too much at once" in response.content.decode()
    assert body.bytes_read == 0
    assert not Checklist.objects.exists() and not Guide.objects.filter(owner=alice.user).exists()


def test_a_body_without_a_length_is_not_read(alice):
    # Django reads only the bytes a request announces; this holds it to that.
    response, body = upload(alice.client, "/advocate/import/", content_length="")
    assert response.status_code == 200
    assert body.bytes_read == 0
    assert not Guide.objects.exists()


def test_a_length_in_other_digits_is_refused(alice):
    response, body = upload(alice.client, "/advocate/import/", content_length="\u0661" * 3)
    assert response.status_code == 400
    assert body.bytes_read == 0


def test_a_long_form_is_refused_unread_too(family):
    response = family.client.post(family.url("s/1/"), {"new-own_question": "x" * 700_000})
    assert response.status_code == 413
    assert not family.checklist.answers.filter(question=None).exists()
