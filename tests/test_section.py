import re

from django.test import Client

from checklist.models import MAX_OWN_QUESTIONS, Answer
from tests.factory import answer_fields, make_guide, section_fields, start_checklist


def first_answer(family, number=1):
    return family.checklist.answers.filter(section__position=number).order_by("position").first()


def test_it_shows_progress_and_the_questions_with_their_notes(family):
    page = family.client.get(family.url("s/2/")).content.decode()
    assert "Section 2 of 3" in page
    assert '<progress max="3" value="2"' in page
    assert "Question 1 of section 2?" in page and "Question 2 of section 2?" in page
    # One fold per question holds all the guide says about it.
    assert page.count("<summary>About this question</summary>") == 2
    for label in ["Why ask", "A clear answer", "Warning signs", "Sources"]:
        assert f"<dt>{label}</dt>" in page
    assert "Why question 2.1 matters." in page
    assert "A made-up source, 2025." in page
    assert ">Back<" in page and ">Next<" in page
    # The count of chosen questions shows once, in the bar, not beside every question.
    assert page.count('id="chosen-bar"') == 1


def test_the_last_section_leads_to_the_review(family):
    page = family.client.get(family.url("s/3/")).content.decode()
    assert "Section 3 of 3" in page
    assert ">Review<" in page


def test_a_section_that_does_not_exist_is_not_found(family):
    assert family.client.get(family.url("s/0/")).status_code == 404
    assert family.client.get(family.url("s/4/")).status_code == 404


def test_next_saves_every_question_on_the_page_and_moves_on(family):
    answer = first_answer(family)
    data = section_fields(family.checklist, 1, go="next")
    data |= answer_fields(
        answer, starred=True, response="Cord blood, from a donor.", rating="clear"
    )
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code == 302
    assert response["Location"] == family.url("s/2/")
    answer.refresh_from_db()
    assert answer.starred
    assert answer.response == "Cord blood, from a donor."
    assert answer.rating == "clear"
    assert answer.revision == 2


def test_back_saves_and_goes_to_the_section_before(family):
    answer = first_answer(family, 2)
    data = section_fields(family.checklist, 2, go="back")
    data |= answer_fields(answer, notes="Ask about this twice.")
    response = family.client.post(family.url("s/2/"), data)
    assert response["Location"] == family.url("s/1/")
    answer.refresh_from_db()
    assert answer.notes == "Ask about this twice."


def test_back_from_the_first_section_goes_to_the_checklist(family):
    response = family.client.post(
        family.url("s/1/"), section_fields(family.checklist, 1, go="back")
    )
    assert response["Location"] == family.url()


def test_next_from_the_last_section_goes_to_the_review(family):
    response = family.client.post(
        family.url("s/3/"), section_fields(family.checklist, 3, go="next")
    )
    assert response["Location"] == family.url("review/")


def test_unticking_a_question_skips_it(family):
    answer = first_answer(family)
    data = section_fields(family.checklist, 1, go="next")
    del data[f"a{answer.pk}-included"]  # an unticked box sends nothing
    family.client.post(family.url("s/1/"), data)
    answer.refresh_from_db()
    assert not answer.included


def test_a_too_long_answer_is_refused_next_to_its_field_and_everything_typed_stays(family):
    first, second = family.checklist.answers.filter(section__position=1).order_by("position")
    data = section_fields(family.checklist, 1, go="next")
    data |= answer_fields(first, response="x" * 4001)
    data |= answer_fields(second, notes="My notes that must not be lost")
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f'id="id_a{first.pk}-response_error">Ensure this value has at most 4000 characters' in page
    )
    assert "My notes that must not be lost" in page
    second.refresh_from_db()
    assert second.notes == ""  # nothing is half-saved: the family fixes the error and saves again


def test_the_family_adds_their_own_question(family):
    data = section_fields(family.checklist, 2, go="add")
    data["new-own_question"] = "Can we talk to other families you treated?"
    response = family.client.post(family.url("s/2/"), data)
    assert response["Location"] == family.url("s/2/") + "#own"
    own = Answer.objects.get(checklist=family.checklist, question=None)
    assert own.section.position == 2
    page = family.client.get(family.url("s/2/")).content.decode()
    assert "Can we talk to other families you treated?" in page
    assert "Delete this question" in page


