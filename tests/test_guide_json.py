import json

from checklist.guide_format import validate


def test_the_builtin_guide_is_served_in_the_exchange_format(client, builtin):
    response = client.get("/guides/stem-cells-cp.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert validate(data) == []
    assert data["slug"] == "stem-cells-cp"
    # Edition 2, in the format that carries what a trustworthy guide needs.
    assert data["format_version"] == 2
    assert data["about"]["evidence_checked"] == "2026-12-01"
    assert {c["role"] for c in data["about"]["contributors"]} >= {"author", "reviewer"}
    kinds = {s["kind"] for s in data["sources"]}
    assert kinds == {"evidence", "regulator", "professional", "claim"}
    items = [q for section in data["sections"] for q in section["questions"]]
    assert 8 <= sum(q["core"] for q in items) <= 12
    assert {q["kind"] for q in items} == {"clinic", "family"}
    assert len(data["glossary"]) >= 10


def test_an_unknown_guide_is_not_found(client, db):
    assert client.get("/guides/nothing-here.json").status_code == 404


def test_export_then_import_gives_the_same_guide(client, builtin):
    from checklist.guide_format import export_version, import_version
    from checklist.models import Guide

    first = json.loads(client.get("/guides/stem-cells-cp.json").content)
    copy = import_version(first | {"slug": "copy"}, Guide.objects.create(slug="copy"))
    again = export_version(copy)
    # The same, but for the slug, the version number and the day the copy was published here.
    first_about, again_about = first.pop("about"), again.pop("about")
    assert again | {"slug": "stem-cells-cp", "version": first["version"]} == first
    assert again_about | {"published": first_about["published"]} == first_about
