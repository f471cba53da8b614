"""A person making an account or signing in can see the password they typed, and hide it."""

from playwright.sync_api import expect

from tests.e2e.steps import sign_up


def test_show_password_reveals_both_boxes_of_the_sign_up_and_hides_them_again(phone, db):
    phone.goto("/accounts/signup/")
    password = phone.get_by_label("Password", exact=True)
    again = phone.get_by_label("Type the password again")
    password.fill("blue kettle river")
    again.fill("blue kettle rivr")
    show = phone.get_by_label("Show password")
    expect(password).to_have_attribute("type", "password")

    show.click()
    for box in (password, again):
        expect(box).to_have_attribute("type", "text")
    expect(again).to_have_value("blue kettle rivr")  # the typing mistake, seen

    show.click()
    for box in (password, again):
        expect(box).to_have_attribute("type", "password")


def test_show_password_on_the_sign_in_and_password_change_forms(phone, db):
    sign_up(phone, "nurse_jo")
    phone.goto("/accounts/password_change/")
    boxes = phone.locator("input[autocomplete$='-password']")
    expect(boxes).to_have_count(3)
    phone.get_by_label("Show password").click()
    expect(phone.locator("input[type=text][autocomplete$='-password']")).to_have_count(3)

    phone.context.clear_cookies()
    phone.goto("/accounts/login/")
    password = phone.get_by_label("Password", exact=True)
    password.fill("my own password")
    phone.get_by_label("Show password").click()
    expect(password).to_have_attribute("type", "text")
    phone.get_by_label("Show password").click()
    expect(password).to_have_attribute("type", "password")
