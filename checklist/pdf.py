"""HTML to PDF with WeasyPrint, fetching nothing but our own static files. Only the
background worker renders (tasks.py); web requests never do."""

import mimetypes

import weasyprint
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from checklist.printouts import PDF_OPTIONS

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


class TooLong(Exception):
    """The document has more pages than a printout may have."""

    def __init__(self, pages: int) -> None:
        super().__init__(f"{pages} pages")
        self.pages = pages


def html_to_pdf(html: str, max_pages: int | None = None) -> tuple[bytes, int]:
    """The PDF of `html` and its number of pages. Raises TooLong past `max_pages`, after the
    layout and before the PDF is written.

    PDF/UA-1: a tagged PDF (headings, paragraphs and reading order) with its title and
    language, so a screen reader can read the printout too.
    """
    html_document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly())
    document = html_document.render(**PDF_OPTIONS)
    if max_pages is not None and len(document.pages) > max_pages:
        raise TooLong(len(document.pages))
    pdf: bytes = document.write_pdf(**PDF_OPTIONS)
    return pdf, len(document.pages)
