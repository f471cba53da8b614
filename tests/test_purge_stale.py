from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from checklist.models import Answer, Checklist
from tests.factory import answer_fields


def test_it_deletes_only_checklists_unchanged_for_the_configured_time(family, other_family, capsys):
    long_ago = timezone.now() - timedelta(days=370)
    Checklist.objects.filter(pk=family.checklist.pk).update(updated=long_ago)
    call_command("purge_stale")
    assert not Checklist.objects.filter(pk=family.checklist.pk).exists()
    assert not Answer.objects.filter(checklist_id=family.checklist.pk).exists()
    assert Checklist.objects.filter(pk=other_family.checklist.pk).exists()
    assert "Deleted 1 checklist(s)" in capsys.readouterr().out
    assert family.client.get(family.url()).status_code == 404


def test_the_time_can_be_set(family):
    Checklist.objects.filter(pk=family.checklist.pk).update(
        updated=timezone.now() - timedelta(days=100)
    )
    call_command("purge_stale", months=6)
    assert Checklist.objects.filter(pk=family.checklist.pk).exists()
    call_command("purge_stale", months=3)
    assert not Checklist.objects.filter(pk=family.checklist.pk).exists()


def test_saving_an_answer_keeps_a_checklist_alive(family):
    Checklist.objects.filter(pk=family.checklist.pk).update(
        updated=timezone.now() - timedelta(days=370)
    )
    answer = family.checklist.answers.first()
    family.client.post(
        family.url(f"a/{answer.pk}/"), answer_fields(answer, notes="x"), HTTP_HX_REQUEST="true"
    )
    call_command("purge_stale")
    assert Checklist.objects.filter(pk=family.checklist.pk).exists()
