def test_it_shows_the_details_the_sections_and_the_private_link(family):
    page = family.client.get(family.url()).content.decode()
    assert "Clinic A" in page
    assert "Section 1" in page and "Section 3" in page
    assert f"http://testserver/c/{family.token}/" in page
    assert "Make a new link" in page
    assert "Delete this checklist for good" in page
    assert "not changed for 12 months is deleted" in page


def test_private_pages_are_never_cached_and_never_send_the_link_on(family):
    for path in ["", "s/1/", "review/", "details/", "delete/", "export.json", "pdf"]:
        response = family.client.get(family.url(path))
        assert response.status_code == 200, path
        assert response["Referrer-Policy"] == "strict-origin", path
        assert "no-store" in response["Cache-Control"], path


def test_the_details_can_be_changed_later(family):
    response = family.client.post(
        family.url("details/"), {"clinic_name": "Clinic C", "clinic_country": "Spain"}
    )
    assert response["Location"] == family.url()
    family.checklist.refresh_from_db()
    assert (family.checklist.clinic_name, family.checklist.clinic_country) == ("Clinic C", "Spain")


def test_head_is_answered_like_get_without_a_body(family):
    response = family.client.head(family.url())
    assert response.status_code == 200 and response.content == b""
    assert "no-store" in response["Cache-Control"]