def add_own_questions(checklist, count, number=1):
    section = checklist.version.sections.get(position=number)
    Answer.objects.bulk_create(
        Answer(
            checklist=checklist,
            clinic=checklist.clinic,
            section=section,
            own_question=f"Mine {n}?",
            own_key=100 * number + n,
            position=100 + n,
        )
        for n in range(count)
    )


def test_every_screen_counts_the_family_s_own_questions_and_not_the_items_for_them(client, builtin):
    token, checklist = start_checklist(client, "stem-cells-cp")
    add_own_questions(checklist, 2)
    # The core questions come ticked, and so do the items for the family, which are not
    # questions for the clinic.
    asked = builtin.questions.filter(core=True, kind="clinic").count() + 2
    assert checklist.answers.filter(included=True, question__kind="family").exists()
    for page in ("", "s/1/", "choose/", "review/"):
        html = client.get(f"/c/{token}/{page}").content.decode()
        assert f"{asked} questions ·" in html, page
    html = client.get(f"/c/{token}/print-options/").content.decode()
    assert f"your {asked} questions with lines" in html


def test_own_questions_stop_at_the_limit_with_a_message_next_to_the_field(family):
    add_own_questions(family.checklist, MAX_OWN_QUESTIONS - 1, number=2)
    data = section_fields(family.checklist, 1, go="add", **{"new-own_question": "The last?"})
    assert family.client.post(family.url("s/1/"), data).status_code == 302
    message = f"You have written {MAX_OWN_QUESTIONS} questions of your own, the most"
    assert message in family.client.get(family.url("s/3/")).content.decode()
    data = section_fields(family.checklist, 1, go="add", **{"new-own_question": "One more?"})
    page = family.client.post(family.url("s/1/"), data).content.decode()
    assert message in page and "One more?" in page
    assert family.checklist.own_question_count() == MAX_OWN_QUESTIONS


def test_the_largest_section_page_saves_whole_without_javascript(db):
    make_guide("long-guide", sections=1, questions=50)
    client = Client()
    token, checklist = start_checklist(client, "long-guide")
    add_own_questions(checklist, MAX_OWN_QUESTIONS)
    checklist.answers.update(starred=True)  # every tick box is sent
    last = checklist.answers.latest("position")
    data = section_fields(checklist, 1, go="next") | answer_fields(last, notes="Kept")
    assert len(data) == 50 * 7 + MAX_OWN_QUESTIONS * 8 + 2
    response = client.post(f"/c/{token}/s/1/", data)
    assert response.status_code == 302
    last.refresh_from_db()
    assert last.notes == "Kept"


def test_the_family_edits_their_own_question(family):
    data = section_fields(family.checklist, 1, go="add", **{"new-own_question": "First try"})
    family.client.post(family.url("s/1/"), data)
    own = Answer.objects.get(question=None)
    data = section_fields(family.checklist, 1, go="next")
    data |= answer_fields(own, own_question="Better wording")
    family.client.post(family.url("s/1/"), data)
    own.refresh_from_db()
    assert own.own_question == "Better wording"


def test_an_own_question_cannot_be_emptied(family):
    family.client.post(
        family.url("s/1/"),
        section_fields(family.checklist, 1, go="add", **{"new-own_question": "Q?"}),
    )
    own = Answer.objects.get(question=None)
    data = section_fields(family.checklist, 1, go="next") | answer_fields(own, own_question="")
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    own.refresh_from_db()
    assert own.own_question == "Q?"


def test_an_own_question_that_is_too_long_is_refused(family):
    data = section_fields(family.checklist, 1, go="add", **{"new-own_question": "q" * 301})
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code == 200
    assert "at most 300 characters" in response.content.decode()
    assert not Answer.objects.filter(question=None).exists()


def test_deleting_an_own_question_asks_first(family):
    family.client.post(
        family.url("s/1/"),
        section_fields(family.checklist, 1, go="add", **{"new-own_question": "Mine?"}),
    )
    own = Answer.objects.get(question=None)
    data = section_fields(family.checklist, 1, go=f"delete-{own.pk}")
    response = family.client.post(family.url("s/1/"), data)
    assert response["Location"] == family.url(f"a/{own.pk}/delete/")
    page = family.client.get(response["Location"]).content.decode()
    assert "Delete your question?" in page and "Mine?" in page
    assert Answer.objects.filter(pk=own.pk).exists()
    response = family.client.post(family.url(f"a/{own.pk}/delete/"))
    assert response["Location"] == family.url("s/1/") + "#own"
    assert not Answer.objects.filter(pk=own.pk).exists()


