"""HTML to PDF with WeasyPrint, fetching nothing but our own static files, and the PDF
download that answers a request for a printout (printouts.py)."""

import mimetypes

import weasyprint
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from weasyprint.urls import URLFetcher, URLFetcherResponse

from checklist.limits import over_limit, too_many
from checklist.printouts import PDF_OPTIONS, Printout

# Documents are rendered as if they came from this address, which never resolves: relative
# links in the print template point under it and the fetcher maps them to files on disk.
BASE_URL = "https://askfirst.invalid/"
STATIC_PREFIX = BASE_URL + "static/"


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
    """PDF/UA-1: a tagged PDF (headings, paragraphs and reading order) with its title and
    language, so a screen reader can read the printout too."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    pdf: bytes = document.write_pdf(**PDF_OPTIONS)
    return pdf


def pdf_response(request: HttpRequest, printout: Printout) -> HttpResponse:
    """The printout as a PDF download: 304 when the browser already has this one, else the
    PDF stored from last time, else a new rendering."""
    quoted = quote_etag(printout.etag)
    conditional = get_conditional_response(request, etag=quoted)
    if conditional is not None:
        conditional["ETag"] = quoted
        return conditional
    body = printout.stored_pdf()
    if body is None:
        # Only a new rendering costs a second of CPU, so only that is counted.
        if over_limit(request, "pdf"):
            return too_many(request)
        body = html_to_pdf(printout.html())
        printout.store_pdf(body)
    response = HttpResponse(body, content_type="application/pdf")
    response["ETag"] = quoted
    response["Content-Disposition"] = f'attachment; filename="{printout.filename()}"'
    return response
