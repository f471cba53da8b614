"""Tasks run off the request path: the password reset mail."""

from django.core import mail

from checklist.tasks import send_password_reset
from tests.factory import make_advocate


def test_the_reset_task_mails_a_known_address_once_and_an_unknown_one_never(db):
    make_advocate("alice")
    send_password_reset.call("alice@example.org", "askfirst.example", True)
    send_password_reset.call("nobody@example.org", "askfirst.example", True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "https://askfirst.example/accounts/reset/" in str(mail.outbox[0].body)
