"""Private links: the capability tokens that open a family's checklist.

A token is 32 random bytes from `secrets` (256 bits), URL-safe base64 without padding, so
always 43 characters. Only its SHA-256 is stored: a copy of the database does not open
anyone's checklist. Rotating a checklist's link replaces the hash, so the old link stops
working at once. A wrong, malformed, rotated or deleted token all give the same 404.
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control

from checklist.models import Checklist

TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"  # noqa: S105 (a pattern, not a secret)


class TokenConverter:
    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def make_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_checklist(token: str) -> Checklist:
    """The checklist this token opens, or 404."""
    return get_object_or_404(
        Checklist.objects.select_related("version__guide"), token_hash=hash_token(token)
    )


def rotate(checklist: Checklist) -> str:
    """Give the checklist a new link and return its token; the old link stops working."""
    token = make_token()
    checklist.token_hash = hash_token(token)
    checklist.save(update_fields=["token_hash", "updated"])
    return token


def private[**P](view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """For pages behind a private link: never cached, and the link never sent on.

    `strict-origin` sends at most the site's own address, never the path with the token.
    Not `no-referrer`: under it browsers send `Origin: null` with a form POST, which Django's
    CSRF check rightly refuses, so the family could not save anything without JavaScript.
    """

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        response = view(*args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True)
        return response

    return wrapper
