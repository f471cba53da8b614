import json

import pytest
from django.core.management import CommandError, call_command

from checklist.models import Guide, GuideVersion, Question
from tests.factory import make_advocate


def test_it_loads_the_builtin_guide_once(db, capsys):
    call_command("load_builtin_guides")
    call_command("load_builtin_guides")
    # Numbered as the file numbers its edition.
    assert "up to date (version 2)" in capsys.readouterr().out
    guide = Guide.objects.get(slug="stem-cells-cp")
    assert guide.is_builtin
    assert GuideVersion.objects.filter(guide=guide).count() == 1
    questions = Question.objects.filter(version__guide=guide, kind="clinic")
    assert 40 <= questions.count() <= 60


def test_a_changed_file_becomes_a_new_version_and_old_checklists_keep_theirs(
    db, tmp_path, monkeypatch, client
):
    from checklist.management.commands import load_builtin_guides as command

    call_command("load_builtin_guides", verbosity=0)
    client.post("/start/", {})
    data = json.loads((command.DATA_DIR / "stem-cells-cp.json").read_text())
    data["change_note"] = "Clearer wording."
    data["sections"][0]["questions"][0]["text"] = "A reworded first question?"
    (tmp_path / "stem-cells-cp.json").write_text(json.dumps(data))
    monkeypatch.setattr(command, "DATA_DIR", tmp_path)
    call_command("load_builtin_guides", verbosity=0)
    versions = GuideVersion.objects.filter(guide__slug="stem-cells-cp").order_by("number")
    assert [v.number for v in versions] == [2, 3]
    old_first = Question.objects.get(version=versions[0], position=1, section__position=1)
    assert old_first.text != "A reworded first question?"


def test_an_advocates_guide_never_takes_a_built_in_guides_address(db):
    # Not loaded yet, and still kept free: the next deployment may bring it.
    assert not Guide.objects.filter(slug="stem-cells-cp-es").exists()
    assert Guide.free_slug("Stem cells CP es") == "stem-cells-cp-es-2"


def test_loading_stops_with_a_clear_message_where_an_advocate_holds_the_address(db):
    Guide.objects.create(slug="stem-cells-cp-es", owner=make_advocate("alice"))
    with pytest.raises(CommandError, match=r"/g/stem-cells-cp-es/ belongs to an advocate's guide"):
        call_command("load_builtin_guides", verbosity=0)
    assert not GuideVersion.objects.filter(guide__slug="stem-cells-cp-es").exists()
