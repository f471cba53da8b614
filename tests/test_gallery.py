import re

from django.test import Client

from checklist.models import GuideVersion
from tests.factory import make_guide


def test_public_guides_are_listed_with_the_builtin_first(client, builtin, alice):
    make_guide("aaa-first-by-title", owner=alice.user, visibility="public")
    page = client.get("/guides/").content.decode()
    assert "/g/stem-cells-cp/" in page
    assert page.index("/g/stem-cells-cp/") < page.index("/g/aaa-first-by-title/")


def test_unlisted_and_private_guides_are_not_listed(client, alice):
    make_guide("unlisted-one", owner=alice.user, visibility="unlisted")
    make_guide("private-one", owner=alice.user, visibility="private")
    make_guide("public-one", owner=alice.user, visibility="public")
    page = client.get("/guides/").content.decode()
    assert "/g/public-one/" in page
    assert "unlisted-one" not in page and "private-one" not in page


def test_drafts_and_locked_guides_are_not_listed(client, alice):
    version = make_guide("locked-one", owner=alice.user, visibility="public")
    version.guide.is_locked = True
    version.guide.save()
    page = client.get("/guides/").content.decode()
    assert "locked-one" not in page


def test_only_the_newest_published_version_is_listed(client, alice):
    from tests.factory import make_draft, publish

    draft = make_draft(alice.user, visibility="public")
    GuideVersion.objects.filter(pk=draft.pk).update(title="Second title")
    draft.refresh_from_db()
    page = client.get("/guides/").content.decode()
    assert "A test guide" in page and "Second title" not in page
    publish(draft)
    page = Client().get("/guides/").content.decode()
    assert "Second title" in page and "A test guide" not in page


def test_search_by_words_and_by_language(client, alice):
    make_guide("english-guide", owner=alice.user, visibility="public")
    spanish = make_guide("spanish-guide", owner=alice.user, visibility="public")
    GuideVersion.objects.filter(pk=spanish.pk).update(language="es", title="Preguntas")
    assert "/g/english-guide/" in client.get("/guides/?q=test+guide").content.decode()
    assert "/g/english-guide/" not in client.get("/guides/?q=nowhere").content.decode()
    page = client.get("/guides/?language=es").content.decode()
    assert "/g/spanish-guide/" in page and "/g/english-guide/" not in page


def test_odd_search_input_never_fails(client, db):
    for query in ["?language=<script>", "?q=" + "x" * 5000, "?q=%00", "?language=e"]:
        assert client.get("/guides/" + query).status_code == 200


def test_the_language_is_chosen_by_name_from_the_gallery_s_own_languages(client, alice):
    make_guide("english-guide", owner=alice.user, visibility="public")
    spanish = make_guide("spanish-guide", owner=alice.user, visibility="public")
    GuideVersion.objects.filter(pk=spanish.pk).update(language="es")
    page = client.get("/guides/").content.decode()
    select = re.search(r'<select name="language".*?</select>', page, re.S)
    assert select is not None
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[0])
    assert options == [("", "Any language"), ("en", "English"), ("es", "Spanish")]
    assert "Language code" not in page


def test_an_unknown_language_still_searches_the_words(client, alice):
    make_guide("english-guide", owner=alice.user, visibility="public")
    page = client.get("/guides/?q=nowhere&language=xx").content.decode()
    assert "/g/english-guide/" not in page
