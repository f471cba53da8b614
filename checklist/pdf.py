"""Render print templates to PDF with WeasyPrint, fetching nothing but our own static files.

Each printout is cached under a fingerprint of everything that shapes it, worked out from the
data alone, so a repeat download is answered without rendering anything.
"""

import hashlib
import json
import mimetypes
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache as django_cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import get_language
from weasyprint.urls import URLFetcher, URLFetcherResponse

from checklist.limits import over_limit, too_many

# Documents are rendered as if they came from this address, which never resolves: relative
# links in the print template point under it and the fetcher maps them to files on disk.
BASE_URL = "https://askfirst.invalid/"
STATIC_PREFIX = BASE_URL + "static/"

# PDF/UA-1: a tagged PDF (headings, paragraphs and reading order) with its title and
# language, so a screen reader can read the printout too.
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

# Long enough for the downloads around one visit; short, because a deleted checklist's last
# PDF stays in the cache until then.
CACHE_SECONDS = 60 * 60

# Everything in these shapes the printouts: a change to any of them makes new PDFs.
PRINT_FILES = ["templates/checklist/print*.html", "static/css/print.css", "static/fonts/**/*"]


class StaticFilesOnly(URLFetcher):  # type: ignore[misc]
    """Serves the app's own static files and refuses everything else.

    User text is escaped before it reaches WeasyPrint, but a fetcher that cannot reach
    file://, http(s):// or data: is the second wall: whatever slips into the HTML, the PDF
    can never read the server's files or make a request on anyone's behalf.
    """

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if not url.startswith(STATIC_PREFIX):
            raise ValueError("refused: only AskFirst's own static files are loaded")
        name = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
        # The app's own folders first: a `collectstatic` copy left from an older run must not
        # stand in for them. Names with a content hash (production) are only collected.
        path = finders.find(name) or (
            staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None
        )
        if not path or isinstance(path, list):
            raise ValueError(f"refused: no static file {name}")
        with open(path, "rb") as f:
            body = f.read()
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime})


def html_to_pdf(html: str) -> bytes:
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    pdf: bytes = document.write_pdf(**PDF_OPTIONS)
    return pdf


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))


@cache
def _print_files_hash() -> str:
    digest = hashlib.sha256(weasyprint.__version__.encode())
    base = Path(settings.BASE_DIR)
    for pattern in PRINT_FILES:
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: object) -> str:
    """A hash of what a printout shows (`parts`: the data and the print options), the print
    templates, stylesheet and fonts, and the language. Equal fingerprints, equal PDFs: it is
    the ETag and the cache key, worked out without rendering anything."""
    data = json.dumps([_print_files_hash(), PDF_OPTIONS, get_language(), *parts], default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def forget(*cache_keys: str) -> None:
    """Drop stored PDFs, e.g. of a checklist that was deleted or got a new link."""
    django_cache.delete_many([f"askfirst:pdf:{key}" for key in cache_keys])


def pdf_response(
    request: HttpRequest,
    *,
    template: str,
    context: Callable[[], dict[str, Any]],
    etag: str,
    cache_key: str,
    filename: str,
) -> HttpResponse:
    """The PDF as a download: 304 when the browser already has this one, else the bytes
    kept from last time, else a new rendering.

    `cache_key` names what the PDF is of (one checklist's answers record, say); it keeps only
    the latest PDF of that, so old ones never pile up. `context` is only called to render.
    """
    quoted = quote_etag(etag)
    conditional = get_conditional_response(request, etag=quoted)
    if conditional is not None:
        conditional["ETag"] = quoted
        return conditional
    key = f"askfirst:pdf:{cache_key}"
    stored = django_cache.get(key)
    if stored is not None and stored[0] == etag:
        body = stored[1]
    elif over_limit(request, "pdf"):
        # Only a new rendering costs a second of CPU, so only that is counted.
        return too_many(request)
    else:
        body = render_pdf(template, context())
        django_cache.set(key, (etag, body), CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/pdf")
    response["ETag"] = quoted
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
