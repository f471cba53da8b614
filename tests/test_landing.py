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
