"""Who may reach what, resolved once per request.

- Pages behind a family's private link are wrapped in `@private_checklist`: it finds the
  checklist the token opens (or 404) and puts it on `request.checklist`, and marks the answer
  as never to be stored or sent on.
- An advocate's guide and draft come from `get_guide_for_owner` and `get_draft_for_owner`,
  which return them to their owner only: another advocate's guide looks the same as one that
  does not exist.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django_htmx.middleware import HtmxDetails

from checklist.models import BUILTIN_SLUG, Checklist, Guide, GuideVersion, ReviewLink
from checklist.tokens import hash_token


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class ChecklistRequest(HtmxHttpRequest):
    checklist: Checklist


def private_checklist(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages behind a private link: the checklist the link opens, never cached, and the
    link never sent on.

    `strict-origin` sends at most the site's own address, never the path with the token.
    Not `no-referrer`: under it browsers send `Origin: null` with a form POST, which Django's
    CSRF check rightly refuses, so the family could not save anything without JavaScript.
    """

    @wraps(view)
    def wrapper(request: ChecklistRequest, token: str, **kwargs: Any) -> HttpResponse:
        try:
            request.checklist = Checklist.objects.get_by_token(token)
        except Checklist.DoesNotExist:
            raise Http404 from None
        # AskFirst's own words in the family's language, on every device that opens it.
        if request.checklist.language in dict(settings.LANGUAGES):
            translation.activate(request.checklist.language)
            request.LANGUAGE_CODE = request.checklist.language
        response = view(request, token, **kwargs)
        no_store(response)
        return response

    return wrapper


class ReviewRequest(HtmxHttpRequest):
    review_link: ReviewLink


def review_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a reviewer's page: the review link (or 404 alike for a revoked, expired or
    made-up one), never cached, never sent on; when it was last opened is noted."""

    @wraps(view)
    def wrapper(request: ReviewRequest, token: str, **kwargs: Any) -> HttpResponse:
        links = ReviewLink.objects.open().select_related("checklist__version", "checklist__clinic")
        try:
            request.review_link = links.get(token_hash=hash_token(token))
        except ReviewLink.DoesNotExist:
            raise Http404 from None
        ReviewLink.objects.filter(pk=request.review_link.pk).update(last_opened=timezone.now())
        response = view(request, token, **kwargs)
        no_store(response)
        return response

    return wrapper


def no_store(response: HttpResponse) -> None:
    """Headers for any page that shows a private link or what is behind one."""
    response["Referrer-Policy"] = "strict-origin"
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True)


def get_guide_for_owner(request: HttpRequest, slug: str) -> Guide:
    return get_object_or_404(Guide, slug=slug, owner_id=request.user.pk)


def get_unlocked_guide_for_owner(request: HttpRequest, slug: str) -> Guide:
    """The guide, for its owner, unless a moderator locked it: then it stays as they left it."""
    guide = get_guide_for_owner(request, slug)
    if guide.is_locked:
        raise Http404
    return guide


def get_draft_for_owner(request: HttpRequest, slug: str) -> GuideVersion:
    """The guide's draft, for its owner only; a locked guide cannot be edited."""
    guide = get_guide_for_owner(request, slug)
    draft = guide.draft()
    if draft is None or guide.is_locked:
        raise Http404
    return draft


def get_open_version(request: HttpRequest, slug: str) -> GuideVersion:
    """The latest published version of a guide this visitor may open, or 404."""
    versions = GuideVersion.objects.current().open_to(request.user).select_related("guide")
    return get_object_or_404(versions, guide__slug=slug)


def get_builtin_version(request: HttpRequest) -> GuideVersion | None:
    """The built-in guide in the visitor's language where it has that translation, else
    the original; None before the built-in guides are loaded. One query for both: the landing
    and start pages, the first a family opens, show it."""
    versions = (
        GuideVersion.objects.current()
        .open_to(request.user)
        .filter(Q(guide__slug=BUILTIN_SLUG) | Q(guide__translates__slug=BUILTIN_SLUG))
        .select_related("guide")
        .order_by("guide_id")
    )
    original = next((v for v in versions if v.guide.slug == BUILTIN_SLUG), None)
    if original is None:
        return None
    return versions.in_language(translation.get_language()) or original
