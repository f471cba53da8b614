"""A second pair of eyes: a family lets two reviewers read their checklist through review
links of their own; each sees only what was shared with them, comments, and nothing else;
shutting or expiring a link closes it at once."""

import html
import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from checklist.models import Answer, ReviewComment, ReviewLink
from tests.conftest import Family
from tests.factory import save
from tests.printouts import pdf_text, squeezed
from tests.test_properties import FUZZ


def make_link(family: Family, reviewer: str, **options: str) -> str:
    page = family.client.post(
        family.url("reviews/"), {"reviewer": reviewer, "days": "7", **options}
    ).content.decode()
    found = re.search(r'id="review-link" type="text" readonly value="([^"]+)"', page)
    assert found, page
    return found[1].replace("http://testserver", "")


def first_answer(family: Family) -> Answer:
    return family.checklist.current_answers().select_related("question").order_by("pk")[0]


@pytest.fixture
def reviewed(family: Family) -> tuple[Family, str, str]:
    answer = first_answer(family)
    family.checklist.child_name = "Sam"
    family.checklist.save()
    save(family, answer, response="Bone marrow, fresh", notes="They seemed unsure")
    plain = make_link(family, "Dr Ruiz, neurologist")
    full = make_link(family, "Ana, advocate", show_notes="on", show_child="on")
    return family, plain, full


def test_a_review_link_is_shown_once_and_only_its_hash_is_kept(reviewed):
    family, plain, _full = reviewed
    token = plain.split("/")[2]
    assert len(token) == 43
    link = ReviewLink.objects.get(reviewer="Dr Ruiz, neurologist")
    assert token not in link.token_hash
    assert timedelta(days=6) < link.expires - timezone.now() <= timedelta(days=7)
    assert token not in family.client.get(family.url("reviews/")).content.decode()


def test_each_reviewer_sees_only_what_was_shared_with_them(reviewed):
    _family, plain, full = reviewed
    page = html.unescape(Client().get(plain).content.decode())
    assert "A family's checklist, for your review" in page
    assert "Bone marrow, fresh" in page and "Clinic A" in page
    assert "They seemed unsure" not in page and "Sam" not in page
    assert "does not give medical advice" in page
    page = html.unescape(Client().get(full).content.decode())
    assert "Sam's checklist, for your review" in page
    assert "They seemed unsure" in page


def test_a_comment_reaches_the_family_beside_its_question_and_can_be_marked_read(reviewed):
    family, plain, _full = reviewed
    answer = first_answer(family)
    reviewer = Client()
    response = reviewer.post(
        plain,
        {"answer": answer.pk, f"c{answer.pk}-name": "Dr Ruiz", f"c{answer.pk}-text": "Ask why."},
    )
    assert response.status_code == 302
    reviewer.post(plain, {"overall-name": "Dr Ruiz", "overall-text": "Bring the consent form."})
    review = family.client.get(family.url("review/")).content.decode()
    item = review[review.index(f'id="a{answer.pk}"') :]
    assert "Ask why." in item[: item.index("</li>")]
    listing = family.client.get(family.url("reviews/")).content.decode()
    assert "Bring the consent form." in listing and "Mark as read" in listing
    comment = ReviewComment.objects.get(text="Ask why.")
    family.client.post(family.url(f"comments/{comment.pk}/read/"))
    comment.refresh_from_db()
    assert comment.is_read
    # Each reviewer sees their own comments, not the other's.
    assert "Ask why." in reviewer.get(plain).content.decode()
    assert "Ask why." not in Client().get(reviewed[2]).content.decode()


def test_a_reviewer_can_change_nothing_else(reviewed, other_family):
    family, plain, _full = reviewed
    token = plain.split("/")[2]
    answer = first_answer(family)
    reviewer = Client()
    for path in ["", "review/", "export.json", "rotate/", "delete/", "clinics/", "reviews/"]:
        assert reviewer.get(f"/c/{token}/{path}").status_code == 404, path
    for path in [f"a/{answer.pk}/", "rotate/", "delete/", "choose/", "clinics/", "reviews/"]:
        assert reviewer.post(f"/c/{token}/{path}", {"a1-included": "on"}).status_code == 404
    assert reviewer.get("/mine/").content.decode().count("/c/") == 0
    theirs = first_answer(other_family)
    prefix = f"c{theirs.pk}"
    reviewer.post(plain, {"answer": theirs.pk, f"{prefix}-name": "X", f"{prefix}-text": "Y"})
    assert not ReviewComment.objects.exists()
    family.checklist.refresh_from_db()
    assert first_answer(family).response == "Bone marrow, fresh"


