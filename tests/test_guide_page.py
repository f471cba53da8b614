from django.core import mail
from django.test import Client

from checklist.models import Report
from tests.factory import make_guide


def test_the_family_page_says_who_wrote_it_and_what_it_covers(client, alice):
    make_guide("shared", owner=alice.user, visibility="unlisted")
    page = client.get("/g/shared/").content.decode()
    assert "Written by Test advocate" in page
    assert "Questions made up for tests." in page
    assert "4 questions in these sections" in page
    assert 'href="/start/shared/"' in page
    assert 'href="/guides/shared/pdf"' in page
    assert 'href="/g/shared/report/"' in page


def test_the_qr_code_comes_as_svg_and_png(client, alice):
    make_guide("shared", owner=alice.user, visibility="unlisted")
    svg = client.get("/g/shared/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml") or b"<svg" in svg.content[:200]
    png = client.get("/g/shared/qr.png")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_an_unlisted_guide_opens_by_link_and_can_be_started(client, alice):
    make_guide("shared", owner=alice.user, visibility="unlisted")
    assert client.get("/g/shared/").status_code == 200
    assert client.post("/start/shared/", {}).status_code == 302


def test_a_private_guide_opens_for_its_owner_only(alice, bob):
    make_guide("mine", owner=alice.user, visibility="private")
    assert alice.client.get("/g/mine/").status_code == 200
    assert bob.client.get("/g/mine/").status_code == 404
    assert Client().get("/g/mine/").status_code == 404


def test_a_report_is_stored_and_mailed_to_the_moderators(client, alice, settings):
    settings.ADMINS = ["moderator@example.org"]
    make_guide("shared", owner=alice.user, visibility="public")
    response = client.post(
        "/g/shared/report/", {"reason": "It sells a clinic.", "contact": "parent@example.org"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.guide is not None and report.guide.slug == "shared"
    assert (report.guide_slug, report.guide_title) == ("shared", "A test guide")
    assert report.reason == "It sells a clinic."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.org"]
    assert "It sells a clinic." in mail.outbox[0].body


def test_an_empty_report_is_refused_next_to_its_field(client, alice):
    make_guide("shared", owner=alice.user, visibility="public")
    page = client.post("/g/shared/report/", {"reason": ""}).content.decode()
    assert "This field is required." in page
    assert not Report.objects.exists()


def test_reports_are_limited_per_network(client, alice, settings):
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"report": "1/h"}
    make_guide("shared", owner=alice.user, visibility="public")
    client.post("/g/shared/report/", {"reason": "One"})
    page = client.post("/g/shared/report/", {"reason": "Two"}).content.decode()
    assert "Many reports were sent from your network" in page
    assert Report.objects.count() == 1
    assert len(mail.outbox) <= 1


def test_the_blank_pdf_of_a_private_guide_is_for_its_owner_only(alice, bob):
    make_guide("mine", owner=alice.user, visibility="private")
    response = alice.client.get("/guides/mine/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert bob.client.get("/guides/mine/pdf").status_code == 404
    assert Client().get("/guides/mine/pdf").status_code == 404


def test_head_is_answered_like_get_without_a_body(client, alice):
    make_guide("shared", owner=alice.user, visibility="unlisted")
    response = client.head("/g/shared/")
    assert response.status_code == 200 and response.content == b""
    assert client.head("/g/no-such-guide/").status_code == 404


def test_the_page_says_how_current_the_guide_is_who_checked_it_and_who_pays(client, builtin):
    page = client.get("/g/stem-cells-cp/").content.decode()
    assert "Evidence last checked" in page and "1 December 2026" in page
    assert "Checked by" in page and "An independent expert reader" in page
    assert "Who pays for it" in page and "no outside funding" in page
    assert "Conflicts of interest" in page and "How it is kept up to date" in page


def test_the_landing_page_says_where_the_questions_come_from_and_how_current(client, builtin):
    page = client.get("/").content.decode()
    assert "Where the questions come from" in page
    assert "Evidence last checked" in page and "An independent expert reader" in page


def test_the_gallery_says_when_each_guide_was_checked(client, builtin):
    page = client.get("/guides/").content.decode()
    assert "Evidence checked 1 December 2026" in page
    assert f"checked by {len(builtin.reviewers)} reviewers" in page


def test_a_guide_offers_its_translations_in_their_own_names(client, builtin):
    page = client.get("/g/stem-cells-cp/").content.decode()
    assert "Also in:" in page
    assert 'href="/g/stem-cells-cp-es/" lang="es" hreflang="es" dir="auto">Español</a>' in page
    page = client.get("/g/stem-cells-cp-es/").content.decode()
    assert 'href="/g/stem-cells-cp/" lang="en" hreflang="en" dir="auto">English</a>' in page
    # Its Spanish text says so to screen readers on an English page.
    assert '<h1 lang="es" dir="ltr">' in page


def test_the_gallery_names_each_guides_language_and_its_translations(client, builtin):
    page = client.get("/guides/").content.decode()
    assert "language: Spanish" in page and "language: English" in page
    assert page.count("Also in:") == 2
