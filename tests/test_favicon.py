from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_askfirst_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("icons/askfirst.svg")
    assert finders.find("icons/askfirst.svg")
