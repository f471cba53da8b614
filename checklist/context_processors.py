from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language, get_language_info

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


def language_switch(request: HttpRequest) -> dict[str, object]:
    """The other languages of AskFirst's own words, each named in itself, for the switch in
    every page's header; on a checklist's pages the switch also changes the checklist's.
    There, `guide_language` is the language of the guide's text (templatetags/languages.py)."""
    match = request.resolver_match
    token = match.kwargs.get("token") if match is not None else None
    checklist = getattr(request, "checklist", None)
    on_checklist = token is not None and checklist is not None
    return {
        "guide_language": checklist.version.language if checklist is not None else "",
        "language_action": reverse("checklist:language", kwargs={"token": token})
        if on_checklist
        else reverse("set_language"),
        "other_languages": [
            get_language_info(code) for code, _name in settings.LANGUAGES if code != get_language()
        ],
    }
