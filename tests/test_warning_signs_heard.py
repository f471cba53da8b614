"""The family marks where they heard a warning sign in the clinic's answer: kept with the
answer, shown on the review, listed in the answers record, never on the clinic's copy."""

import json

from django.test import Client

from tests.conftest import Family
from tests.factory import answer_fields, save, section_fields, start_checklist
from tests.printouts import pdf_text


def first_answer(family):
    return family.checklist.answers.order_by("pk").first()


def test_ticking_it_saves_at_once_and_the_review_says_so(family):
    answer = first_answer(family)
    response = save(family, answer, response="Only stories, no numbers.", warning_heard=True)
    assert "Saved" in response.content.decode()
    answer.refresh_from_db()
    assert answer.warning_heard
    review = family.client.get(family.url("review/")).content.decode()
    assert "You heard a warning sign here" in review


def test_it_is_kept_without_javascript_too(family):
    answer = first_answer(family)
    data = section_fields(family.checklist, 1, go="next")
    data |= answer_fields(answer, warning_heard=True)
    assert family.client.post(family.url("s/1/"), data).status_code == 302
    answer.refresh_from_db()
    assert answer.warning_heard
    page = family.client.get(family.url("s/1/")).content.decode()
    assert f'name="a{answer.pk}-warning_heard" id="id_a{answer.pk}-warning_heard" checked' in page


def test_the_answers_record_lists_where_a_warning_sign_was_heard(family):
    answer = first_answer(family)
    save(family, answer, response="Only stories.", warning_heard=True)
    text = " ".join(pdf_text(family.client.get(family.url("pdf/answers")).content).split())
    assert f"Where we heard a warning sign 1. {answer.text}" in text
    assert "The answer was: Answered, not rated yet · We heard a warning sign here" in text
    clinic_copy = family.client.get(family.url("pdf/clinic")).content
    assert "warning sign" not in " ".join(pdf_text(clinic_copy).split())


def test_the_export_holds_it(family):
    answer = first_answer(family)
    save(family, answer, warning_heard=True)
    exported = json.loads(family.client.get(family.url("export.json")).content)
    assert [a["warning_sign_heard"] for a in exported["clinics"][0]["answers"]].count(True) == 1


def test_an_item_for_the_family_has_no_warning_sign_to_hear(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    family = Family(client, token, checklist)
    item = checklist.answers.filter(question__kind="family")[0]
    save(family, item, done=True, warning_heard=True)
    item.refresh_from_db()
    assert item.done and not item.warning_heard
