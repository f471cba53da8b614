"""One family, several clinics: "Add another clinic", one tap to switch, what is shared (the
questions, ticks, stars and own questions) and what each clinic has of its own (answers,
ratings, notes); per-clinic printouts, export and delete; and no way into another family's."""

import json

import pytest

from checklist.models import Answer, Checklist, Clinic
from tests.conftest import Family
from tests.factory import answer_fields, save


def add_clinic(family: Family, **details: str) -> Clinic:
    response = family.client.post(family.url("clinics/"), details)
    assert response.status_code == 302, response.content
    family.checklist.refresh_from_db()
    assert family.checklist.clinic is not None
    return family.checklist.clinic


def use(family: Family, clinic: Clinic, next_page: str = "") -> str:
    response = family.client.post(
        family.url(f"clinics/{clinic.position}/use/"), {"next": next_page}
    )
    assert response.status_code == 302
    family.checklist.refresh_from_db()
    return response["Location"]


def answer_of(clinic: Clinic, key: str) -> Answer:
    return clinic.answers.select_related("question").get(question__key=key)


@pytest.fixture
def two_clinics(family: Family) -> tuple[Family, Clinic, Clinic]:
    first = family.checklist.clinic
    assert first is not None
    second = add_clinic(family, clinic_name="Clinic Z", clinic_city="Tijuana")
    return family, first, second


def test_adding_a_clinic_gives_it_the_familys_questions_and_no_answers(family):
    first = family.checklist.clinic
    starred = answer_of(first, "q-1-1")
    save(family, starred, starred=True, included=True, response="Yes, 12 weeks", rating="clear")
    answer_of(first, "q-2-2").__class__.objects.filter(pk=answer_of(first, "q-2-2").pk).update(
        included=False
    )
    page = family.client.post(
        family.url("clinics/"), {"clinic_name": "Clinic Z"}, follow=True
    ).content.decode()
    assert "Clinic Z is added, with the same questions." in page
    family.checklist.refresh_from_db()
    second = family.checklist.clinic
    assert second.name == "Clinic Z" and second.position == 2
    copied = answer_of(second, "q-1-1")
    assert (copied.starred, copied.included) == (True, True)
    assert (copied.response, copied.rating) == ("", "not_asked")
    assert answer_of(second, "q-2-2").included is False
    assert second.answers.count() == first.answers.count() == 6


def test_each_clinic_keeps_its_own_answers(two_clinics):
    family, first, second = two_clinics
    save(family, answer_of(second, "q-1-1"), response="Only frozen cells", rating="vague")
    use(family, first)
    save(family, answer_of(first, "q-1-1"), response="Fresh, same day", notes="Ask for it")
    assert answer_of(first, "q-1-1").response == "Fresh, same day"
    assert answer_of(second, "q-1-1").response == "Only frozen cells"
    assert answer_of(second, "q-1-1").notes == ""
    review = family.client.get(family.url("review/")).content.decode()
    assert "Fresh, same day" in review and "Only frozen cells" not in review
    use(family, second)
    review = family.client.get(family.url("review/")).content.decode()
    assert "Only frozen cells" in review and "Fresh, same day" not in review


def test_a_star_or_a_tick_applies_to_every_clinic(two_clinics):
    family, first, second = two_clinics
    answer = answer_of(second, "q-2-1")
    family.client.post(family.url(f"a/{answer.pk}/choice/"), {f"a{answer.pk}-starred": "on"})
    assert answer_of(first, "q-2-1").starred and answer_of(first, "q-2-1").included
    save(family, answer_of(first, "q-2-1"), included=True, starred=False)
    assert answer_of(second, "q-2-1").included and not answer_of(second, "q-2-1").starred
    save(family, answer_of(first, "q-2-1"), included=False, starred=False)
    assert not answer_of(second, "q-2-1").included


def test_a_question_the_family_writes_is_asked_of_every_clinic_and_deleted_from_all(two_clinics):
    family, _first, second = two_clinics
    family.client.post(family.url("s/1/"), {"new-own_question": "Can we meet the doctor?"})
    mine = Answer.objects.filter(checklist=family.checklist, own_question="Can we meet the doctor?")
    assert sorted(mine.values_list("clinic__name", flat=True)) == ["Clinic A", "Clinic Z"]
    here = mine.get(clinic=second)
    save(family, here, own_question="Can we meet the surgeon?", response="Yes")
    renamed = Answer.objects.filter(own_question="Can we meet the surgeon?")
    assert sorted(renamed.values_list("response", flat=True)) == ["", "Yes"]
    family.client.post(family.url(f"a/{here.pk}/delete/"))
    assert not Answer.objects.filter(checklist=family.checklist, question__isnull=True).exists()


def test_every_answer_screen_says_which_clinic_and_switches_in_one_tap(two_clinics):
    family, first, _second = two_clinics
    for path in ["", "s/1/", "review/", "print-options/"]:
        page = family.client.get(family.url(path)).content.decode()
        assert "Answers for <strong>Clinic Z</strong>" in page, path
        assert "Switch to Clinic A" in page, path
    back = use(family, first, family.url("s/2/"))
    assert back == family.url("s/2/")
    assert family.checklist.clinic == first


@pytest.mark.parametrize(
    "next_page", ["https://evil.example/", "//evil.example/c/", "/c/other/", "/admin/"]
)
def test_switching_never_goes_to_another_site_or_checklist(two_clinics, next_page):
    family, first, _second = two_clinics
    assert use(family, first, next_page) == family.url()


