from tests.factory import save


def test_top_priorities_come_first_then_the_rest_by_section(family):
    answers = list(family.checklist.answers.order_by("section__position", "position"))
    save(family, answers[4], starred=True)  # section 3
    save(family, answers[1], included=False)
    page = family.client.get(family.url("review/")).content.decode()
    assert page.index("Top priorities") < page.index("Question 1 of section 3?")
    assert page.index("Question 1 of section 3?") < page.index("Question 1 of section 1?")
    assert page.index("Question 1 of section 1?") < page.index("Question 1 of section 2?")
    assert "Question 2 of section 1?" not in page
    assert "You chose 5 questions to ask." in page
    assert "1 skipped." in page


def test_it_counts_the_answers_by_how_clear_they_were(family):
    answers = list(family.checklist.answers.order_by("pk"))
    save(family, answers[0], rating="clear")
    save(family, answers[1], rating="vague")
    save(family, answers[2], rating="refused")
    save(family, answers[3], rating="refused")
    page = family.client.get(family.url("review/")).content.decode()
    for count, label in [(1, "Clear"), (1, "Vague"), (2, "Refused"), (2, "Not asked yet")]:
        assert f'<span class="count">{count}</span> {label}' in page


def test_it_links_back_to_each_section_and_to_the_pdf(family):
    page = family.client.get(family.url("review/")).content.decode()
    for n in (1, 2, 3):
        assert f'href="{family.url(f"s/{n}/")}"' in page
    assert f'href="{family.url("print-options/")}"' in page


def test_head_is_answered_like_get_without_a_body(family):
    response = family.client.head(family.url("review/"))
    assert response.status_code == 200 and response.content == b""
