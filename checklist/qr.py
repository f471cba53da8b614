"""QR codes of AskFirst's own addresses, drawn as inline SVG (no image file to cache), and
the address a guide's QR codes carry."""

import hashlib

import segno
from django.core.cache import caches
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe


def guide_link(request: HttpRequest, slug: str) -> str:
    """The full address of a guide's family page, as its QR codes and flyer give it."""
    return request.build_absolute_uri(reverse("checklist:guide_page", kwargs={"slug": slug}))


def qr_svg(link: str) -> SafeString:
    # Choosing the best of the eight masks is most of a page's time: the drawing is kept in
    # the worker's memory (never in the shared cache: it holds a private link).
    key = "qr:" + hashlib.sha256(link.encode()).hexdigest()
    svg: str | None = caches["fragments"].get(key)
    if svg is None:
        # segno draws it from the link alone, which is our own address; nothing anyone typed
        # goes in. Dark on white whatever the page's colours, or a phone's camera may not
        # read it.
        svg = segno.make(link, error="m").svg_inline(
            omitsize=True, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None
        )
        caches["fragments"].set(key, svg, timeout=None)
    return mark_safe(svg)  # noqa: S308
