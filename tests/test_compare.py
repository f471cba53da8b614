"""The comparison: each clinic's rating and answer to the family's questions side by side,
priorities first, with the warning signs they heard, what each clinic's prices come to and
which trial numbers have a registry's form; on screen and as a PDF; never a score."""

from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from checklist.compare import Rate
from tests.conftest import Family
from tests.factory import save, start_checklist
from tests.printouts import pdf_text, squeezed
from tests.test_clinics import add_clinic, answer_of, use
from tests.test_costs import prices


@pytest.fixture
def three_clinics(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp", clinic_name="Clinic Alpha")
    family = Family(client, token, checklist)
    first = checklist.clinic
    second = add_clinic(family, clinic_name="Clinic Beta", clinic_city="Cancún")
    third = add_clinic(family, clinic_name="Clinic Gamma")
    return family, [first, second, third]


def test_each_clinics_answer_stands_beside_the_others(three_clinics):
    family, (first, second, third) = three_clinics
    save(family, answer_of(first, "registration-number"), response="Yes: NCT01234567")
    save(
        family,
        answer_of(second, "registration-number"),
        response="It is registered, number NCT123",
        rating="vague",
        warning_heard=True,
    )
    save(family, answer_of(third, "registration-number"), rating="refused")
    page = family.client.get(family.url("compare/")).content.decode()
    assert "AskFirst does not judge clinics, score them or recommend one." in page
    questions = page[page.index("Question by question") :]
    row = questions[questions.index("What is the trial&#x27;s registration number?") :]
    row = row[: row.index("</table>")]
    assert row.index("Clinic Alpha") < row.index("Clinic Beta") < row.index("Clinic Gamma")
    assert "Yes: NCT01234567" in row and "It is registered, number NCT123" in row
    assert "You heard a warning sign" in row and "Refused" in row
    assert "NCT01234567 on the WHO trial search" in page
    assert "“NCT123” is not in the form the ClinicalTrials.gov registry uses." in page
    assert "You heard a warning sign in 1 answer." in page
    for word in ["score:", "best", "winner", "ranking", "recommended"]:
        assert word not in page.lower()


def test_priorities_come_first_and_the_counts_and_open_questions_are_per_clinic(three_clinics):
    family, (first, second, _third) = three_clinics
    starred = answer_of(first, "approved-by-agency")
    family.client.post(
        family.url(f"a/{starred.pk}/choice/"),
        {f"a{starred.pk}-included": "on", f"a{starred.pk}-starred": "on"},
    )
    save(family, answer_of(second, "approved-by-agency"), response="Two studies", rating="clear")
    page = family.client.get(family.url("compare/")).content.decode()
    questions = page[page.index("Question by question") :]
    first_question = questions[questions.index("<h3>") : questions.index("</h3>")]
    assert "Ask first:" in first_question
    assert starred.text.split(",")[0] in first_question
    beta = page[page.index("<h3>Clinic Beta</h3>") : page.index("<h3>Clinic Gamma</h3>")]
    assert "1 clear · 0 partly clear" in beta
    chosen = first.checklist.chosen_count()
    assert f"{chosen - 1} questions still open" in beta
    alpha = page[page.index("<h3>Clinic Alpha</h3>") : page.index("<h3>Clinic Beta</h3>")]
    assert f"{chosen} questions still open" in alpha


def test_each_clinics_prices_add_up_and_a_typed_rate_puts_them_in_one_currency(three_clinics):
    family, (first, second, _third) = three_clinics
    cost = answer_of(first, "total-cost")
    family.client.post(family.url(f"a/{cost.pk}/choice/"), {f"a{cost.pk}-included": "on"})
    save(family, answer_of(first, "total-cost"), **prices(cost, "USD", treatment="12,000"))
    save(
        family,
        answer_of(second, "total-cost"),
        **prices(cost, "MXN", treatment="100.000", stay="20.000"),
    )
    page = family.client.get(family.url("compare/")).content.decode()
    assert "Prices named: 12,000 USD in all." in page
    assert "Prices named: 120,000 MXN in all." in page
    assert "No price said yet for: Collecting and making the cells; Travel; Stay;" in page
    assert "Prices in different currencies" in page
    page = family.client.get(
        family.url("compare/"), {"from": "mxn", "to": "usd", "rate": "0.05"}
    ).content.decode()
    assert "At your rate: 12,000 USD." in page
    assert "At your rate: 6,000 USD." in page
    wrong = family.client.get(family.url("compare/"), {"from": "MXN", "rate": "lots"})
    assert "Type two different three-letter currencies" in wrong.content.decode()


def test_with_one_clinic_the_page_offers_to_add_another(family):
    page = family.client.get(family.url("compare/")).content.decode()
    assert "There is one clinic in this checklist so far." in page
    assert family.url("clinics/") + "#add" in page


def test_the_comparison_printout_holds_every_clinics_answers(three_clinics):
    family, (first, second, third) = three_clinics
    save(family, answer_of(first, "registration-number"), response="NCT01234567", rating="clear")
    save(family, answer_of(third, "registration-number"), response="We do not register")
    use(family, second)
    response = family.client.get(family.url("compare.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = squeezed(pdf_text(response.content))
    for expected in [
        "Whateachclinicanswered",
        "Clinics:ClinicAlpha;ClinicBeta;ClinicGamma",
        "NCT01234567hastheformtheClinicalTrials.govregistryuses",
        "Wedonotregister",
        "AskFirstdoesnotjudgeclinics",
    ]:
        assert expected in text
    again = family.client.get(family.url("compare.pdf"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    save(family, answer_of(second, "registration-number"), response="Soon")
    changed = family.client.get(family.url("compare.pdf"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and "Soon" in pdf_text(changed.content)


def test_the_comparison_as_a_web_page_to_print(three_clinics):
    family, _clinics = three_clinics
    page = family.client.get(family.url("compare/print")).content.decode()
    assert "What each clinic answered" in page and "Clinic Gamma" in page


@given(st.text(max_size=8), st.text(max_size=8), st.text(max_size=30))
def test_a_rate_typed_any_way_is_read_or_refused_never_an_error(from_, to, value):
    rate = Rate.typed(from_, to, value)
    if rate is not None:
        assert rate.value > 0 and rate.from_ != rate.to and len(rate.to) == 3


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-1", "0", "1e999", "1_000"])
def test_odd_rates_are_refused(value):
    assert Rate.typed("USD", "EUR", value) is None


def test_a_rate_with_a_comma_is_read():
    assert Rate.typed("usd", "eur", "0,92") == Rate("USD", "EUR", Decimal("0.92"))
