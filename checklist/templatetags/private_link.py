import segno
from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def private_link(context: template.Context, token: str) -> str:
    """The full address of a checklist's private link, as the family shares it."""
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(reverse("checklist:overview", kwargs={"token": token}))


@register.simple_tag
def qr_code(link: str) -> SafeString:
    """The link as a QR code drawn in the page (an inline SVG: no image file to cache)."""
    # segno draws it from the link alone, which is our own address; nothing the family typed
    # goes in. Dark on white whatever the page's colours, or a phone's camera may not read it.
    svg = segno.make(link, error="m").svg_inline(
        omitsize=True, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308
