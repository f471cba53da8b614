import json
from pathlib import Path


def test_the_service_worker_is_served_from_the_root_with_the_app_shell(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    for url in ["/offline/", "/static/js/askfirst.js"]:
        assert f'"{url}"' in script
    assert "askfirst.css" not in script  # written into every page


def test_a_new_release_of_the_shell_gets_a_new_cache(client, db, settings):
    first = client.get("/sw.js").content.decode().split('"askfirst-shell-')[1][:12]
    settings.STATIC_URL = "/static/v2/"
    second = client.get("/sw.js").content.decode().split('"askfirst-shell-')[1][:12]
    assert first != second


def test_the_offline_page_says_what_still_works(client, db):
    page = client.get("/offline/").content.decode()
    assert "You are offline" in page
    assert "kept on this phone" in page


def test_every_page_offers_the_app_to_the_home_screen(client, db):
    page = client.get("/").content.decode()
    assert 'rel="manifest" href="/static/askfirst.webmanifest"' in page
    static = Path(__file__).resolve().parent.parent / "static"
    manifest = json.loads((static / "askfirst.webmanifest").read_text())
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (static / icon["src"]).exists(), icon["src"]


def test_forgetting_a_checklist_also_forgets_its_pages_kept_for_offline_reading(family):
    page = family.client.get(family.url("delete/")).content.decode()
    assert f'data-forget-pages="{family.url()}"' in page
    assert 'data-forget-pages=""' in family.client.get("/mine/").content.decode()


def test_every_page_of_a_checklist_asks_the_phone_to_keep_the_whole_checklist(family):
    family.client.post(family.url("details/"), {"child_name": "Sam", "clinic_name": "Clinic A"})
    for path in ["", "s/2/", "review/"]:
        page = family.client.get(family.url(path)).content.decode()
        assert f'data-offline-copy="{family.url()}"' in page, path
        assert 'data-offline-name="Sam\'s checklist · Clinic A"' in page, path
    # The overview links to every page that is kept.
    overview = family.client.get(family.url()).content.decode()
    for path in ["s/1/", "s/2/", "s/3/", "review/"]:
        assert f'href="{family.url(path)}"' in overview


def test_pages_that_are_not_for_reading_offline_are_not_kept(family):
    for url in ["/", "/mine/", family.url("delete/"), family.url("rotate/")]:
        assert "data-offline-copy" not in family.client.get(url).content.decode(), url
    missing = family.client.get("/c/" + "x" * 43 + "/")
    assert missing.status_code == 404 and "data-offline-copy" not in missing.content.decode()


def test_typing_offline_is_called_kept_and_a_server_error_stays_not_saved(family):
    page = family.client.get(family.url("s/1/")).content.decode()
    assert (
        'data-msg-offline="Kept on this phone. It will be sent when you are back online."' in page
    )
    assert 'data-msg-retrying="Not saved yet - retrying"' in page


def test_the_offline_page_has_room_for_the_checklists_kept_on_the_phone(client, db):
    page = client.get("/offline/").content.decode()
    assert "<div data-kept-list hidden>" in page
    assert "The checklists you opened here are kept" in page
