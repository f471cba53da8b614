"""gunicorn's own log lines, with our gunicorn.conf.py, never show a private link."""

import datetime
import logging
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.app.wsgiapp import WSGIApplication

from checklist.tokens import make_token

TOKEN = make_token()


@pytest.fixture
def gunicorn_logger(monkeypatch):
    """gunicorn's logger as `gunicorn [args] project.wsgi` sets it up, from the repository's
    gunicorn.conf.py (read from the current directory, as gunicorn does)."""
    monkeypatch.chdir(settings.BASE_DIR)
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    made = []

    def start(*args: str):
        monkeypatch.setattr(sys, "argv", ["gunicorn", *args, "project.wsgi"])
        app = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]")
        logger = app.cfg.logger_class(app.cfg)
        made.append(logger)
        return logger

    yield start
    for logger in made:
        for log in (logger.error_log, logger.access_log):
            for handler in list(log.handlers):
                log.removeHandler(handler)


def a_request(logger):
    """What gunicorn logs about one request to a near miss of a private link."""
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/c/{TOKEN}x/pdf/answers?from=/c/{TOKEN}/",
        "PATH_INFO": f"/c/{TOKEN}x/pdf/answers",
        "QUERY_STRING": f"from=/c/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://askfirst.example/c/{TOKEN}/print-options/",
    }
    try:
        raise SystemExit(1)  # how a worker timeout ends a request
    except SystemExit:
        logger.exception("Error handling request %s", environ["RAW_URI"])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, datetime.timedelta(seconds=1))


def test_the_error_log_hides_private_links(gunicorn_logger, capsys):
    a_request(gunicorn_logger())
    out, err = capsys.readouterr()
    assert "[ERROR] Error handling request /c/<private>/pdf/answers?from=/c/<private>/" in err
    assert TOKEN not in out + err


def test_the_access_log_is_off_unless_asked_for_and_then_hides_private_links(
    gunicorn_logger, capsys
):
    a_request(gunicorn_logger())
    assert capsys.readouterr().out == ""

    a_request(gunicorn_logger("--access-logfile", "-", "--log-level", "warning"))
    out, err = capsys.readouterr()
    assert '"GET /c/<private>/pdf/answers?from=/c/<private>/ HTTP/1.1" 200 1234' in out
    assert '"https://askfirst.example/c/<private>/print-options/"' in out
    assert TOKEN not in out + err
    assert logging.getLogger("gunicorn.error").level == logging.WARNING
