"""A family goes from the landing page to the PDF, as on the phone, without JavaScript."""

import re
import subprocess

from checklist.models import Checklist
from checklist.tokens import hash_token


def form_fields(page: str) -> dict[str, str]:
    """What a browser would send for the section form as shown: hidden, text and ticked boxes."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind[1] in ("checkbox", "radio") and "checked" not in tag:
            continue
        data[name[1]] = value[1] if value else ("on" if kind and kind[1] == "checkbox" else "")
    for name, text in re.findall(
        r'<textarea [^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', page, re.S
    ):
        data[name] = text
    return data


def test_a_family_prepares_a_checklist_from_landing_to_pdf(client, builtin):
    landing = client.get("/").content.decode()
    assert 'href="/start/"' in landing
    response = client.post("/start/", {"child_name": "Sam", "clinic_name": "Example Clinic"})
    token = response["Location"].split("/")[2]
    checklist = Checklist.objects.get(token_hash=hash_token(token))
    sections = builtin.sections.count()

    assert response["Location"] == f"/c/{token}/choose/"
    # Every question chosen, then through the guide section by section.
    checklist.answers.update(included=True)
    url = f"/c/{token}/s/1/"
    trials = builtin.sections.get(key="trials").position
    for number in range(1, sections + 1):
        page = client.get(url).content.decode()
        assert f"Section {number} of {sections}" in page
        data = form_fields(page) | {"go": "next"}
        if number == trials:
            first = checklist.answers.filter(section__position=trials).order_by("position").first()
            assert first is not None
            data[f"a{first.pk}-response"] = "Trial number NCT01147653, they said."
            data[f"a{first.pk}-starred"] = "on"
            data[f"a{first.pk}-rating"] = "clear"
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        url = response["Location"]
    assert url == f"/c/{token}/review/"

    # The answer typed on the way is still there when the section is opened again.
    again = client.get(f"/c/{token}/s/{trials}/").content.decode()
    assert "Trial number NCT01147653, they said." in again

    review = client.get(url).content.decode()
    assert "Ask these first" in review
    assert '<span class="count">1</span> Clear' in review

    pdf = client.get(f"/c/{token}/pdf")
    assert pdf.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Example Clinic" in text
    assert "Trial number NCT01147653, they said." in text
    first_question = checklist.answers.filter(section__position=1).order_by("position")[0].question
    assert first_question is not None
    assert first_question.text in " ".join(text.split())
