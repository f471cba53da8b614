from django.http import HttpRequest
from django.urls import reverse

from checklist.models import Checklist

# The pages of a checklist a phone keeps for reading offline (the service worker's
# `isChecklistPage`): opening one of them online keeps all of them.
KEPT_PAGES = {"overview", "section", "review"}


def offline_copy(request: HttpRequest) -> dict[str, Checklist | str | None]:
    """The checklist a page belongs to and its address, for the page to ask the service
    worker to keep every page of it (askfirst.js); nothing on any other page. No query: the
    checklist is the one `@private_checklist` already found."""
    checklist = getattr(request, "checklist", None)
    match = request.resolver_match
    if checklist is None or match is None or match.url_name not in KEPT_PAGES:
        return {"offline_checklist": None, "offline_url": None}
    url = reverse("checklist:overview", kwargs={"token": match.kwargs["token"]})
    return {"offline_checklist": checklist, "offline_url": url}