def test_shut_expired_and_made_up_links_are_the_same_404(reviewed):
    family, plain, full = reviewed
    link = ReviewLink.objects.get(reviewer="Dr Ruiz, neurologist")
    family.client.post(family.url(f"reviews/{link.pk}/shut/"))
    shut = Client().get(plain)
    ReviewLink.objects.filter(reviewer="Ana, advocate").update(expires=timezone.now())
    expired = Client().get(full)
    made_up = Client().get("/r/" + "x" * 43 + "/")
    assert shut.status_code == expired.status_code == made_up.status_code == 404
    # The same page, but for the address asked and the per-request nonce and CSRF token.
    varying = r'(nonce="|value="|"X-CSRFToken": ")[^"]+'
    pages = {re.sub(varying, "", r.content.decode()) for r in [shut, expired, made_up]}
    assert len(pages) == 1
    assert "Shut: it no longer opens." in family.client.get(family.url("reviews/")).content.decode()


def test_the_reviewer_page_is_never_stored_and_never_sends_its_address(reviewed):
    _family, plain, _full = reviewed
    response = Client().get(plain)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"
    link = ReviewLink.objects.get(reviewer="Dr Ruiz, neurologist")
    assert link.last_opened is not None


def test_delete_removes_the_links_and_comments_and_export_holds_them(reviewed):
    family, plain, _full = reviewed
    Client().post(plain, {"overall-name": "Dr Ruiz", "overall-text": "Fine questions."})
    data = json.loads(family.client.get(family.url("export.json")).content)
    comments = [c["comment"] for link in data["review_links"] for c in link["comments"]]
    assert comments == ["Fine questions."]
    family.client.post(family.url("delete/"))
    assert not ReviewLink.objects.exists() and not ReviewComment.objects.exists()
    assert Client().get(plain).status_code == 404


def test_a_comment_too_long_or_empty_gets_a_message_next_to_its_field(reviewed):
    _family, plain, _full = reviewed
    page = (
        Client()
        .post(plain, {"overall-name": "Dr Ruiz", "overall-text": "x" * 2001})
        .content.decode()
    )
    assert 'id="id_overall-text_error"' in page
    assert "x" * 2001 in page  # what they typed is still there
    page = Client().post(plain, {"overall-name": "", "overall-text": ""}).content.decode()
    assert 'id="id_overall-name_error"' in page
    assert not ReviewComment.objects.exists()


def test_comments_are_limited_per_network(reviewed, settings):
    _family, plain, _full = reviewed
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "comment": "2/h"}
    cache.clear()
    for n in range(3):
        Client().post(plain, {"overall-name": "A", "overall-text": f"Note {n}"})
    assert ReviewComment.objects.count() == 2


@FUZZ
@given(name=st.text(max_size=150), text=st.text(max_size=2100))
def test_hostile_comments_never_break_and_never_render_as_markup(reviewed, name, text):
    cache.clear()
    _family, plain, _full = reviewed
    client = Client()
    response = client.post(plain, {"overall-name": name, "overall-text": text})
    assert response.status_code in (200, 302)
    page = client.get(plain).content.decode()
    assert "<script>alert" not in page


def test_markup_in_a_comment_is_shown_as_text(reviewed):
    family, plain, _full = reviewed
    Client().post(plain, {"overall-name": "<b>Dr</b>", "overall-text": "<script>alert(1)</script>"})
    page = family.client.get(family.url("reviews/")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_the_answers_record_holds_the_comments_when_the_family_chooses(reviewed):
    family, plain, _full = reviewed
    answer = first_answer(family)
    Client().post(
        plain,
        {"answer": answer.pk, f"c{answer.pk}-name": "Dr Ruiz", f"c{answer.pk}-text": "Ask why."},
    )
    Client().post(plain, {"overall-name": "Dr Ruiz", "overall-text": "Bring the consent form."})
    record = family.client.get(family.url("print/answers")).content.decode()
    assert "Ask why." not in record and "Bring the consent form." not in record
    options = family.client.get(family.url("print-options/")).content.decode()
    assert "Add the comments of the people who reviewed it" in options
    family.checklist.print_comments = True
    family.checklist.save()
    record = family.client.get(family.url("print/answers")).content.decode()
    assert "Comment from Dr Ruiz, neurologist:" in record and "Ask why." in record
    assert "Bring the consent form." in record
    assert "Ask why." not in family.client.get(family.url("print/clinic")).content.decode()
    pdf = family.client.get(family.url("pdf/answers"))
    assert "Askwhy." in squeezed(pdf_text(pdf.content))
