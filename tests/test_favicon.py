from pathlib import Path

from django.conf import settings


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_askfirst_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(settings.STATIC_URL)
    assert "askfirst" in location and location.endswith(".svg")
    icon = client.get(location)
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert body == (Path(settings.BASE_DIR) / "static/icons/askfirst.svg").read_bytes()
