from checklist.models import Checklist
from checklist.tokens import hash_token


def test_it_shows_every_optional_detail_with_why_it_is_asked(client, small_guide):
    page = client.get("/start/test-guide/").content.decode()
    for label in [
        "first name or nickname",
        "age",
        "Clinic name",
        "City",
        "Country",
        "Appointment date",
        "Who will attend",
    ]:
        assert label in page
    assert page.count("(optional)") == 7
    assert "The rules for this treatment depend on the country." in page


def test_it_starts_with_everything_skipped(client, small_guide):
    response = client.post("/start/test-guide/", {})
    assert response.status_code == 302
    token = response["Location"].split("/")[2]
    assert response["Location"] == f"/c/{token}/choose/"
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    assert checklist.answers.count() == 6
    assert checklist.clinic is not None and checklist.clinic.name == ""


def test_only_the_core_questions_start_chosen(client, builtin):
    token = client.post("/start/", {})["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    asked = checklist.answers.filter(included=True, question__kind="clinic")
    chosen = set(asked.values_list("question__key", flat=True))
    assert chosen == set(builtin.questions.filter(core=True).values_list("key", flat=True))
    page = client.get(f"/c/{token}/choose/").content.decode()
    assert f"{len(chosen)} questions · about 2 pages · about 25 minutes to ask" in page


def test_a_guide_without_a_core_set_starts_with_every_question_chosen(client, small_guide):
    token = client.post("/start/test-guide/", {})["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    assert checklist.answers.filter(included=True).count() == 6


def test_it_keeps_the_details_given(client, small_guide):
    response = client.post(
        "/start/test-guide/",
        {"child_name": "Sam", "clinic_name": "Clinic A", "appointment_date": "2026-12-01"},
    )
    token = response["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    assert checklist.clinic is not None
    assert (checklist.child_name, checklist.clinic.name) == ("Sam", "Clinic A")
    assert str(checklist.clinic.appointment_date) == "2026-12-01"


def test_the_private_link_is_long_and_only_its_hash_is_stored(client, small_guide):
    response = client.post("/start/test-guide/", {})
    token = response["Location"].split("/")[2]
    assert len(token) == 43  # 32 random bytes
    checklist = Checklist.objects.get()
    assert checklist.token_hash == hash_token(token)
    assert token not in str(Checklist.objects.values().get())


def test_a_bad_date_is_shown_next_to_its_field_and_the_rest_is_kept(client, small_guide):
    response = client.post(
        "/start/test-guide/",
        {"child_name": "Sam", "clinic_name": "Clinic A", "appointment_date": "31/31/2026"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_appointment_date_error"' in page
    assert 'value="Sam"' in page and 'value="Clinic A"' in page
    assert Checklist.objects.count() == 0


def test_too_long_a_name_is_refused_with_a_plain_message(client, small_guide):
    response = client.post("/start/test-guide/", {"child_name": "x" * 61})
    assert response.status_code == 200
    assert "at most 60 characters" in response.content.decode()


def test_a_name_on_two_lines_or_with_control_characters_is_refused(client, small_guide):
    response = client.post("/start/test-guide/", {"child_name": "Zeb\nedee"})
    assert "Please write this on one line." in response.content.decode()
    response = client.post("/start/test-guide/", {"clinic_name": "Clinic\x1b[31m"})
    assert "Please remove the invisible control characters" in response.content.decode()
    assert Checklist.objects.count() == 0


def test_a_date_far_in_the_past_is_refused(client, small_guide):
    response = client.post("/start/test-guide/", {"appointment_date": "1066-10-14"})
    assert "between the years 2000 and 2100" in response.content.decode()


def test_an_unknown_guide_is_not_found(client, small_guide):
    assert client.get("/start/no-such-guide/").status_code == 404


def test_the_device_remembers_the_new_checklist(client, small_guide):
    response = client.post("/start/test-guide/", {"clinic_name": "Clinic A"})
    token = response["Location"].split("/")[2]
    page = client.get("/mine/").content.decode()
    assert f"/c/{token}/" in page
    assert "Clinic A" in page


def test_errors_are_summed_up_at_the_top_with_links_to_their_fields(client, small_guide):
    page = client.post("/start/test-guide/", {"appointment_date": "soon"}).content.decode()
    main = page.index("<main")
    assert main < page.index('class="error-summary"') < page.index("<form", main)
    assert '<a href="#id_appointment_date">Appointment date: Enter a valid date.</a>' in page


def test_no_summary_when_nothing_is_wrong(client, small_guide):
    assert 'class="error-summary"' not in client.get("/start/test-guide/").content.decode()
