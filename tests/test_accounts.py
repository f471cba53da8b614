"""Advocates' accounts: sign up, sign in with lockout, sign out, change and reset password."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.test import Client

from tests.factory import PASSWORD, make_advocate


def test_an_advocate_signs_up_and_is_signed_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "carol",
            "email": "carol@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response["Location"] == "/advocate/"
    assert client.get("/advocate/").status_code == 200
    assert User.objects.get(username="carol").email == "carol@example.org"


def test_weak_passwords_are_refused(client, db):
    page = client.post(
        "/accounts/signup/",
        {"username": "carol", "email": "c@example.org", "password1": "123", "password2": "123"},
    ).content.decode()
    assert "This password is too short" in page
    assert not User.objects.exists()


def test_signing_in_and_out(client, db):
    make_advocate("alice")
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/advocate/"
    client.post("/accounts/logout/")
    assert client.get("/advocate/").status_code == 302


def test_repeated_wrong_passwords_lock_the_account_for_a_while_from_that_address(client, db):
    make_advocate("alice")
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        assert response.status_code in (200, 429)
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Please wait a while" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    # Whoever typed them cannot lock Alice out: from her own network she still signs in.
    alice_at_home = Client(REMOTE_ADDR="10.9.9.9")
    response = alice_at_home.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_a_password_reset_mail_is_sent_and_its_link_works_once(client, db):
    make_advocate("alice")
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert len(mail.outbox) == 1
    found = re.search(r"https?://[^/]+(/accounts/reset/\S+)", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "another quite long passphrase 77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/reset/done/"
    assert User.objects.get(username="alice").check_password(new)
    again = Client().get(link, follow=True).content.decode()
    assert "This link does not work any more" in again


def test_no_mail_for_an_unknown_address_and_the_same_page(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_known_and_unknown_addresses_are_answered_alike_and_mailed_by_a_task(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    make_advocate("alice")
    for email in ["alice@example.org", "nobody@example.org"]:
        response = client.post("/accounts/password_reset/", {"email": email})
        assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []  # nothing is sent inside the request
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    enqueued = [(r.task.module_path, r.args) for r in backend.results]
    assert enqueued == [
        ("checklist.tasks.send_password_reset", ["alice@example.org", "testserver", False]),
        ("checklist.tasks.send_password_reset", ["nobody@example.org", "testserver", False]),
    ]


def test_an_advocate_changes_their_password(alice):
    new = "a brand new passphrase 99"
    response = alice.client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password(new)


def test_sign_ups_are_limited_per_network(client, db, settings):
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"signup": "1/h"}
    for name in ["carol", "dave"]:
        response = client.post(
            "/accounts/signup/",
            {
                "username": name,
                "email": f"{name}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert "Too many accounts were made from your network" in response.content.decode()
    assert list(User.objects.values_list("username", flat=True)) == ["carol"]
