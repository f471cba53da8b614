"""Choose your questions: every question on one page, by section, ticked or not in one tap,
with and without JavaScript; the core questions come ticked."""

from checklist.models import Answer
from tests.factory import start_checklist


def test_every_question_is_listed_by_section_with_one_fold_each(client, builtin):
    token, _checklist = start_checklist(client, "stem-cells-cp")
    page = client.get(f"/c/{token}/choose/").content.decode()
    clinic = builtin.questions.filter(kind="clinic")
    for question in clinic:
        assert question.text.replace("'", "&#x27;") in page
    assert page.count("<summary>About this question</summary>") == clinic.count()
    # Items for the family are not questions to choose; a link leads to them.
    assert "What do you most hope will change" not in page
    assert "Before you choose: what matters to your family" in page
    core = builtin.questions.filter(core=True).count()
    assert "The questions that protect your child most come ticked." in page
    assert page.count('-included" checked>') == core


def test_a_tick_saves_at_once_and_the_count_follows(client, builtin):
    token, checklist = start_checklist(client, "stem-cells-cp")
    answer = checklist.answers.filter(included=False, question__kind="clinic").first()
    assert answer is not None
    before = checklist.chosen_count()
    response = client.post(
        f"/c/{token}/a/{answer.pk}/choice/",
        {f"a{answer.pk}-included": "on", f"a{answer.pk}-starred": "on"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "Saved" in page
    assert 'id="chosen-bar" hx-swap-oob="true"' in page and f"{before + 1} questions" in page
    answer.refresh_from_db()
    assert answer.included and answer.starred
    # A tick never counts as a change of text: pages open elsewhere see no conflict.
    assert answer.revision == 1


def test_without_javascript_the_buttons_save_every_tick(client, small_guide):
    token, checklist = start_checklist(client, "test-guide")
    answers = list(checklist.answers.order_by("pk"))
    data = {f"a{answers[0].pk}-included": "on", f"a{answers[1].pk}-starred": "on"}
    response = client.post(f"/c/{token}/choose/", data | {"go": "print"})
    assert response["Location"] == f"/c/{token}/print-options/"
    saved = {a.pk: (a.included, a.starred) for a in Answer.objects.filter(checklist=checklist)}
    assert saved[answers[0].pk] == (True, False)
    # A star is a question to ask first, ticked or not.
    assert saved[answers[1].pk] == (True, True)
    chosen = {answers[0].pk, answers[1].pk}
    assert all(not included for pk, (included, _s) in saved.items() if pk not in chosen)
    response = client.post(f"/c/{token}/choose/", data | {"go": "review"})
    assert response["Location"] == f"/c/{token}/review/"


def test_another_family_s_answer_cannot_be_ticked(client, family, other_family):
    answer = other_family.checklist.answers.first()
    assert answer is not None
    response = family.client.post(
        family.url(f"a/{answer.pk}/choice/"), {f"a{answer.pk}-included": ""}
    )
    assert response.status_code == 404
