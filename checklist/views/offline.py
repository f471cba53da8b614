"""What lets AskFirst open with no connection: the service worker and its fallback page."""

import hashlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

SHELL = ["js/askfirst.js", "django_htmx/htmx-2.min.js", "icons/askfirst.svg"]
# Written into every page, so not fetched; but the offline page kept in the shell holds it, so
# a new stylesheet makes a new shell cache.
STYLESHEET = "css/askfirst.css"


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    # Served from the root, not /static/, so that it may look after every page of the site.
    shell = [reverse("checklist:offline"), *(static(name) for name in SHELL)]
    # Static names carry a hash of their content, so a new release means a new shell cache.
    version = hashlib.sha256("".join([*shell, static(STYLESHEET)]).encode()).hexdigest()[:12]
    response = render(
        request,
        "checklist/sw.js",
        {"shell": shell, "version": version},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "checklist/offline.html")
