"""gunicorn's settings; gunicorn reads ./gunicorn.conf.py by itself. Options on the command
line (docs/deploy.md) still apply on top.

gunicorn logs request lines of its own ("Error handling request GET /c/<token>/..." when a
worker times out; the access log, when it is turned on with --access-logfile), so its
handlers pass the same filter as Django's: no private link reaches them.

A logger class rather than `logconfig_dict`: with a dict, gunicorn turns its access log on and
ignores --log-level, --error-logfile and --access-logfile. This way its formats, levels and
files stay gunicorn's own, and the access log stays off unless it is asked for.
"""

from typing import Any

from gunicorn.glogging import Logger

from checklist.log_filters import HidePrivateLinks


class PrivateLinksHidden(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(HidePrivateLinks())


logger_class = PrivateLinksHidden
