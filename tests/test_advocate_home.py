from tests.factory import make_guide


def test_an_advocate_sees_their_guides_by_title_with_counts(alice, bob):
    make_guide("alices-guide", owner=alice.user)
    make_guide("bobs-guide", owner=bob.user)
    page = alice.client.get("/advocate/").content.decode()
    assert "A test guide" in page
    assert 'href="/advocate/g/alices-guide/"' in page
    assert "bobs-guide" not in page
