"""No input, however odd, gives a 500: the family gets a plain answer instead."""

import pytest

from checklist.forms import ClinicForm, DetailsForm
from tests.factory import answer_fields, save, section_fields

ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800" if False else "\u202e\u200b",
    "😀" * 500,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%s%s%n",
    "x" * 100_000,
    "-1",
    "99999999999999999999999",
    "2026-02-30",
    "delete-²",
    "\u0661",  # Arabic-Indic digit one
]


@pytest.mark.parametrize("value", ODD)
def test_odd_details_never_break_the_start_page(client, small_guide, value):
    response = client.post(
        "/start/test-guide/",
        dict.fromkeys([*DetailsForm.Meta.fields, *ClinicForm.posted_names()], value),
    )
    assert response.status_code in (200, 302, 413)
    if response.status_code == 413:
        assert "too much" in response.content.decode()


@pytest.mark.parametrize("value", ODD)
def test_odd_answers_never_break_autosave(family, value):
    answer = family.checklist.answers.order_by("pk").first()
    for field in ["response", "notes", "rating", "revision", "page_render", "included"]:
        data = answer_fields(answer, **{field: value})
        response = family.client.post(family.url(f"a/{answer.pk}/"), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, field


@pytest.mark.parametrize("value", ODD)
def test_odd_section_posts_never_break_the_section_page(family, value):
    data = section_fields(family.checklist, 1, go=value, **{"new-own_question": value})
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code in (200, 302)


def test_a_section_post_with_missing_fields_is_handled(family):
    response = family.client.post(family.url("s/1/"), {"go": "next"})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("path", ["s/abc/", "s/-1/", "s/99999999999999999999/", "a/0/", "a/x/"])
def test_odd_paths_are_not_found(family, path):
    assert family.client.post(family.url(path)).status_code == 404


def test_numbers_are_read_in_ascii_digits_only(family):
    answer = family.checklist.answers.order_by("pk").first()
    for revision in ["\u0661", "1_0", "²"]:
        save(family, answer, revision=revision, notes="Written on a page that never was")
    answer.refresh_from_db()
    assert answer.notes == ""
