"""The review: the chosen questions with where each answer stands, priorities first; the
questions left out, to add back; printing at the top and at the foot."""

from tests.factory import save, section_fields


def test_priorities_come_first_then_the_rest_in_guide_order(family):
    answers = list(family.checklist.answers.order_by("section__position", "position"))
    save(family, answers[4], starred=True)  # section 3
    save(family, answers[1], included=False)
    page = family.client.get(family.url("review/")).content.decode()
    assert page.index("Ask these first") < page.index("Question 1 of section 3?")
    assert page.index("Question 1 of section 3?") < page.index("Then these")
    assert page.index("Then these") < page.index("Question 1 of section 1?")
    assert page.index("Question 1 of section 1?") < page.index("Question 1 of section 2?")
    assert "5 questions · about 1 page · about 10 minutes to ask" in page


def test_a_question_left_out_is_listed_and_can_be_added_back(family):
    left_out = family.checklist.answers.order_by("pk")[1]
    save(family, left_out, included=False)
    page = family.client.get(family.url("review/")).content.decode()
    fold = page[page.index("1 question left out") :]
    assert "Question 2 of section 1?" in fold and "Add back" in fold
    response = family.client.post(
        family.url(f"a/{left_out.pk}/choice/"), {f"a{left_out.pk}-included": "on", "then": "review"}
    )
    assert response["Location"] == family.url("review/") + f"#a{left_out.pk}"
    left_out.refresh_from_db()
    assert left_out.included
    assert "left out" not in family.client.get(family.url("review/")).content.decode()


def test_it_counts_the_answers_by_how_clear_they_were_and_only_what_is_there(family):
    answers = list(family.checklist.answers.order_by("pk"))
    save(family, answers[0], rating="clear")
    save(family, answers[1], rating="partly")
    save(family, answers[2], rating="later")
    save(family, answers[3], response="They did not say.")  # written down, not rated yet
    page = family.client.get(family.url("review/")).content.decode()
    for count, label in [
        (1, "Clear"),
        (1, "Partly clear"),
        (1, "They will send it later"),
        (1, "Answered, not rated yet"),
        (2, "Not asked yet"),
    ]:
        assert f'<span class="count">{count}</span> {label}' in page
    assert "</span> Vague" not in page and "</span> Refused" not in page


def test_change_opens_the_question_and_leads_back_to_the_review(family):
    answer = family.checklist.answers.order_by("section__position", "position")[2]
    page = family.client.get(family.url("review/")).content.decode()
    change = family.url(f"s/2/?back=review&amp;at={answer.pk}#a{answer.pk}")
    assert f'href="{change}"' in page
    section = family.client.get(family.url(f"s/2/?back=review&at={answer.pk}")).content.decode()
    assert f'value="review-{answer.pk}">Back to the review' in section
    # Back at the question that was changed, not at the top of a long review.
    data = section_fields(family.checklist, 2, go=f"review-{answer.pk}")
    response = family.client.post(family.url("s/2/"), data)
    assert response["Location"] == family.url(f"review/#a{answer.pk}")
    assert "review-" not in family.client.get(family.url("s/2/?back=review&at=²")).content.decode()


def test_printing_is_offered_at_the_top_and_at_the_foot(family):
    page = family.client.get(family.url("review/")).content.decode()
    assert page.count(f'href="{family.url("print-options/")}"') >= 3  # top, foot, the bar
    top = page.index(f'href="{family.url("print-options/")}"')
    assert top < page.index("Question 1 of section 1?")


def test_head_is_answered_like_get_without_a_body(family):
    response = family.client.head(family.url("review/"))
    assert response.status_code == 200 and response.content == b""
