"""Database queries per page stay the same whatever the number of questions."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factory import answer_fields, make_guide, start_checklist


def queries(client: Client, method: str, url: str, data=None, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = (
            getattr(client, method)(url, data, **headers) if data else getattr(client, method)(url)
        )
    assert response.status_code in (200, 302), response.status_code
    return len(captured)


def pages_of(questions_per_section: int) -> dict[str, int]:
    """Queries for each family page, for a guide of 2 sections of this many questions."""
    slug = f"guide-{questions_per_section}"
    make_guide(slug, sections=2, questions=questions_per_section)
    client = Client()
    token, checklist = start_checklist(client, slug)
    client.get(f"/c/{token}/")  # the welcome message is read once
    answer = checklist.answers.order_by("pk").first()
    assert answer is not None
    return {
        "section": queries(client, "get", f"/c/{token}/s/1/"),
        "section again": queries(client, "get", f"/c/{token}/s/1/"),
        "review": queries(client, "get", f"/c/{token}/review/"),
        "choose": queries(client, "get", f"/c/{token}/choose/"),
        "overview": queries(client, "get", f"/c/{token}/"),
        "autosave": queries(
            client,
            "post",
            f"/c/{token}/a/{answer.pk}/",
            answer_fields(answer, response="Some words"),
            HTTP_HX_REQUEST="true",
        ),
        "export": queries(client, "get", f"/c/{token}/export.json"),
    }


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_number_of_questions():
    # 10 questions in all, then 60.
    assert pages_of(5) == pages_of(30)


@pytest.mark.django_db
def test_a_section_page_needs_few_queries():
    counts = pages_of(5)
    # The checklist, its answers, the counts of chosen and own questions, whether its guide
    # has a newer version, its clinics (for the clinic switch); the first time, the guide's
    # sources and glossary for the "About this question" folds, which are kept from then on
    # (like its sections and questions, read by the overview before).
    assert counts["section"] <= 8, counts
    assert counts["section again"] == counts["section"] - 2, counts
    assert counts["autosave"] <= 8, counts


def test_the_first_pages_a_new_family_opens_read_the_guide_once(builtin):
    client = Client()
    # The built-in guide and its translations, in one query; nothing else to read on a
    # device that holds no checklist yet.
    assert queries(client, "get", "/") == 1
    assert queries(client, "get", "/start/", HTTP_ACCEPT_LANGUAGE="es") == 1
