import json

from checklist.models import Answer, Checklist
from tests.factory import answer_fields


def test_rotating_the_link_makes_the_old_one_stop_working(family):
    response = family.client.post(family.url("rotate/"))
    new_token = response["Location"].split("/")[2]
    assert new_token != family.token
    page = family.client.get(f"/c/{new_token}/").content.decode()
    assert "This is your new private link" in page
    assert family.client.get(family.url()).status_code == 404
    assert f"/c/{new_token}/" in family.client.get("/mine/").content.decode()
    assert family.token not in family.client.get("/mine/").content.decode()


def test_a_new_link_is_only_made_after_the_family_confirms(family):
    response = family.client.get(family.url("rotate/"))
    page = response.content.decode()
    assert "Make a new private link?" in page
    assert "stops working at once, on every other phone or computer" in page
    assert '<form method="post"' in page and "Make a new link" in page
    assert f'href="{family.url()}#link"' in page  # Keep the current link
    assert "no-store" in response["Cache-Control"]
    assert family.client.get(family.url()).status_code == 200


def test_the_confirmed_new_link_forgets_the_pages_kept_under_the_old_one(family):
    page = family.client.get(family.url("rotate/")).content.decode()
    assert f'data-forget-pages="{family.url()}"' in page


def test_deleting_asks_first_then_removes_everything(family):
    page = family.client.get(family.url("delete/")).content.decode()
    assert "Delete this checklist for good?" in page
    assert Checklist.objects.filter(pk=family.checklist.pk).exists()
    response = family.client.post(family.url("delete/"))
    assert response["Location"] == "/"
    assert not Checklist.objects.filter(pk=family.checklist.pk).exists()
    assert not Answer.objects.filter(checklist_id=family.checklist.pk).exists()
    assert family.client.get(family.url()).status_code == 404
    assert "no checklists yet" in family.client.get("/mine/").content.decode()


def test_the_delete_screen_offers_the_pdf_as_the_copy_to_keep(family):
    page = family.client.get(family.url("delete/")).content.decode()
    pdf = page.index(f'href="{family.url("pdf")}"')
    assert page.index("Download my questions and notes (PDF)") > pdf
    assert pdf < page.index(f'href="{family.url("export.json")}"')
    assert family.client.get(family.url("pdf")).content.startswith(b"%PDF")


def test_export_holds_everything_the_family_entered(family):
    answer = family.checklist.answers.order_by("pk").first()
    family.client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(
            answer, response="Their answer", notes="My note", starred=True, rating="vague"
        ),
        HTTP_HX_REQUEST="true",
    )
    response = family.client.get(family.url("export.json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    (clinic,) = data["clinics"]
    assert clinic["name"] == "Clinic A"
    assert data["guide"]["slug"] == "test-guide"
    assert len(clinic["answers"]) == 6
    first = clinic["answers"][0]
    assert first["clinic_answer"] == "Their answer"
    assert first["notes"] == "My note"
    assert first["top_priority"] is True
    assert first["rating"] == "vague"


def test_my_checklists_lists_only_this_devices_checklists(family, other_family):
    page = family.client.get("/mine/").content.decode()
    assert family.token in page
    assert other_family.token not in page


def test_forgetting_the_device_empties_the_list_but_keeps_the_checklist(family):
    response = family.client.post("/mine/forget/")
    assert response["Location"] == "/mine/"
    assert "no checklists yet" in family.client.get("/mine/").content.decode()
    assert family.client.get(family.url()).status_code == 200


def test_a_tampered_device_cookie_is_ignored(family):
    family.client.cookies["askfirst_mine"] = '["' + family.token + '"]:forged'
    page = family.client.get("/mine/").content.decode()
    assert "no checklists yet" in page


def stored_pdfs(checklist):
    from django.core.cache import cache

    clinic = checklist.clinic.pk
    kinds = ("mine", "clinic", "answers")
    keys = [f"askfirst:pdf:checklist:{checklist.pk}:{kind}:{clinic}" for kind in kinds]
    return [key for key in keys if cache.get(key) is not None]


def test_a_new_link_drops_the_stored_pdfs(family):
    family.client.get(family.url("pdf"))
    assert stored_pdfs(family.checklist)
    family.client.post(family.url("rotate/"))
    assert stored_pdfs(family.checklist) == []


def test_deleting_drops_the_stored_pdfs(family):
    family.client.get(family.url("pdf/answers"))
    assert stored_pdfs(family.checklist)
    family.client.post(family.url("delete/"))
    assert stored_pdfs(family.checklist) == []


def test_export_gives_the_appointment_date_as_written(family):
    family.client.post(
        family.url("details/"), {"clinic_name": "Clinic A", "appointment_date": "2026-12-01"}
    )
    data = json.loads(family.client.get(family.url("export.json")).content)
    assert data["clinics"][0]["appointment_date"] == "2026-12-01"
