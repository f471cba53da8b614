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


def sign_up(client: Client, **changes: str) -> str:
    """Send the sign-up form as a person fills it in, with changes; returns the page."""
    fields = {
        "username": "carol",
        "email": "carol@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post("/accounts/signup/", fields | changes).content.decode()


def field_markup(page: str, name: str) -> str:
    """The markup of one field of the form: its label, help, error and box."""
    return page.split(f'<label for="id_{name}">', 1)[1].split('<div class="field', 1)[0]


def test_the_sign_up_form_says_in_plain_words_what_each_field_takes(client, db):
    page = client.get("/accounts/signup/").content.decode()
    assert "Required. 150 characters or fewer" not in page
    assert "letters and numbers, no spaces (@ . + - _ are allowed too)." in field_markup(
        page, "username"
    )
    assert "Only used to reset your password" in field_markup(page, "email")
    password = field_markup(page, "password1")
    assert (
        "At least 8 characters. Not like your username or email address. "
        "Not a password many people use. Not only numbers."
    ) in password
    assert "too similar to your other personal information" not in page  # Django's own list
    assert "Type the password again" in field_markup(page, "password2")
    assert 'autocomplete="username"' in field_markup(page, "username")
    assert 'autocomplete="email"' in field_markup(page, "email")
    assert password.count('autocomplete="new-password"') == 1
    assert field_markup(page, "password2").count('autocomplete="new-password"') == 1


def test_the_password_help_follows_the_rules_in_the_settings(client, db, settings):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        },
    ]
    page = client.get("/accounts/signup/").content.decode()
    help_text = page.split('id="id_password1_helptext">', 1)[1].split("</div>", 1)[0]
    assert help_text == "At least 12 characters."


def test_a_wrong_password_confirmation_keeps_the_name_and_says_so_beside_the_field(client, db):
    page = sign_up(client, password2=PASSWORD + "x")
    assert not User.objects.exists()
    assert 'value="carol"' in field_markup(page, "username")
    assert 'value="carol@example.org"' in field_markup(page, "email")
    assert "This is not the same as the password above." in field_markup(page, "password2")
    assert 'class="error"' not in field_markup(page, "password1")


def test_what_was_typed_is_still_there_after_an_error_passwords_too(client, db):
    page = sign_up(client, email="not an address")
    assert 'value="not an address"' in field_markup(page, "email")
    assert f'value="{PASSWORD}"' in field_markup(page, "password1")
    assert f'value="{PASSWORD}"' in field_markup(page, "password2")
    assert "Everything else you typed is still here." in page


def test_the_page_with_the_passwords_typed_is_never_kept_in_a_cache(client, db):
    response = client.post("/accounts/signup/", {"username": "carol", "password1": PASSWORD})
    assert "no-store" in response["Cache-Control"]


def test_a_weak_password_is_explained_beside_the_password_not_its_confirmation(client, db):
    page = sign_up(client, password1="12345678", password2="12345678")
    password = field_markup(page, "password1")
    assert 'class="error"' in password and 'aria-invalid="true"' in password
    assert "Many people use this password, so it is easy to guess." in password
    assert "A password of only numbers is easy to guess. Please add some letters." in password
    assert 'class="error"' not in field_markup(page, "password2")
    assert '<a href="#id_password1">Password: Many people use this password' in page


def test_a_password_like_the_username_is_refused_in_plain_words(client, db):
    page = sign_up(client, username="carolsmith", password1="carolsmith1", password2="carolsmith1")
    assert "This password is too like your username or email address." in page
    assert not User.objects.exists()


def test_a_taken_or_odd_username_is_explained_beside_it(client, db):
    make_advocate("alice")
    page = sign_up(client, username="Alice")
    assert "This username is taken. Please choose another." in field_markup(page, "username")
    page = sign_up(client, username="carol smith")
    odd = "Please use only letters and numbers, with no spaces (@ . + - _ are allowed too)."
    assert odd in field_markup(page, "username")
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]


def test_the_sign_in_page_links_to_what_advocates_can_do(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<a href="/advocates/">What advocates can do</a>' in page


def test_changing_a_password_says_the_rules_and_the_errors_in_plain_words(alice):
    page = alice.client.get("/accounts/password_change/").content.decode()
    assert "Your password can\u2019t be too similar" not in page
    assert "At least 8 characters." in field_markup(page, "new_password1")
    assert "Type the password again" in field_markup(page, "new_password2")
    response = alice.client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    page = response.content.decode()
    assert "A password of only numbers is easy to guess." in field_markup(page, "new_password1")
    assert 'class="error"' not in field_markup(page, "new_password2")
    # What was typed is still there, in a page no cache keeps.
    assert 'value="12345678"' in field_markup(page, "new_password2")
    assert "no-store" in response["Cache-Control"]
    alice.user.refresh_from_db()
    assert alice.user.check_password(PASSWORD)


def test_a_reset_link_asks_for_the_new_password_in_plain_words(client, db):
    make_advocate("alice")
    client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    found = re.search(r"https?://[^/]+(/accounts/reset/\S+)", str(mail.outbox[0].body))
    assert found is not None
    form_url = client.get(found.group(1), follow=True).redirect_chain[-1][0]
    page = client.post(
        form_url, {"new_password1": "alice-pass", "new_password2": "other-pass"}
    ).content.decode()
    assert "This is not the same as the password above." in field_markup(page, "new_password2")
    assert "At least 8 characters." in field_markup(page, "new_password1")
