from tests.factory import make_draft, make_guide


def test_an_advocate_sees_their_guides_by_title_with_counts(alice, bob):
    make_guide("alices-guide", owner=alice.user)
    make_guide("bobs-guide", owner=bob.user)
    page = alice.client.get("/advocate/").content.decode()
    assert "A test guide" in page
    assert 'href="/advocate/g/alices-guide/"' in page
    assert "bobs-guide" not in page


def test_each_guide_says_whether_it_is_live_and_whether_a_draft_waits(alice):
    make_draft(alice.user, visibility="unlisted")
    page = alice.client.get("/advocate/").content.decode()
    assert "Live: version 1 · Anyone with the link · draft of version 2" in page
    new = make_draft(alice.user, slug="second-guide", visibility="private")
    new.guide.versions.filter(is_published=True).delete()
    page = alice.client.get("/advocate/").content.decode()
    assert "Not published yet ·" in page