def test_a_guide_question_cannot_be_deleted(family):
    answer = first_answer(family)
    assert family.client.post(family.url(f"a/{answer.pk}/delete/")).status_code == 404
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_a_save_from_a_stale_page_shows_both_versions_instead_of_overwriting(family):
    answer = first_answer(family)
    # Another device saves first.
    family.client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(answer, page_render="beef", response="From the phone"),
        HTTP_HX_REQUEST="true",
    )
    data = section_fields(family.checklist, 1, go="next")
    data |= answer_fields(
        answer, page_render="cafe", response="From the laptop"
    )  # still revision 1
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "also changed on another device" in page
    assert "From the phone" in page and "From the laptop" in page
    answer.refresh_from_db()
    assert answer.response == "From the phone"
    # Keeping their version is a deliberate second save, which now wins.
    data = section_fields(family.checklist, 1, go="save")
    data |= answer_fields(answer, page_render="cafe", response="From the laptop")
    family.client.post(family.url("s/1/"), data)
    answer.refresh_from_db()
    assert answer.response == "From the laptop"


def test_head_is_answered_like_get_without_a_body(family):
    response = family.client.head(family.url("s/1/"))
    assert response.status_code == 200 and response.content == b""


def test_a_question_shows_what_clinics_say_apart_from_its_sources(client, builtin):
    token, _checklist = start_checklist(client, "stem-cells-cp")
    number = builtin.sections.get(key="fresh-or-frozen").position
    page = client.get(f"/c/{token}/s/{number}/").content.decode()
    fold = page[page.index("Will my child get fresh or frozen cells?") :]
    fold = fold[: fold.index("</details>")]
    claim = fold[fold.index("<dt>What clinics say</dt>") : fold.index("<dt>Sources</dt>")]
    assert "advice to families (2025)" in claim
    sources = fold[fold.index("<dt>Sources</dt>") :]
    assert "advice to families" not in sources and "doi.org" in sources


def test_glossary_terms_open_their_definition_in_place(client, builtin):
    token, _checklist = start_checklist(client, "stem-cells-cp")
    page = client.get(f"/c/{token}/s/1/").content.decode()
    button = re.search(r'<button type="button" class="term" popovertarget="(term-[\d-]+)">', page)
    assert button is not None
    definition = re.search(rf'<span class="definition" id="{button[1]}" popover>(.*?)</span>', page)
    assert definition is not None and "<strong>" in definition[1]
    # Every question's fold on one page: each definition has its own id, for a second visit
    # too (the folds are kept once rendered).
    for _visit in range(2):
        page = client.get(f"/c/{token}/choose/").content.decode()
        ids = re.findall(r'<span class="definition" id="([^"]+)" popover>', page)
        assert len(ids) > 20 and len(set(ids)) == len(ids)


def test_items_for_the_family_have_a_done_tick_and_a_note_never_a_rating(client, builtin):
    token, checklist = start_checklist(client, "stem-cells-cp")
    number = builtin.sections.get(key="what-matters").position
    page = client.get(f"/c/{token}/s/{number}/").content.decode()
    assert "These are for you, not for the clinic." in page
    assert "Our notes" in page and ">Done<" in page.replace(" Done<", ">Done<")
    assert "How was the answer?" not in page and "The clinic&#x27;s answer" not in page
    item = checklist.answers.get(question__key="goals-for-child")
    response = client.post(
        f"/c/{token}/a/{item.pk}/",
        answer_fields(item, done=True, notes="Walking with a frame.", rating="clear"),
        HTTP_HX_REQUEST="true",
    )
    assert "Saved" in response.content.decode()
    # Nothing is sent for a rating the page does not have.
    assert "-rating" not in response.content.decode()
    item.refresh_from_db()
    assert item.done and item.notes == "Walking with a frame."
    assert item.rating == "not_asked" and item.included
