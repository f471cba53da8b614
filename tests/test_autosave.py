import re

from tests.factory import answer_fields, save


def an_answer(family):
    return family.checklist.answers.order_by("pk").first()


def test_it_saves_one_question_and_says_saved(family):
    answer = an_answer(family)
    response = save(family, answer, response="Fresh, from his own blood.", rating="vague")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Saved" in page
    assert f'name="a{answer.pk}-revision" value="2"' in page
    answer.refresh_from_db()
    assert (answer.response, answer.rating, answer.revision) == (
        "Fresh, from his own blood.",
        "vague",
        2,
    )


def test_the_reply_is_small_and_holds_no_page_around_it(family):
    response = save(family, an_answer(family), response="Short")
    assert b"<html" not in response.content
    assert len(response.content) < 2000


def test_starring_and_skipping_save_at_once(family):
    answer = an_answer(family)
    save(family, answer, starred=False, included=False)
    answer.refresh_from_db()
    assert not answer.starred and not answer.included
    save(family, answer, starred=True, included=True)
    answer.refresh_from_db()
    assert answer.starred and answer.included


def test_a_starred_question_is_asked_even_if_its_tick_was_left_off(family):
    answer = an_answer(family)
    save(family, answer, starred=True, included=False)
    answer.refresh_from_db()
    assert answer.starred and answer.included
    review = family.client.get(family.url("review/")).content.decode()
    first = review.split("Ask these first", 1)[1].split("</ol>", 1)[0]
    assert answer.question.text.replace("'", "&#x27;") in first


def test_sending_the_same_save_twice_changes_nothing_the_second_time(family):
    answer = an_answer(family)
    save(family, answer, response="Same text")
    response = save(family, answer, response="Same text")  # a retry after a lost reply
    assert "Saved" in response.content.decode()
    answer.refresh_from_db()
    assert answer.revision == 2


def test_a_later_save_from_the_same_page_is_not_a_conflict_even_if_a_reply_was_lost(family):
    answer = an_answer(family)
    save(family, answer, page_render="aaaa", response="First words")
    # The reply never arrived, so the page still says revision 1.
    response = save(family, answer, page_render="aaaa", response="First words and more")
    assert "Saved" in response.content.decode()
    answer.refresh_from_db()
    assert answer.response == "First words and more"


def test_a_save_from_another_device_that_missed_a_change_shows_both(family):
    answer = an_answer(family)
    save(family, answer, page_render="aaaa", response="Typed on the phone")
    response = save(family, answer, page_render="bbbb", response="Typed on the laptop")
    page = response.content.decode()
    assert "also changed on another device" in page
    assert "Typed on the phone" in page
    assert "Saved" not in page
    answer.refresh_from_db()
    assert answer.response == "Typed on the phone"


def test_a_too_long_answer_gets_a_message_next_to_the_field_and_is_not_saved(family):
    answer = an_answer(family)
    response = save(family, answer, notes="n" * 4001)
    page = response.content.decode()
    assert (
        f'id="id_a{answer.pk}-notes_error" hx-swap-oob="true">Ensure this value has at most 4000'
        in page
    )
    assert "Not saved" in page
    answer.refresh_from_db()
    assert answer.notes == ""


def test_notes_keep_line_breaks_and_tabs_but_no_control_characters(family):
    answer = an_answer(family)
    assert "Not saved" in save(family, answer, notes="Bell\x07").content.decode()
    answer.refresh_from_db()
    assert answer.notes == ""
    assert "Saved" in save(family, answer, notes="Line one\r\n\tLine two").content.decode()
    answer.refresh_from_db()
    assert answer.notes == "Line one\r\n\tLine two"


def test_a_made_up_rating_is_refused(family):
    answer = an_answer(family)
    response = save(family, answer, rating="excellent")
    assert "Select a valid choice" in response.content.decode()
    answer.refresh_from_db()
    assert answer.rating == "not_asked"


def test_without_javascript_it_saves_and_returns_to_the_question(family):
    answer = an_answer(family)
    response = save(family, answer, htmx=False, response="Plain form")
    assert response.status_code == 302
    assert response["Location"] == family.url(f"s/1/#a{answer.pk}")
    answer.refresh_from_db()
    assert answer.response == "Plain form"


def test_a_saved_answer_is_there_after_a_reload(family):
    answer = an_answer(family)
    save(family, answer, response="Still here after reload", notes="And my notes")
    page = family.client.get(family.url("s/1/")).content.decode()
    assert "Still here after reload" in page
    assert "And my notes" in page


def test_it_refuses_get(family):
    assert family.client.get(family.url(f"a/{an_answer(family).pk}/")).status_code == 405


def test_it_needs_the_csrf_token(family):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    answer = an_answer(family)
    response = client.post(family.url(f"a/{answer.pk}/"), answer_fields(answer, response="x"))
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.response == ""


def test_after_a_conflict_only_keeping_my_version_overwrites_the_other(family):
    answer = an_answer(family)
    save(family, answer, page_render="aaaa", response="Typed on the phone")
    page = save(family, answer, page_render="bbbb", response="Laptop").content.decode()
    # The page keeps its old revision: typing on does not overwrite the phone's answer...
    assert f'name="a{answer.pk}-revision" value="1"' in page
    save(family, answer, page_render="bbbb", response="Laptop, more")
    answer.refresh_from_db()
    assert answer.response == "Typed on the phone"
    # ...only the "Keep my version" button, which carries the latest revision, does.
    assert f'name="a{answer.pk}-revision" value="2">Keep my version' in page
    save(family, answer, page_render="bbbb", response="Laptop, more")  # answer now at revision 2
    answer.refresh_from_db()
    assert answer.response == "Laptop, more"


def test_writing_down_an_answer_marks_it_answered_to_rate_later(family):
    answer = an_answer(family)
    page = save(family, answer, response="From his own blood, they said.").content.decode()
    answer.refresh_from_db()
    assert answer.rating == "answered"
    # The page's choice follows at once, in place.
    rating = page[page.index(f'id="a{answer.pk}-rating"') :]
    assert 'hx-swap-oob="true"' in rating[:80]
    assert re.search(r'value="answered"[^>]*checked', rating)
    save(family, answer, response="", rating="answered")
    answer.refresh_from_db()
    assert answer.rating == "not_asked"


def test_a_rating_chosen_stays_when_an_answer_is_written(family):
    answer = an_answer(family)
    save(family, answer, response="They will email the study.", rating="later")
    answer.refresh_from_db()
    assert answer.rating == "later"


def test_unticking_a_question_updates_the_count_on_the_page(family):
    answer = an_answer(family)
    page = save(family, answer, included=False).content.decode()
    assert 'id="chosen-bar" hx-swap-oob="true"' in page
    assert "5 questions" in page
    page = save(family, answer, included=False, notes="still out").content.decode()
    assert "chosen-bar" not in page  # nothing changed in the count
