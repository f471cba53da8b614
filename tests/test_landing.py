import re

from django.test import Client

from tests.factory import start_checklist


def test_it_explains_askfirst_and_offers_a_start_button(client, db):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Start a checklist" in page
    assert 'href="/start/"' in page
    assert "Where the questions come from" in page
    assert "does not give medical advice" in page


def test_it_asks_for_no_account(client, db):
    page = client.get("/").content.decode()
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)  # the stylesheet's selectors
    assert "No account" in page
    assert "password" not in page.lower()


def test_it_loads_nothing_from_another_site(client, db):
    response = client.get("/")
    page = response.content.decode()
    assert "http://" not in page.replace("http://testserver", "")
    assert 'src="https://' not in page and 'href="https://' not in page
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_head_is_answered_like_get_without_a_body(client, db):
    response = client.head("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html") and response.content == b""


def test_a_device_with_checklists_continues_the_one_changed_last(family, small_guide):
    start_checklist(family.client, small_guide.guide.slug, child_name="Sam")
    family.client.post(family.url("details/"), {"child_name": "Alex"})
    response = family.client.get("/")
    page = response.content.decode()
    go_on = f'<a class="button primary big" href="{family.url()}">Continue Alex\'s checklist</a>'
    assert go_on in page
    assert page.index(go_on) < page.index("Start a new checklist")
    assert "Start a checklist<" not in page
    assert 'href="/mine/">All the checklists on this device' in page


def test_a_checklist_without_a_name_is_yours(family):
    page = family.client.get("/").content.decode()
    assert f'href="{family.url()}">Continue your checklist</a>' in page
    assert "All the checklists on this device" not in page


def test_the_landing_page_that_links_to_a_checklist_is_kept_by_no_shared_cache(family):
    response = family.client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert response["Referrer-Policy"] == "strict-origin"


def test_a_checklist_deleted_or_given_a_new_link_elsewhere_is_not_offered(family):
    Client().post(family.url("rotate/"))
    page = family.client.get("/").content.decode()
    assert "Continue" not in page
    assert "Start a checklist" in page


def test_a_new_device_gets_only_the_start_button(client, db):
    response = client.get("/")
    page = response.content.decode()
    assert "Continue" not in page and "Start a new checklist" not in page
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Cookie" in response["Vary"]
