"""Work done by the background worker (`manage.py pdf_worker`), never inside a web request.

A PDF takes from a second to half a minute of CPU. Rendered in the web workers, two heavy
ones at once stopped every page of the site; in the worker, at the lowest CPU priority and
one at a time per worker process, they only ever wait for each other (docs/deploy.md).
Password-reset mail is sent here too, so the request takes the same time whether the
address is known or not.
"""

import logging
import signal
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ObjectDoesNotExist
from django.tasks import task
from django.utils import translation

from checklist import pdf
from checklist.printouts import ChecklistPrintout, Printout, Rendered, State, printout_from_ref

logger = logging.getLogger(__name__)


class TimeUp(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeUp in the block after `seconds`. Only the worker's main thread can be
    interrupted; elsewhere (a test's immediate backend) the block runs to its end."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TimeUp

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@task(queue_name="pdf")
def render_printout(ref: dict[str, Any]) -> str:
    """Render the printout `ref` names (Printout.ref) and keep the outcome where the page
    that waits for it looks. Returns the outcome's name."""
    with translation.override(ref["language"]):
        try:
            printout = printout_from_ref(ref)
        except ObjectDoesNotExist:
            return "gone"
        if printout.etag != ref["etag"]:
            # Changed since it was asked for (an answer, an option): the page asks again.
            return "stale"
        try:
            with time_limit(settings.ASKFIRST_PDF_SECONDS):
                body, pages = pdf.html_to_pdf(printout.html(), settings.ASKFIRST_PDF_MAX_PAGES)
        except pdf.TooLong as too_long:
            outcome = Rendered(printout.etag, State.TOO_LONG, pages=too_long.pages)
        except Exception as error:
            # The frames only: an exception's message may quote what the family wrote.
            frames = "".join(traceback.format_tb(error.__traceback__))
            logger.error("Rendering a PDF failed: %s\n%s", type(error).__name__, frames)
            outcome = Rendered(printout.etag, State.FAILED)
        else:
            outcome = Rendered(printout.etag, State.READY, body, pages)
        printout.keep(outcome)
        return outcome.state


def start_render(printout: Printout) -> None:
    """Queue a rendering of the printout as it is now; the waiting page shows its state."""
    printout.keep(Rendered(printout.etag, State.PENDING))
    if isinstance(printout, ChecklistPrintout):
        printout.keep_link()
    render_printout.enqueue(printout.ref())


@task
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Mail a reset link to every active account with this address, if there is one.

    The link is made here, never passed in: task arguments are stored in the database, and
    a reset token must not be stored anywhere.
    """
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)
