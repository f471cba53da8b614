import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# AskFirst uses none of these; saying so stops any page (or anything injected into one)
# from asking for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)


def permissions_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def refuse_large_bodies(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Answers 413 to a body over ASKFIRST_MAX_REQUEST_BYTES without reading any of it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not file parts: a 20 MB upload
    was read and written to disk before any form could look at its size. A body sent without
    a Content-Length is never read at all: Django reads only as many bytes as it announces.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        # ASCII digits only: Django itself reads it with int(), which takes any script's digits.
        if not re.fullmatch(r"[0-9]{1,15}", length):
            return render(request, "400.html", status=400)
        if int(length) > settings.ASKFIRST_MAX_REQUEST_BYTES:
            return render(request, "413.html", status=413)
        return get_response(request)

    return middleware
