"""Arbitrary text, numbers, dates and JSON never give a 500 and never store invalid data."""

import json

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.forms import ClinicForm, DetailsForm
from checklist.guide_format import export_version, validate
from checklist.models import Answer, Checklist, GuideVersion, Rating
from tests.factory import guide_data

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
anything = st.one_of(
    st.text(max_size=300),
    st.text(min_size=4000, max_size=4100),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.dates().map(str),
    st.datetimes().map(str),
    st.sampled_from(["", "on", "off", "clear", "true", "null", "[]", "{}", "0", "-1"]),
)
DETAILS = [*DetailsForm.Meta.fields, *ClinicForm.posted_names()]


@FUZZ
@given(st.dictionaries(st.sampled_from(DETAILS), anything))
def test_the_start_form_takes_anything(small_guide, data):
    cache.clear()  # every example is a new visitor, not one over the rate limit
    before = Checklist.objects.count()
    response = Client().post("/start/test-guide/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        checklist = Checklist.objects.latest("pk")
        checklist.full_clean()
        assert checklist.clinic is not None
        checklist.clinic.full_clean()
    else:
        assert Checklist.objects.count() == before


ANSWER_FIELDS = ["included", "starred", "response", "rating", "notes", "revision", "page_render"]


@FUZZ
@given(st.dictionaries(st.sampled_from(ANSWER_FIELDS), anything))
def test_autosave_takes_anything(family, data):
    answer = family.checklist.answers.order_by("pk").first()
    post = {f"a{answer.pk}-{name}": value for name, value in data.items()}
    for htmx in (True, False):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = family.client.post(family.url(f"a/{answer.pk}/"), post, **headers)
        assert response.status_code in (200, 302)
    stored = Answer.objects.get(pk=answer.pk)
    stored.full_clean()
    assert stored.rating in Rating.values


@FUZZ
@given(st.dictionaries(st.sampled_from(["go", "new-own_question", "x"]), anything))
def test_a_section_page_takes_anything(family, data):
    response = family.client.post(family.url("s/1/"), data)
    assert response.status_code in (200, 302)
    for answer in Answer.objects.filter(checklist=family.checklist):
        answer.full_clean()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(json_values)
def test_validating_any_json_names_problems_and_never_crashes(data):
    errors = validate(data)
    assert errors
    assert all(isinstance(error, str) and ": " in error for error in errors)


@FUZZ
@given(
    st.sampled_from(["title", "description", "language", "slug", "author", "sources", "sections"]),
    json_values,
)
def test_a_valid_guide_with_one_field_replaced_is_checked_not_crashed(field, value):
    data = json.loads(json.dumps(guide_data()))
    data[field] = value
    errors = validate(data)
    assert isinstance(errors, list)
    assert all(error.split(":")[0] for error in errors)


@FUZZ
@given(
    st.one_of(
        json_values.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=2000),
        st.tuples(
            st.sampled_from(["title", "slug", "language", "sources", "sections", "version"]),
            json_values,
        ).map(lambda pair: json.dumps(guide_data() | {pair[0]: pair[1]}).encode()),
    )
)
def test_importing_any_file_never_crashes_and_stores_only_valid_guides(alice, content):
    cache.clear()  # every example is a new upload, not one over the import limit
    before = GuideVersion.objects.count()
    response = alice.client.post(
        "/advocate/import/", {"file": SimpleUploadedFile("guide.json", content)}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert GuideVersion.objects.count() == before
    for version in GuideVersion.objects.all():
        assert validate(export_version(version)) == []
