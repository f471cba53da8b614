import json
from pathlib import Path


def test_the_service_worker_is_served_from_the_root_with_the_app_shell(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    for url in ["/offline/", "/static/css/askfirst.css", "/static/js/askfirst.js"]:
        assert f'"{url}"' in script


def test_a_new_release_of_the_shell_gets_a_new_cache(client, db, settings):
    first = client.get("/sw.js").content.decode().split('"askfirst-shell-')[1][:12]
    settings.STATIC_URL = "/static/v2/"
    second = client.get("/sw.js").content.decode().split('"askfirst-shell-')[1][:12]
    assert first != second


def test_the_offline_page_says_what_still_works(client, db):
    page = client.get("/offline/").content.decode()
    assert "You are offline" in page
    assert "kept on this device" in page


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
