""" "My checklists": the private links this device made or opened, in a signed cookie.

Only this browser holds the list; the server keeps no record of which device holds what.
"""

import json
import re

from django.conf import settings
from django.core.signing import BadSignature
from django.http import HttpRequest, HttpResponse

from checklist.tokens import TOKEN_PATTERN

COOKIE = "askfirst_mine"
SALT = "askfirst.device.checklists"
MOST = 20
MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie


def tokens(request: HttpRequest) -> list[str]:
    try:
        found = json.loads(request.get_signed_cookie(COOKIE, default="[]", salt=SALT) or "[]")
    except (BadSignature, ValueError):
        return []
    if not isinstance(found, list):
        return []
    return [t for t in found if isinstance(t, str) and re.fullmatch(TOKEN_PATTERN, t)][:MOST]


def store(response: HttpResponse, found: list[str]) -> None:
    if not found:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        COOKIE,
        json.dumps(found[:MOST]),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def remember(request: HttpRequest, response: HttpResponse, token: str) -> None:
    store(response, [token, *(t for t in tokens(request) if t != token)])


def replace(request: HttpRequest, response: HttpResponse, old: str, new: str) -> None:
    found = tokens(request)
    if old in found:
        store(response, [new if t == old else t for t in found])


def forget(request: HttpRequest, response: HttpResponse, token: str | None = None) -> None:
    """Forget one checklist, or all of them when no token is given."""
    store(response, [t for t in tokens(request) if token is not None and t != token])
