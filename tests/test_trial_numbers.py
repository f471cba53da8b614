"""A trial registration number in the clinic's answer: found, named by its registry, linked
to the WHO's trial search so the family can check it, and a wrong one shown as wrong."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from checklist.registries import CTIS, EUDRACT, REGISTRIES, find
from tests.conftest import Family
from tests.factory import save, start_checklist
from tests.printouts import pdf_links, pdf_text

WHO = "https://trialsearch.who.int/Trial2.aspx?TrialID="


@pytest.mark.parametrize("registry", [*REGISTRIES, EUDRACT, CTIS], ids=lambda r: r.name)
def test_each_registrys_numbers_are_found_in_a_sentence(registry):
    found = find(f"They said it is {registry.example}, on the register.")
    assert [(r.number, r.registry, r.well_formed) for r in found] == [
        (registry.example, registry, True)
    ]


def test_numbers_as_a_family_types_them_are_written_as_the_registry_does():
    found = find("nct 01234567 or NCT-01234567; ChiCTR-TRC-12002345 and rbr-3T8RHM")
    assert [r.number for r in found] == ["NCT01234567", "ChiCTR-TRC-12002345", "RBR-3t8rhm"]
    assert all(r.well_formed for r in found)


def test_a_number_in_the_wrong_form_is_kept_and_said_to_be_wrong():
    (short,) = find("El número es NCT0123456.")
    assert (short.number, short.registry.name, short.well_formed) == (
        "NCT0123456",
        "ClinicalTrials.gov",
        False,
    )


def test_words_and_dates_are_not_numbers():
    assert find("The NCT number will come later, on 2026-12-01, at 10:30.") == []


@given(st.text(), st.sampled_from([*REGISTRIES, EUDRACT, CTIS]), st.text())
def test_any_text_around_a_number_never_hides_it_or_breaks_the_search(before, registry, after):
    found = find(f"{before} {registry.example} {after}")
    assert registry.example in [r.number for r in found if r.well_formed]


@pytest.fixture
def trial_question(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    family = Family(client, token, checklist)
    return family, checklist.answers.get(question__key="registration-number")


def test_the_family_sees_where_to_check_the_number_as_soon_as_it_is_saved(trial_question):
    family, answer = trial_question
    page = save(family, answer, response="Dijeron NCT01234567.").content.decode()
    assert f'href="{WHO}NCT01234567" rel="noopener noreferrer"' in page
    assert "NCT01234567 has the form the ClinicalTrials.gov registry uses." in page
    assert 'hx-swap-oob="true"' in page

    page = save(family, answer, response="NCT0123456", revision=2).content.decode()
    assert "“NCT0123456” is not in the form the ClinicalTrials.gov registry uses" in page
    assert WHO not in page


def test_the_section_page_and_the_review_show_the_check_without_javascript(trial_question):
    family, answer = trial_question
    save(family, answer, htmx=False, response="ISRCTN12345678")
    number = list(family.checklist.version.sections.all()).index(answer.section) + 1
    section = family.client.get(family.url(f"s/{number}/")).content.decode()
    assert f"{WHO}ISRCTN12345678" in section
    assert f"{WHO}ISRCTN12345678" in family.client.get(family.url("review/")).content.decode()


def test_an_answer_without_a_number_says_a_registered_trial_has_one(trial_question):
    family, answer = trial_question
    page = save(family, answer, response="It is a study, they said.").content.decode()
    assert "No trial number in this answer." in page


def test_other_questions_are_not_checked_for_numbers(trial_question):
    family, answer = trial_question
    other = family.checklist.answers.exclude(pk=answer.pk).filter(question__isnull=False)[0]
    page = save(family, other, response="NCT0123456").content.decode()
    assert "is not in the form" not in page and "trial-numbers" not in page


def test_the_answers_record_prints_the_number_and_where_to_check_it(trial_question):
    family, answer = trial_question
    save(family, answer, response="NCT01234567 and NCT999")
    pdf = family.client.get(family.url("pdf/answers")).content
    text = " ".join(pdf_text(pdf).split())
    assert (
        "NCT01234567 has the form the ClinicalTrials.gov registry uses. "
        "Look it up on the WHO trial search (trialsearch.who.int)." in text
    )
    assert f"{WHO}NCT01234567" in pdf_links(pdf)
    assert "“NCT999” is not in the form the ClinicalTrials.gov registry uses" in text
