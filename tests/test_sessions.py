"""Advocates' sessions: safe cookies, a new session at sign-in, none after sign-out,
and sign-in and password reset limited per network."""

from django.test import Client

from tests.factory import PASSWORD, make_advocate


def sign_in(client: Client, username: str = "alice"):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_the_session_cookie_is_http_only_and_same_site(client, db):
    make_advocate("alice")
    cookie = sign_in(client).cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_behind_https_the_session_cookie_is_secure(client, db, settings):
    settings.SESSION_COOKIE_SECURE = True  # what HTTPS=1 sets
    make_advocate("alice")
    assert sign_in(client).cookies["sessionid"]["secure"]


def test_signing_in_starts_a_new_session(client, db):
    make_advocate("alice")
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client)
    assert client.session.session_key != before


def test_signing_out_ends_the_session_for_good(client, db):
    make_advocate("alice")
    sign_in(client)
    old_key = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    assert client.get("/advocate/").status_code == 302
    # Someone who copied the old cookie gets nothing either.
    thief = Client()
    thief.cookies["sessionid"] = old_key
    response = thief.get("/advocate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_attempts_are_limited_per_network(client, db, settings):
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "signin": "3/h"}
    for name in ["a1", "a2", "a3"]:
        assert (
            client.post("/accounts/login/", {"username": name, "password": "x"}).status_code == 200
        )
    response = client.post("/accounts/login/", {"username": "a4", "password": "x"})
    assert response.status_code == 429
    # Showing the form is not counted.
    assert client.get("/accounts/login/").status_code == 200


def test_password_reset_requests_are_limited_per_network(client, db, settings):
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "reset": "2/h"}
    for _ in range(2):
        response = client.post("/accounts/password_reset/", {"email": "someone@example.org"})
        assert response.status_code == 302
    response = client.post("/accounts/password_reset/", {"email": "someone@example.org"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
