"""Reading printouts in tests, the way poppler (pdftotext, pdfinfo) reads them."""

import re
import subprocess
import zlib


def pdf_text(content: bytes, page: int | None = None, *, layout: str = "-layout") -> str:
    """The text as laid out on the page; `layout="-raw"` keeps the order it was written in,
    so text beside a picture is not mixed with the picture's caption."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", layout, *pages, "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def squeezed(text: str) -> str:
    """The text without any whitespace: long lines may wrap anywhere on paper."""
    return re.sub(r"\s+", "", text)


def pdf_info(content: bytes) -> dict[str, str]:
    result = subprocess.run(
        ["pdfinfo", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return {
        key.strip(): value.strip()
        for key, _sep, value in (line.partition(":") for line in result.splitlines())
    }


def _objects(content: bytes) -> list[bytes]:
    """The PDF's compressed streams, unpacked (its catalog, links and pages among them)."""
    unpacked = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        try:
            unpacked.append(zlib.decompressobj().decompress(stream))
        except zlib.error:
            continue
    return unpacked


def pdf_language(content: bytes) -> str | None:
    """The language the PDF names for itself (its catalog's /Lang), if any."""
    for data in _objects(content):
        if found := re.search(rb"/Lang ?\(([^)]*)\)", data):
            return found[1].decode()
    return None


def pdf_links(content: bytes) -> list[str]:
    """The addresses the PDF's links open."""
    return [
        uri.decode()
        for data in _objects(content)
        for uri in re.findall(rb"/URI ?\(([^)]*)\)", data)
    ]


def choose(family, **options):
    """Save print options on the options screen, as a browser without JavaScript does."""
    data = {"paper_size": "a4", "large_print": "False"} | options
    response = family.client.post(
        family.url("print-options/"), {name: v for name, v in data.items() if v is not False}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
