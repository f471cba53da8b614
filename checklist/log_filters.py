import logging
import re
from functools import cache


@cache
def _private_path() -> re.Pattern[str]:
    # Imported late: logging is set up before the app's models can load.
    from checklist.tokens import TOKEN_PATTERN

    return re.compile(rf"/c/{TOKEN_PATTERN}")


class HidePrivateLinks(logging.Filter):
    """Django logs the path of every 4xx and 5xx; a private link's token must not reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _private_path().search(message):
            record.msg = _private_path().sub("/c/<private>", message)
            record.args = ()
        return True
