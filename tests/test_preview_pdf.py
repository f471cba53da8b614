"""An advocate prints the draft as families will print it, before publishing."""

from checklist.models import Question
from tests.factory import make_draft
from tests.printouts import pdf_info, pdf_text

GUIDE = "/advocate/g/alices-guide/"


def test_the_draft_prints_with_what_it_says_now(alice):
    draft = make_draft(alice.user)
    question = draft.questions.all()[0]
    Question.objects.filter(pk=question.pk).update(text="Who made the cells, exactly?")
    response = alice.client.get(GUIDE + "preview.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Who made the cells, exactly?" in text
    assert "Version 2. Draft: not published yet." in text

    # Changed again: the next PDF shows the change, not a kept copy.
    Question.objects.filter(pk=question.pk).update(text="Where were the cells grown?")
    text = pdf_text(alice.client.get(GUIDE + "preview.pdf").content)
    assert "Where were the cells grown?" in text and "exactly?" not in text


def test_letter_paper_is_offered_too(alice):
    make_draft(alice.user)
    response = alice.client.get(GUIDE + "preview.pdf?paper=letter")
    assert "612 x 792 pts" in pdf_info(response.content)["Page size"]


def test_only_the_guides_advocate_prints_its_draft(alice, bob, client):
    make_draft(alice.user)
    assert bob.client.get(GUIDE + "preview.pdf").status_code == 404
    response = client.get(GUIDE + "preview.pdf")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_preview_offers_the_phone_size_and_the_pdf(alice):
    make_draft(alice.user)
    page = alice.client.get(GUIDE + "preview/").content.decode()
    assert 'href="/advocate/g/alices-guide/preview.pdf"' in page
    assert 'href="/advocate/g/alices-guide/preview.pdf?printout=clinic"' in page
    assert 'href="?size=phone"' in page
    phone = alice.client.get(GUIDE + "preview/?size=phone").content.decode()
    assert '<div class="phone-frame">' in phone


def test_the_draft_prints_as_a_clinic_copy_with_the_questions_alone(alice):
    draft = make_draft(alice.user)
    first, second = draft.questions.filter(section__position=1).order_by("position")
    Question.objects.filter(pk=second.pk).update(kind="family", text="Talk it over at home.")
    response = alice.client.get(GUIDE + "preview.pdf?printout=clinic")
    assert response.status_code == 200
    assert "clinic-copy" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert first.text in text
    assert "Thank you for answering them" in text
    # Nothing for the family's eyes only: no guidance, no warning signs, no items for them.
    for hidden in [first.why, first.warning_signs, "Talk it over at home.", "The answer was"]:
        assert hidden not in text, hidden
    # The blank guide still has all of it.
    blank = pdf_text(alice.client.get(GUIDE + "preview.pdf").content)
    assert first.warning_signs in blank and "Talk it over at home." in blank
