"""A family asks their child's doctor to review their checklist from a phone; the doctor
comments from another browser with no account; the family reads the comment; shutting the
link closes it."""

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.steps import answer_box, expect_saved, open_answer, question, start_checklist


def test_a_doctor_comments_through_a_review_link_and_the_family_reads_it(
    phone, new_device, builtin
):
    base = start_checklist(phone, **{"Clinic name": "Clinic North"}).removesuffix("s/1/")
    box = question(phone, 1)
    open_answer(box)
    answer_box(box).fill("Bone marrow, used fresh.")
    expect_saved(box)
    phone.goto(base)
    phone.get_by_role("link", name="Ask your child's doctor or an advocate to review it").click()
    phone.get_by_label("Who will review it").fill("Dr Ruiz, neurologist")
    phone.get_by_role("button", name="Make the review link").click()
    link = phone.get_by_role("textbox", name="Review link").input_value()
    expect(phone.get_by_role("button", name="Copy link")).to_be_visible()

    doctor = new_device(DESKTOP).new_page()
    doctor.goto(link)
    expect(doctor.get_by_role("heading", level=1)).to_have_text(
        "A family's checklist, for your review"
    )
    expect(doctor.get_by_text("Bone marrow, used fresh.")).to_be_visible()
    section = doctor.locator("section.review-question").filter(has_text="Bone marrow")
    section.get_by_text("Comment on this question").click()
    section.get_by_label("Your name").fill("Dr Ruiz")
    section.get_by_label("Your comment").fill("Ask how many cells, and who counts them.")
    section.get_by_role("button", name="Add the comment").click()
    expect(doctor.get_by_text("Your comment is saved. The family will see it.")).to_be_visible()

    phone.goto(base + "review/")
    expect(phone.get_by_text("Ask how many cells, and who counts them.")).to_be_visible()
    phone.goto(base + "reviews/")
    phone.get_by_role("button", name="Shut the link for Dr Ruiz, neurologist").click()
    expect(phone.get_by_text("Shut: it no longer opens.")).to_be_visible()
    doctor.goto(link)
    expect(doctor.get_by_role("heading", level=1)).not_to_have_text(
        "A family's checklist, for your review"
    )
