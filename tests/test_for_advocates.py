"""The page for advocates before they sign in: what an account is for, and the way in."""

from tests.test_every_page import check_page


def test_it_says_what_an_advocate_can_do_without_an_account(client, db):
    response = client.get("/advocates/")
    assert response.status_code == 200
    page = response.content.decode()
    check_page(page, "/advocates/")
    for promise in [
        "Write a question guide for families, or copy a public guide and make it your own.",
        "Translate your guide into another language.",
        "Publish it for anyone with the link, or for everyone in the gallery of guides.",
        "Share it by link, by QR code and on a flyer to print.",
        "See how many families chose each question. You see only counts, never what a family "
        "writes, and only once families have started at least 10 checklists with your guide.",
        "Families never need an account",
    ]:
        assert promise in page
    assert '<a class="button primary big" href="/accounts/signup/">Make an account</a>' in page
    assert '<a href="/accounts/login/">Already have an account? Sign in</a>' in page


def test_the_advocates_link_leads_here_before_signing_in_and_home_after(client, alice):
    assert '<a href="/advocates/">Advocates</a>' in client.get("/").content.decode()
    signed_in = alice.client.get("/").content.decode()
    assert '<a href="/advocate/">Your guides</a>' in signed_in
    assert 'href="/advocates/"' not in signed_in


def test_a_signed_in_advocate_is_offered_their_guides(alice):
    page = alice.client.get("/advocates/").content.decode()
    assert '<a class="button primary big" href="/advocate/">Your guides</a>' in page
    assert "/accounts/signup/" not in page


def test_it_takes_no_posts(client, db):
    assert client.post("/advocates/").status_code == 405
