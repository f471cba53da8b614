"""What may reach a log line or the admins' mail: never a private link, never what a family
typed.

Every handler passes `HidePrivateLinks`: Django's loggers (settings.LOGGING names them, so
Django's own handlers are gone) and gunicorn's (gunicorn.conf.py). Errors are mailed by
`MailAdmins`, which sends the masked message and where the error happened, never the request.
"""

import logging
import re
import traceback
from types import TracebackType

from django.core.mail import mail_admins

# Any path segment after /c/ (checklists) or /r/ (review links), not only a well-formed token:
# a near miss (a character short, one too many, a stray space) is almost the whole token. A
# logged path may be decoded ("/c/abc def/"), so a segment runs to the next "/", "?", "#",
# quote or line end, but stops before the " HTTP/1.1" that ends a request line.
PRIVATE_SEGMENT = re.compile(r"/([cr])/(?:(?!\s+HTTP/)[^/?#\"'\r\n])+")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def hide_private_links(text: str) -> str:
    return PRIVATE_SEGMENT.sub(r"/\1/<private>", text)


def plain_traceback(exc_info: ExcInfo) -> str:
    """The frames (file, line, function, source line) and the exception's class.

    Not the exception's message, which can echo what was typed (a form value, a path), and
    no local variables.
    """
    exc_type, _exc, tb = exc_info
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    name = f"{exc_type.__module__}.{exc_type.__qualname__}"
    return f"Traceback (most recent call last):\n{frames}{name}"


def _message(record: logging.LogRecord) -> str:
    try:
        return hide_private_links(record.getMessage())
    except Exception:
        # Left as it is, the handler would print the raw arguments when it fails on them.
        return f"(a log message from {record.name} that could not be formatted)"


class HidePrivateLinks(logging.Filter):
    """Masks private links in the message and its arguments, and keeps only the frames of
    an exception (`plain_traceback`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = _message(record)
        if message != record.msg or record.args:
            record.msg, record.args = message, ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = hide_private_links(plain_traceback(record.exc_info))
        if record.stack_info:
            record.stack_info = hide_private_links(record.stack_info)
        return True


class DropMissingGlyphs(logging.Filter):
    """WeasyPrint warns once per character no font can draw, quoting it: a child's name in
    a script we ship no font for would be spelled out in the log, letter by letter."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(".notdef glyph rendered")


class MailAdmins(logging.Handler):
    """Mails an error to ADMINS with what happened and where, never the request.

    Django's AdminEmailHandler adds the request: its POST (every answer and note on the
    page), its cookies ("My checklists" holds private links) and its headers.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = _message(record)
            subject = f"{record.levelname}: {message.splitlines()[0] if message else ''}"
            body = message
            if record.exc_info and record.exc_info[0] is not None:
                body += "\n\n" + hide_private_links(plain_traceback(record.exc_info))
            mail_admins(subject[:200], body)
        except Exception:
            self.handleError(record)
