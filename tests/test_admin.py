import pytest
from django.contrib.auth.models import User
from django.test import Client

from checklist.models import Guide, Report
from tests.factory import make_guide


def _moderator():
    client = Client()
    client.force_login(User.objects.create_superuser("mod", "mod@example.org", "x"))
    return client


def test_a_moderator_unlists_and_locks_a_guide(alice):
    guide = make_guide("shared", owner=alice.user, visibility="public").guide
    moderator = _moderator()
    for action in ["unlist", "lock"]:
        response = moderator.post(
            "/admin/checklist/guide/", {"action": action, "_selected_action": [guide.pk]}
        )
        assert response.status_code == 302
    guide.refresh_from_db()
    assert (guide.visibility, guide.is_locked) == ("unlisted", True)
    assert Client().get("/g/shared/").status_code == 404


def test_the_admin_lists_guides_versions_and_reports(alice):
    guide = make_guide("shared", owner=alice.user, visibility="public").guide
    Report.objects.create(guide=guide, reason="Sells a clinic")
    moderator = _moderator()
    for url in [
        "/admin/checklist/guide/",
        f"/admin/checklist/guide/{guide.pk}/change/",
        "/admin/checklist/guideversion/",
        "/admin/checklist/report/",
        "/admin/checklist/guide/?is_locked__exact=0&visibility__exact=public",
    ]:
        assert moderator.get(url).status_code == 200, url
    assert "Sells a clinic" in moderator.get("/admin/checklist/report/").content.decode()
    assert Guide.objects.count() == 1


@pytest.fixture
def moderator(db):
    return _moderator()


def _moderate(moderator, action, guide):
    response = moderator.post(
        "/admin/checklist/guide/", {"action": action, "_selected_action": [guide.pk]}
    )
    assert response.status_code == 302
    guide.refresh_from_db()


def test_a_guide_the_moderators_unlisted_stays_out_of_the_gallery_until_they_say(alice, moderator):
    guide = make_guide("shared", owner=alice.user, visibility="public").guide
    _moderate(moderator, "unlist", guide)
    response = alice.client.post("/advocate/g/shared/visibility/", {"visibility": "public"})
    page = alice.client.get(response["Location"]).content.decode()
    assert "cannot be made public" in page
    guide.refresh_from_db()
    assert guide.visibility == "unlisted"
    assert "/g/shared/" not in Client().get("/guides/").content.decode()
    alice.client.post("/advocate/g/shared/visibility/", {"visibility": "private"})
    guide.refresh_from_db()
    assert guide.visibility == "private"  # less is always allowed
    _moderate(moderator, "unlock", guide)
    alice.client.post("/advocate/g/shared/visibility/", {"visibility": "public"})
    guide.refresh_from_db()
    assert guide.visibility == "public"


def test_a_locked_guide_stays_as_the_moderators_left_it(alice, moderator):
    guide = make_guide("shared", owner=alice.user, visibility="unlisted").guide
    Report.objects.create(guide=guide, guide_slug="shared", reason="Sells a clinic")
    _moderate(moderator, "lock", guide)
    for visibility in ["public", "private"]:
        response = alice.client.post("/advocate/g/shared/visibility/", {"visibility": visibility})
        assert response.status_code == 404
    assert alice.client.get("/advocate/g/shared/delete/").status_code == 404
    assert alice.client.post("/advocate/g/shared/delete/").status_code == 404
    page = alice.client.get("/advocate/g/shared/").content.decode()
    assert "Delete this guide" not in page and "/visibility/" not in page
    guide.refresh_from_db()
    assert guide.visibility == "unlisted" and guide.is_locked
    assert Report.objects.filter(guide=guide).exists()


def test_reports_outlive_a_guide_its_owner_deletes(alice, client, moderator):
    make_guide("shared", owner=alice.user, visibility="public")
    client.post("/g/shared/report/", {"reason": "Sells a clinic"})
    assert alice.client.post("/advocate/g/shared/delete/").status_code == 302
    assert not Guide.objects.exists()
    report = Report.objects.get()
    assert (report.guide, report.guide_slug, report.guide_title) == (None, "shared", "A test guide")
    page = moderator.get("/admin/checklist/report/").content.decode()
    assert "Sells a clinic" in page and "shared" in page
