"""A save that fails half-way leaves nothing half-written, and the family can send it again."""

from django.db import OperationalError
from django.test import Client

from checklist.models import Answer, Checklist
from tests.factory import answer_fields


def test_a_save_that_fails_half_way_writes_nothing(family, monkeypatch):
    answer = family.checklist.answers.order_by("pk").first()

    def database_gone(self, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # The answer row is written first, then the checklist is touched: fail at the second step.
    monkeypatch.setattr(type(Checklist.objects.none()), "update", database_gone)
    client = Client(raise_request_exception=False)
    response = client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(answer, response="Half"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 500
    answer.refresh_from_db()
    assert (answer.response, answer.revision) == ("", 1)

    # When the database is back, the page sends the same save again and it lands once.
    monkeypatch.undo()
    response = family.client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(answer, response="Half"),
        HTTP_HX_REQUEST="true",
    )
    assert "Saved" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.response, answer.revision) == ("Half", 2)


def test_starting_a_checklist_that_fails_half_way_leaves_no_checklist(
    client, small_guide, monkeypatch
):
    def database_gone(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(Answer.objects, "bulk_create", database_gone)
    client.raise_request_exception = False
    response = client.post("/start/test-guide/", {"clinic_name": "Clinic A"})
    assert response.status_code == 500
    assert not Checklist.objects.exists()
