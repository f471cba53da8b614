import re

import segno


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
    clinic = family.checklist.clinic
    assert clinic is not None
    assert (clinic.name, clinic.country) == ("Clinic C", "Spain")


def test_head_is_answered_like_get_without_a_body(family):
    response = family.client.head(family.url())
    assert response.status_code == 200 and response.content == b""
    assert "no-store" in response["Cache-Control"]


def test_the_private_link_can_be_shared_copied_or_shown_as_a_qr_code(family):
    page = family.client.get(family.url()).content.decode()
    link = f"http://testserver/c/{family.token}/"
    # Share and Copy need JavaScript: askfirst.js shows them where the browser can.
    assert re.search(
        r'<button[^>]*data-share-target="private-link"[^>]*hidden>Share the link', page
    )
    assert re.search(r'<button[^>]*data-copy-target="private-link"[^>]*hidden>Copy link', page)
    assert "<summary>Show as a QR code</summary>" in page
    assert "Anyone who scans this code can open and change this checklist." in page
    drawn = re.search(r'<div class="qr" role="img" aria-label="([^"]+)">(<svg.*?</svg>)', page)
    assert drawn and drawn[1] == "QR code of your private link"
    expected = segno.make(link, error="m").svg_inline(
        omitsize=True, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    assert drawn[2] == expected  # the link itself, and nothing else


def test_making_a_new_link_asks_first(family):
    page = family.client.get(family.url()).content.decode()
    assert f'<a class="button" href="{family.url("rotate/")}">Make a new link</a>' in page
    assert f'action="{family.url("rotate/")}"' not in page
    assert "The old link will stop working on every other device." in page
