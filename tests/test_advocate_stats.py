"""A published version's page for its advocate: how many checklists started from it and, once
there are enough, how many chose, starred and left out each question. Counts only."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from checklist.models import Answer, Checklist
from checklist.stats import MIN_CHECKLISTS_FOR_COUNTS
from tests.conftest import Family
from tests.factory import make_draft, make_guide, save, start_checklist
from tests.test_every_page import check_page

PAGE = "/advocate/g/alices-guide/v/1/"


def start(count: int, slug: str = "alices-guide", **details: str) -> list[Family]:
    """`count` families, each on their own device, start a checklist from the guide."""
    families = []
    for _ in range(count):
        client = Client()
        token, checklist = start_checklist(client, slug, **details)
        families.append(Family(client, token, checklist))
    return families


def answer_to(family: Family, key: str) -> Answer:
    return family.checklist.current_answers().get(question__key=key)


def choose(family: Family, key: str, *, included: bool, starred: bool = False) -> None:
    """Tick or untick a question, and star it or not, as "Choose your questions" does."""
    answer = answer_to(family, key)
    data = {f"a{answer.pk}-included": "on"} if included else {}
    if starred:
        data[f"a{answer.pk}-starred"] = "on"
    assert family.client.post(family.url(f"a/{answer.pk}/choice/"), data).status_code == 302


def add_clinic(family: Family, name: str) -> None:
    assert family.client.post(family.url("clinics/"), {"clinic_name": name}).status_code == 302


def rows(page: str) -> list[str]:
    """Each question's row in the counts tables, as its text reads."""
    bodies = "".join(re.findall(r"<tbody.*?</tbody>", page, re.DOTALL))
    found = re.findall(r"<tr role=\"row\">(.*?)</tr>", bodies, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_counts_are_hidden_below_the_threshold(alice):
    make_guide("alices-guide", owner=alice.user)
    start(MIN_CHECKLISTS_FOR_COUNTS - 1)
    page = alice.client.get(PAGE).content.decode()
    assert (
        "Counts appear once at least 10 checklists have started from this version, so a "
        "small number never points at one family. 9 so far." in page
    )
    assert "<table" not in page
    assert "Question 1 of section 1?" not in page


def test_counts_are_shown_from_the_threshold_on(alice):
    make_guide("alices-guide", owner=alice.user)
    start(MIN_CHECKLISTS_FOR_COUNTS)
    page = alice.client.get(PAGE).content.decode()
    assert "10 checklists started from this version." in page
    assert "Counts appear" not in page
    assert rows(page) == [
        "Question 1 of section 1? 10 of 10 (100%) 0 of 10 (0%) 0 of 10 (0%)",
        "Question 2 of section 1? 10 of 10 (100%) 0 of 10 (0%) 0 of 10 (0%)",
        "Question 1 of section 2? 10 of 10 (100%) 0 of 10 (0%) 0 of 10 (0%)",
        "Question 2 of section 2? 10 of 10 (100%) 0 of 10 (0%) 0 of 10 (0%)",
    ]


def test_it_counts_each_checklist_once_whatever_its_clinics(alice):
    make_guide("alices-guide", owner=alice.user)
    families = start(12)
    # Two families compare two clinics: their choices are in each clinic's answers.
    add_clinic(families[0], "Second clinic")
    add_clinic(families[3], "Second clinic")
    for family in families[:3]:
        choose(family, "q-1-1", included=False)
    for family in families[3:5]:
        choose(family, "q-1-1", included=True, starred=True)
    # A star on a question left out (kept from before a star meant asking) is no priority:
    # the family's review does not show it.
    left_out = answer_to(families[5], "q-1-2")
    Answer.objects.filter(pk=left_out.pk).update(included=False, starred=True)
    choose(families[6], "q-1-2", included=True, starred=True)
    # A deleted checklist is not counted.
    families[11].client.post(families[11].url("delete/"))
    assert Checklist.objects.count() == 11

    page = alice.client.get(PAGE).content.decode()
    assert "11 checklists started from this version." in page
    assert rows(page)[:2] == [
        "Question 1 of section 1? 8 of 11 (73%) 2 of 11 (18%) 3 of 11 (27%)",
        "Question 2 of section 1? 10 of 11 (91%) 1 of 11 (9%) 1 of 11 (9%)",
    ]


def test_no_family_text_reaches_the_advocate(alice):
    version = make_guide("alices-guide", owner=alice.user)
    families = start(
        MIN_CHECKLISTS_FOR_COUNTS,
        child_name="SECRET-CHILD-NAME",
        clinic_name="SECRET-CLINIC-NAME",
    )
    for family in families:
        answer = answer_to(family, "q-1-1")
        response = save(family, answer, response="SECRET-ANSWER-TEXT", notes="SECRET-NOTE")
        assert response.status_code == 200
        family.checklist.add_own_question(version.sections.all()[0], "SECRET-OWN-QUESTION?")
    add_clinic(families[0], "SECRET-SECOND-CLINIC")

    with CaptureQueriesContext(connection) as captured:
        stats_page = alice.client.get(PAGE).content.decode()
    assert "10 of 10 (100%)" in stats_page
    # Only the guide's four questions: the families' own are neither shown nor counted.
    assert len(rows(stats_page)) == 4
    pages = [stats_page, alice.client.get("/advocate/g/alices-guide/").content.decode()]
    pages.append(alice.client.get("/advocate/").content.decode())
    for page in pages:
        assert "SECRET" not in page
    # Not even read from the database.
    for query in captured.captured_queries:
        for column in ('"response"', '"notes"', '"own_question"', '"child_name"', "_clinic"):
            assert column not in query["sql"]


def test_the_guide_page_links_each_published_version(alice):
    make_draft(alice.user)
    page = alice.client.get("/advocate/g/alices-guide/").content.decode()
    assert 'href="/advocate/g/alices-guide/v/1/"' in page
    assert "/v/2/" not in page


def test_the_page_shows_the_version(alice):
    make_draft(alice.user)
    page = alice.client.get(PAGE).content.decode()
    assert "<h1>A test guide</h1>" in page
    assert "Version 1, published" in page
    assert 'href="/advocate/g/alices-guide/"' in page  # back to the guide


@pytest.mark.parametrize("checklists", [0, MIN_CHECKLISTS_FOR_COUNTS])
def test_the_page_is_well_formed(alice, checklists):
    make_guide("alices-guide", owner=alice.user)
    start(checklists)
    check_page(alice.client.get(PAGE).content.decode(), PAGE)


@pytest.mark.parametrize("number", [2, 3])
def test_a_draft_or_missing_version_is_not_found(alice, number):
    make_draft(alice.user)
    assert alice.client.get(f"/advocate/g/alices-guide/v/{number}/").status_code == 404


def test_another_advocate_gets_not_found(alice, bob):
    make_guide("alices-guide", owner=alice.user)
    start(MIN_CHECKLISTS_FOR_COUNTS)
    assert bob.client.get(PAGE).status_code == 404


def test_it_requires_signing_in(alice):
    make_guide("alices-guide", owner=alice.user)
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def queries_with(alice, checklists: int) -> int:
    Checklist.objects.all().delete()
    start(checklists)
    with CaptureQueriesContext(connection) as captured:
        assert alice.client.get(PAGE).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_checklists(alice):
    make_guide("alices-guide", sections=3, questions=4, owner=alice.user)
    fewer = queries_with(alice, MIN_CHECKLISTS_FOR_COUNTS)
    assert fewer == queries_with(alice, MIN_CHECKLISTS_FOR_COUNTS + 8)
    # The session and its user, the guide, the version, four for the counts and the guide's
    # title for the crumb.
    assert fewer <= 9
