from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString

from checklist import qr

register = template.Library()


@register.simple_tag(takes_context=True)
def private_link(context: template.Context, token: str) -> str:
    """The full address of a checklist's private link, as the family shares it."""
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(reverse("checklist:overview", kwargs={"token": token}))


@register.simple_tag(takes_context=True)
def guide_link(context: template.Context, slug: str) -> str:
    """The full address of a guide's family page, as advocates share it."""
    return qr.guide_link(context["request"], slug)


@register.simple_tag
def qr_code(link: str) -> SafeString:
    """The link as a QR code drawn in the page."""
    return qr.qr_svg(link)
