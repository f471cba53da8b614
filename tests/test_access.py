"""Another family can neither read nor change a checklist, whatever link they try."""

import re

from checklist.models import Answer
from tests.factory import answer_fields, section_fields

PAGES = ["", "details/", "s/1/", "review/", "pdf", "export.json", "delete/"]


def test_a_family_sees_only_its_own_checklist(family, other_family):
    page = other_family.client.get(other_family.url()).content.decode()
    assert "Clinic B" in page and "Clinic A" not in page


def page(response):
    """The page without what differs on every response (CSP nonce, CSRF token) and the
    address the language switch returns to."""
    return re.sub(
        r'(nonce="|X-CSRFToken": "|name="csrfmiddlewaretoken" value="|name="next" value=")[^"]+',
        "",
        response.content.decode(),
    )


def test_wrong_malformed_and_deleted_links_all_give_the_same_404(family, other_family):
    other_family.client.get(other_family.url())  # shows the welcome message once
    not_found = other_family.client.get("/c/" + "A" * 43 + "/")
    assert not_found.status_code == 404
    bodies = {page(not_found)}
    for token in ["short", "A" * 44, family.token[:-1] + "!", family.token.upper()]:
        response = other_family.client.get(f"/c/{token}/")
        assert response.status_code == 404, token
        bodies.add(page(response))
    family.client.post(family.url("delete/"))
    response = other_family.client.get(family.url())
    assert response.status_code == 404
    bodies.add(page(response))
    assert len(bodies) == 1


def test_another_familys_answer_cannot_be_saved_through_my_link(family, other_family):
    theirs = family.checklist.answers.order_by("pk").first()
    response = other_family.client.post(
        other_family.url(f"a/{theirs.pk}/"),
        answer_fields(theirs, response="Overwritten!"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.response == ""


def test_another_familys_answers_in_my_section_post_are_ignored(family, other_family):
    theirs = family.checklist.answers.order_by("pk").first()
    data = section_fields(other_family.checklist, 1, go="next")
    data |= answer_fields(theirs, response="Overwritten!")
    other_family.client.post(other_family.url("s/1/"), data)
    theirs.refresh_from_db()
    assert theirs.response == ""


def test_another_familys_own_question_cannot_be_deleted_through_my_link(family, other_family):
    family.client.post(
        family.url("s/1/"),
        section_fields(family.checklist, 1, go="add", **{"new-own_question": "Ours?"}),
    )
    ours = Answer.objects.get(question=None)
    response = other_family.client.post(other_family.url(f"a/{ours.pk}/delete/"))
    assert response.status_code == 404
    assert Answer.objects.filter(pk=ours.pk).exists()
