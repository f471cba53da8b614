"""What a clinic says it costs, part by part: amounts read as families type them, the total
named so far, and what has no price yet; on the section page, the review and the answers
record."""

from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from checklist.costs import parse_amount
from tests.conftest import Family
from tests.factory import answer_fields, save, section_fields, start_checklist
from tests.printouts import pdf_text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12000", "12000"),
        ("12,000", "12000"),
        ("12.000", "12000"),
        ("12,000.50", "12000.50"),
        ("12.000,50", "12000.50"),
        ("$ 9 500", "9500"),
        ("1'500", "1500"),
        ("€3.000", "3000"),
        ("1,5", "1.50"),
        ("0.500", "0.50"),
        ("1.500.000", "1500000"),
        ("₹ 1,50,000", "150000"),
        ("12,50,000.75", "1250000.75"),
    ],
)
def test_amounts_are_read_as_families_type_them(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "about 12000", "12,", "1,2.5", "12-000", "9" * 13])
def test_what_is_not_an_amount_in_figures_is_refused(typed):
    assert parse_amount(typed) is None


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_an_amount_written_the_english_or_the_spanish_way_reads_the_same(amount):
    english = f"{amount:,.2f}"
    spanish = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_amount(english) == amount
    assert parse_amount(spanish) == amount


@pytest.fixture
def costs_question(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    return Family(client, token, checklist), checklist.answers.get(question__key="total-cost")


def prices(answer, currency="USD", **amounts):
    fields = {"cost_currency": currency}
    return fields | {f"cost_{part}": amount for part, amount in amounts.items()}


def test_the_total_and_what_has_no_price_yet_show_as_soon_as_it_is_saved(costs_question):
    family, answer = costs_question
    page = save(
        family, answer, **prices(answer, "usd", treatment="12,000", cells="3000.50")
    ).content.decode()
    assert "Named so far: 15,000.50 USD in all." in page
    assert (
        "No price said yet for: Travel; Stay; Follow-up visits and tests; "
        "Care if something goes wrong." in page
    )
    answer.refresh_from_db()
    assert answer.costs == {
        "currency": "USD",
        "amounts": {"treatment": "12000.00", "cells": "3000.50"},
    }
    # Prices written down count as an answer, to be rated.
    assert answer.rating == "answered"


def test_a_price_that_is_not_in_figures_is_refused_next_to_its_field(costs_question):
    family, answer = costs_question
    number = list(family.checklist.version.sections.all()).index(answer.section) + 1
    data = section_fields(family.checklist, number, go="next")
    data |= answer_fields(answer, **prices(answer, treatment="about twelve thousand"))
    page = family.client.post(family.url(f"s/{number}/"), data).content.decode()
    assert (
        f'id="id_a{answer.pk}-cost_treatment_error">Write the amount in figures, such as 12000'
        in page
    )
    assert 'value="about twelve thousand"' in page  # what was typed stays
    answer.refresh_from_db()
    assert answer.costs == {}


def test_the_review_and_the_answers_record_show_the_prices(costs_question):
    family, answer = costs_question
    save(family, answer, **prices(answer, "EUR", treatment="9.500", travel="1.200"))
    review = family.client.get(family.url("review/")).content.decode()
    assert "Named so far: 10,700 EUR in all." in review
    text = " ".join(pdf_text(family.client.get(family.url("pdf/answers")).content).split())
    assert (
        "The price, part by part The treatment itself 9,500 EUR Travel 1,200 EUR "
        "In all, so far 10,700 EUR" in text
    )
    assert "No price said yet for: Collecting and making the cells; Stay;" in text


def test_amounts_follow_the_familys_language(costs_question):
    family, answer = costs_question
    save(family, answer, **prices(answer, "MXN", treatment="250000"))
    family.client.cookies["django_language"] = "es"
    family.checklist.language = "es"
    family.checklist.save()
    assert "250\u00a0000 MXN" in family.client.get(family.url("review/")).content.decode()


def test_the_export_holds_the_prices(costs_question):
    family, answer = costs_question
    save(family, answer, **prices(answer, "USD", stay="800"))
    exported = family.client.get(family.url("export.json")).json()
    (costs,) = [a["costs"] for a in exported["clinics"][0]["answers"] if "costs" in a]
    assert costs == {"currency": "USD", "amounts": {"stay": "800.00"}}


def test_other_questions_have_no_price_fields(costs_question):
    family, answer = costs_question
    other = family.checklist.answers.exclude(pk=answer.pk).filter(question__kind="clinic")[0]
    page = save(family, other, response="Yes").content.decode()
    assert "cost_" not in page
