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
