import json

from checklist.guide_format import validate


def test_the_builtin_guide_is_served_in_the_exchange_format(client, builtin):
    response = client.get("/guides/stem-cells-cp.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert validate(data) == []
    assert data["slug"] == "stem-cells-cp"
    assert len(data["sections"]) == 11


def test_an_unknown_guide_is_not_found(client, db):
    assert client.get("/guides/nothing-here.json").status_code == 404


def test_export_then_import_gives_the_same_guide(client, builtin):
    from checklist.guide_format import export_version, import_version
    from checklist.models import Guide

    first = json.loads(client.get("/guides/stem-cells-cp.json").content)
    copy = import_version(first | {"slug": "copy"}, Guide.objects.create(slug="copy"))
    again = export_version(copy)
    assert again | {"slug": "stem-cells-cp"} == first
