"""QR codes of AskFirst's own addresses, drawn as inline SVG (no image file to cache)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(link: str) -> SafeString:
    # segno draws it from the link alone, which is our own address; nothing anyone typed
    # goes in. Dark on white whatever the page's colours, or a phone's camera may not read it.
    svg = segno.make(link, error="m").svg_inline(
        omitsize=True, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    return mark_safe(svg)  # noqa: S308