def test_printouts_hold_only_the_clinic_they_are_for(two_clinics):
    family, first, second = two_clinics
    save(family, answer_of(first, "q-1-1"), response="Answer of clinic A", rating="clear")
    save(family, answer_of(second, "q-1-1"), response="Answer of clinic Z", rating="vague")
    for kind in ["print", "print/answers", "print/clinic"]:
        page = family.client.get(family.url(kind)).content.decode()
        assert "Answer of clinic A" not in page, kind
        assert "Clinic Z" in page, kind
    assert "Answer of clinic Z" in family.client.get(family.url("print/answers")).content.decode()
    use(family, first)
    record = family.client.get(family.url("print/answers")).content.decode()
    assert "Answer of clinic A" in record and "Answer of clinic Z" not in record


def test_the_export_holds_every_clinic_and_delete_removes_them_all(two_clinics):
    family, _first, second = two_clinics
    save(family, answer_of(second, "q-1-1"), response="Frozen")
    data = json.loads(family.client.get(family.url("export.json")).content)
    assert [c["name"] for c in data["clinics"]] == ["Clinic A", "Clinic Z"]
    assert data["clinics"][1]["city"] == "Tijuana"
    responses = [[a["clinic_answer"] for a in c["answers"]] for c in data["clinics"]]
    assert "Frozen" in responses[1] and "Frozen" not in responses[0]
    family.client.post(family.url("delete/"))
    assert not Clinic.objects.exists() and not Answer.objects.exists()


def test_a_clinic_can_be_removed_after_confirming_but_never_the_last(two_clinics):
    family, first, _second = two_clinics
    page = family.client.get(family.url("clinics/2/remove/")).content.decode()
    assert "Remove Clinic Z?" in page
    assert family.client.post(family.url("clinics/2/remove/")).status_code == 302
    family.checklist.refresh_from_db()
    assert family.checklist.clinic == first
    assert list(family.checklist.clinics.all()) == [first]
    assert family.client.post(family.url("clinics/1/remove/")).status_code == 404
    assert Answer.objects.filter(checklist=family.checklist).count() == 6


def test_a_clinic_can_be_added_again_after_a_removal(two_clinics):
    family, first, _second = two_clinics
    family.client.post(family.url("clinics/2/remove/"))
    again = add_clinic(family, clinic_name="Clinic Q")
    assert list(family.checklist.clinics.all()) == [first, again]
    assert "Switch to Clinic A" in family.client.get(family.url("review/")).content.decode()


def test_an_unnamed_clinic_is_called_by_its_number(family):
    add_clinic(family)
    page = family.client.get(family.url("review/")).content.decode()
    assert "Answers for <strong>Clinic 2</strong>" in page


def test_the_add_form_shows_errors_next_to_the_field_and_keeps_what_was_typed(family):
    page = family.client.post(
        family.url("clinics/"), {"clinic_name": "Clinic Z", "appointment_date": "tomorrow"}
    ).content.decode()
    assert 'id="id_appointment_date_error"' in page
    assert 'value="Clinic Z"' in page
    assert family.checklist.clinics.count() == 1


def test_a_checklist_holds_at_most_ten_clinics(family):
    for n in range(9):
        add_clinic(family, clinic_name=f"Clinic {n}")
    family.client.post(family.url("clinics/"), {"clinic_name": "One too many"})
    assert family.checklist.clinics.count() == 10
    page = family.client.get(family.url("clinics/")).content.decode()
    assert "A checklist holds at most 10 clinics." in page


def test_another_family_reaches_none_of_it(two_clinics, other_family):
    family, _first, second = two_clinics
    theirs = answer_of(second, "q-1-1")
    stranger = other_family
    add_clinic(stranger, clinic_name="Clinic X")
    # Clinics are numbered within each checklist: "2" behind another link is its own.
    stranger.client.post(stranger.url("clinics/2/remove/"))
    assert stranger.client.post(stranger.url("clinics/2/use/")).status_code == 404
    family.checklist.refresh_from_db()
    assert family.checklist.clinic == second and family.checklist.clinics.count() == 2
    own_second = add_clinic(stranger, clinic_name="Clinic Y")
    save(stranger, answer_of(own_second, "q-1-1"), response="Their own answer")
    response = stranger.client.post(
        stranger.url(f"a/{theirs.pk}/"), answer_fields(theirs, response="Hijacked")
    )
    assert response.status_code == 404
    assert answer_of(second, "q-1-1").response == ""
    compared = stranger.client.get(stranger.url("compare/")).content.decode()
    assert "Clinic Y" in compared and "Their own answer" in compared
    assert "Clinic Z" not in compared and "Clinic A" not in compared
    assert "Their own answer" not in family.client.get(family.url("compare/")).content.decode()
    assert family.client.post(family.url("clinics/3/use/")).status_code == 404
    assert family.client.get(f"/c/{'x' * 43}/clinics/").status_code == 404


def test_my_checklists_and_a_new_link_work_as_before(two_clinics):
    family, _first, _second = two_clinics
    response = family.client.post(family.url("rotate/"))
    token = response["Location"].split("/")[2]
    moved = Checklist.objects.get(pk=family.checklist.pk)
    assert moved.clinics.count() == 2
    assert "Clinic Z" in family.client.get("/mine/").content.decode()
    assert family.client.get(f"/c/{token}/clinics/").status_code == 200
