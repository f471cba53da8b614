"""Importing a guide file: everything checked, errors by place, all or nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from checklist.guide_format import GuideFormatError, export_version, import_version, upgraded
from checklist.guide_format import _describe as describe
from checklist.models import Guide, GuideVersion, Question, Section, Source
from tests.factory import draft_of, guide_data, make_guide


def _upload(alice, content: bytes, name="guide.json"):
    return alice.client.post(
        "/advocate/import/", {"file": SimpleUploadedFile(name, content, "application/json")}
    )


def _nothing_stored():
    return not any(
        manager.exists()
        for manager in [
            Guide.objects,
            GuideVersion.objects,
            Section.objects,
            Question.objects,
            Source.objects,
        ]
    )


def test_a_good_file_becomes_a_draft_guide_of_the_advocate(alice):
    response = _upload(alice, json.dumps(guide_data("from-a-file")).encode())
    assert response.status_code == 302
    guide = Guide.objects.get(slug="from-a-file")
    assert guide.owner == alice.user and guide.visibility == "private"
    assert draft_of(guide).questions.count() == 4


def test_a_taken_slug_gets_a_new_one(alice, small_guide):
    _upload(alice, json.dumps(guide_data("test-guide")).encode())
    assert Guide.objects.get(owner=alice.user).slug == "test-guide-2"


def test_a_file_that_translates_a_translation_is_linked_to_the_original(alice):
    original = make_guide("alices-guide", owner=alice.user).guide
    spanish = make_guide("alices-guide-es", owner=alice.user).guide
    spanish.translates = original
    spanish.save()
    data = upgraded(guide_data("alices-guide-ar")) | {
        "language": "ar",
        "translates": "alices-guide-es",
    }
    _upload(alice, json.dumps(data).encode())
    assert Guide.objects.get(slug="alices-guide-ar").translates == original


def test_a_file_cannot_name_a_guide_that_translates_it(alice):
    original = make_guide("alices-guide", owner=alice.user).guide
    spanish = make_guide("alices-guide-es", owner=alice.user).guide
    spanish.translates = original
    spanish.save()
    # A new version of the original, as if it translated its own translation.
    data = upgraded(guide_data("alices-guide")) | {"translates": "alices-guide-es"}
    import_version(data, original, publish=False)
    original.refresh_from_db()
    assert original.translates is None


def test_export_import_export_gives_the_same_content(alice, builtin):
    first = json.loads(alice.client.get("/guides/stem-cells-cp.json").content)
    _upload(alice, json.dumps(first).encode())
    imported = Guide.objects.get(owner=alice.user)
    again = export_version(draft_of(imported))
    # Only the slug (taken), the version number and the date it is published on this site
    # may differ.
    del first["about"]["published"]
    assert again | {"slug": "stem-cells-cp", "version": first["version"]} == first
    assert first["format_version"] == 2


def test_errors_are_named_by_their_place_and_nothing_is_stored(alice):
    data = guide_data()
    data["sections"][1]["questions"][0]["text"] = "x" * 301
    data["sections"][0]["questions"][1]["sources"] = ["NOPE"]
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "sections[1].questions[0].text: too long (at most 300 characters)" in page
    assert _nothing_stored()


def test_rules_beyond_the_schema_are_reported(alice):
    data = guide_data()
    data["sections"][0]["questions"][1]["sources"] = ["NOPE"]
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "sections[0].questions[1].sources[0]: no source has the key NOPE" in page
    assert _nothing_stored()


def test_broken_json_is_refused(alice):
    page = _upload(alice, b'{"format": "askfirst-guide", ').content.decode()
    assert "not valid JSON" in page
    assert _nothing_stored()


def test_a_file_that_is_not_text_is_refused(alice):
    page = _upload(alice, b"\xff\xfe\x00binary").content.decode()
    assert "not UTF-8 text" in page


def test_an_oversized_file_is_refused_before_it_is_read(alice):
    page = _upload(alice, b" " * (512 * 1024 + 1)).content.decode()
    assert "This file is too big" in page
    assert _nothing_stored()


def test_deep_nesting_is_refused(alice):
    for depth in [50, 100_000]:
        page = _upload(alice, b"[" * depth + b"]" * depth).content.decode()
        assert "nested too deeply" in page, depth
    assert _nothing_stored()


def test_deep_nesting_inside_a_field_is_refused(alice):
    data = guide_data()
    data["audience"] = json.loads("[" * 40 + "]" * 40)
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "nested too deeply" in page


def test_huge_strings_are_refused_by_their_place(alice):
    data = guide_data()
    data["title"] = "x" * 400_000
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "title: too long (at most 200 characters)" in page
    assert "x" * 1000 not in page
    assert _nothing_stored()


def test_wrong_types_are_refused(alice):
    data = guide_data()
    data["sections"][0]["questions"] = {"not": "a list"}
    data["version"] = "one"
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "sections[0].questions: must be array" in page
    assert "version: must be integer" in page
    assert _nothing_stored()


def test_markup_is_refused_in_any_text(alice):
    data = guide_data()
    data["sections"][1]["questions"][0]["why"] = 'See <a href="https://x.example">this</a>'
    data["sources"][0]["citation"] = "<script>alert(1)</script>"
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert "sections[1].questions[0].why: HTML tags are not allowed; write plain text" in page
    assert "sources[0].citation: HTML tags are not allowed" in page
    assert "<script>alert" not in page
    assert _nothing_stored()


def test_control_characters_and_lone_surrogates_are_refused(alice):
    data = guide_data()
    data["title"] = "A title\x00"
    data["sections"][0]["intro"] = "Two lines\r\nand a tab\tare fine."
    data["sections"][1]["questions"][0]["why"] = "Bell\x07"
    # Half of a character outside the BMP: JSON can spell it, UTF-8 cannot store it.
    raw = json.dumps(data).replace('"Tests"', '"Half a character \\ud800"')
    page = _upload(alice, raw.encode()).content.decode()
    assert "title: has invisible control characters; remove them" in page
    assert "audience: has invisible control characters; remove them" in page
    assert "sections[1].questions[0].why: has invisible control characters" in page
    assert "sections[0].intro" not in page
    assert _nothing_stored()


def test_a_lone_surrogate_in_a_field_name_is_refused(alice):
    raw = json.dumps(guide_data())[:-1] + ', "\\ud800": 1}'
    response = _upload(alice, raw.encode())
    assert response.status_code == 200
    assert "(top level): a field name has invisible control characters" in response.content.decode()
    assert _nothing_stored()


def test_keys_and_one_line_texts_must_be_one_line(alice):
    data = guide_data()
    data["language"] = "en\n"
    data["sections"][0]["key"] = "section-1\n"
    data["sections"][1]["questions"][0]["key"] = "q-2-1\n"
    data["sources"][0]["key"] = "SRC1\n"
    data["sections"][1]["questions"][1]["sources"] = ["SRC1\n"]
    data["author"] = "Test\u2028advocate"
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    for place in [
        "language",
        "sections[0].key",
        "sections[1].questions[0].key",
        "sources[0].key",
        "sections[1].questions[1].sources[0]",
        "author",
    ]:
        assert f"{place}: must be one line" in page, place
    assert _nothing_stored()


@pytest.fixture
def described(monkeypatch):
    """How many schema errors validation put into words: the work it did on them."""
    count = [0]

    def counting(error):
        count[0] += 1
        return describe(error)

    monkeypatch.setattr("checklist.guide_format._describe", counting)
    return count


def test_a_file_of_170_000_empty_questions_is_refused_without_reading_each(alice, described):
    data = guide_data(sections=1, questions=1)
    data["sections"][0]["questions"] = [{}] * 170_000
    raw = json.dumps(data, separators=(",", ":")).encode()
    assert len(raw) <= 512 * 1024
    page = _upload(alice, raw).content.decode()
    assert "sections[0].questions: too many (at most 50)" in page
    assert described[0] <= 50
    assert _nothing_stored()


def test_at_most_50_problems_are_found_and_listed(alice, described):
    data = guide_data(sections=30, questions=50)
    for section in data["sections"]:
        section["questions"] = [{}] * 50
    page = _upload(alice, json.dumps(data).encode()).content.decode()
    assert page.count(": missing") == 50
    assert described[0] == 50


def test_a_failure_half_way_leaves_no_rows(alice, monkeypatch):
    def fail(*args, **kwargs):
        raise GuideFormatError(["sections[1]: made to fail"])

    make_guide("other")
    before = Question.objects.count()
    monkeypatch.setattr(Question.objects, "bulk_create", fail)
    page = _upload(alice, json.dumps(guide_data("half")).encode()).content.decode()
    assert "made to fail" in page
    assert not Guide.objects.filter(slug="half").exists()
    assert Question.objects.count() == before


def test_signed_out_people_cannot_import(client, db):
    response = client.post("/advocate/import/", {})
    assert response.status_code == 302


def test_imports_are_limited_per_network(alice, settings):
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"import": "1/h"}
    _upload(alice, json.dumps(guide_data("first")).encode())
    page = _upload(alice, json.dumps(guide_data("second")).encode()).content.decode()
    assert "Too many files were imported" in page
    assert list(Guide.objects.values_list("slug", flat=True)) == ["first"]
