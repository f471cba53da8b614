"""Rate limits on what is costly or open to abuse, counted in the shared cache.

The default cache (files) is shared by every process of one machine and outlives them; with
several machines it must be Redis (REDIS_URL) for a limit to hold across all of them.
"""

import contextlib
import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

View = Callable[..., HttpResponseBase]


def client_ip(request: HttpRequest) -> str:
    """The address to count a request against.

    Behind the TLS proxy (HTTPS=1) that is the last address in X-Forwarded-For, the one the
    proxy itself added; anything before it came from the client and may be made up.
    """
    address = str(request.META.get("REMOTE_ADDR") or "0.0.0.0")  # noqa: S104
    if settings.HTTPS:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        with contextlib.suppress(ValueError):
            address = str(ipaddress.ip_address(forwarded))
    return address


def over_limit(request: HttpRequest, group: str, key: str = "ip") -> bool:
    """Count this request against `group` and say whether it goes over the limit.

    `key` is "ip" (the client's address) or any other text to count by, such as a
    checklist's id.
    """
    counted_by: str | Callable[[str, HttpRequest], str] = (
        key if key == "ip" else lambda group, request: key
    )
    rate = settings.ASKFIRST_RATE_LIMITS[group]
    return bool(is_ratelimited(request, group=group, key=counted_by, rate=rate, increment=True))


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "600"
    return response


def limit_posts(group: str) -> Callable[[View], View]:
    """Answer 429 to POSTs over the group's limit; GETs (showing the form) are never counted."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST" and over_limit(request, group):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
