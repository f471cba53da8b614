"""One advocate never reaches another's guide: every way in gives the same 404."""

import pytest
from django.test import Client

from checklist.guide_format import export_version
from checklist.models import Guide, Visibility
from tests.factory import make_draft

GUIDE = "/advocate/g/alices-guide/"


@pytest.fixture
def alices_draft(alice):
    draft = make_draft(alice.user)
    Guide.objects.filter(pk=draft.guide.pk).update(visibility=Visibility.PRIVATE)
    return draft


def _urls(draft):
    question = draft.questions.all()[0]
    section = draft.sections.all()[0]
    source = draft.sources.all()[0]
    gets = [
        GUIDE,
        GUIDE + "edit/",
        GUIDE + "preview/",
        GUIDE + "preview.pdf",
        GUIDE + "preview.pdf?printout=clinic",
        GUIDE + "v/1/",
        GUIDE + "delete/",
        GUIDE + f"q/{question.key}/",
        GUIDE + f"s/{section.key}/",
        GUIDE + f"sources/{source.key}/",
        "/g/alices-guide/",
        "/g/alices-guide/qr.svg",
        "/g/alices-guide/qr.png",
        "/g/alices-guide/flyer.pdf",
        "/g/alices-guide/report/",
        "/guides/alices-guide.json",
        "/start/alices-guide/",
    ]
    posts = [
        (GUIDE + "visibility/", {"visibility": "public"}),
        (GUIDE + "publish/", {"change_note": "Mine now", "visibility": "unlisted"}),
        (GUIDE + "draft/", {}),
        (GUIDE + "edit/", {"title": "Taken", "description": "x", "language": "en", "author": "b"}),
        (GUIDE + "delete/", {}),
        (GUIDE + "sections/add/", {"new-section-title": "More"}),
        (GUIDE + f"s/{section.key}/move/", {"direction": "down"}),
        (GUIDE + f"s/{section.key}/move/", {"position": "2"}),
        (GUIDE + f"s/{section.key}/duplicate/", {}),
        (GUIDE + f"s/{section.key}/delete/", {}),
        (GUIDE + f"s/{section.key}/add/", {f"new-{section.key}-text": "More?"}),
        (GUIDE + f"q/{question.key}/", {"text": "Changed?"}),
        (GUIDE + f"q/{question.key}/move/", {"direction": "down"}),
        (GUIDE + f"q/{question.key}/move/", {"section": section.key, "position": "9"}),
        (GUIDE + f"q/{question.key}/duplicate/", {}),
        (GUIDE + f"q/{question.key}/delete/", {}),
        (GUIDE + "sources/add/", {"key": "NEW", "citation": "New"}),
        (GUIDE + f"sources/{source.key}/delete/", {}),
        ("/advocate/copy/alices-guide/", {}),
        ("/start/alices-guide/", {}),
    ]
    return gets, posts


def test_another_advocate_gets_404_everywhere_and_changes_nothing(alices_draft, bob):
    before = export_version(alices_draft)
    gets, posts = _urls(alices_draft)
    for url in gets:
        assert bob.client.get(url).status_code == 404, url
    for url, data in posts:
        assert bob.client.post(url, data).status_code == 404, url
    alices_draft.refresh_from_db()
    assert export_version(alices_draft) == before
    assert not alices_draft.is_published
    assert Guide.objects.filter(owner=bob.user).count() == 0


def test_a_family_without_an_account_gets_404_for_a_private_guide(alices_draft):
    client = Client()
    gets, _posts = _urls(alices_draft)
    for url in gets:
        assert client.get(url).status_code in (302, 404), url
    assert client.get("/g/alices-guide/").status_code == 404
    assert client.get("/guides/alices-guide.json").status_code == 404
    assert client.post("/start/alices-guide/", {}).status_code == 404


def test_the_owner_reaches_every_screen(alices_draft, alice):
    gets, _posts = _urls(alices_draft)
    for url in gets:
        assert alice.client.get(url).status_code == 200, url


def test_signed_out_people_are_sent_to_sign_in(alices_draft):
    response = Client().get(GUIDE + "edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_locked_guide_cannot_be_started_or_edited(alices_draft, alice):
    Guide.objects.filter(pk=alices_draft.guide.pk).update(
        visibility=Visibility.PUBLIC, is_locked=True
    )
    assert Client().get("/start/alices-guide/").status_code == 404
    assert Client().get("/g/alices-guide/").status_code == 404
    assert alice.client.get(GUIDE + "edit/").status_code == 302
    question = alices_draft.questions.all()[0]
    assert alice.client.post(GUIDE + f"q/{question.key}/", {"text": "x"}).status_code == 404
