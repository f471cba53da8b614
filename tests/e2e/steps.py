"""What a family does on a page, in the words of the page: shared by the browser tests."""

import re
from collections.abc import Callable

from playwright.sync_api import FilePayload, Locator, Page, expect

from tests.printouts import pdf_text


def start_quickly(page: Page, **details: str) -> str:
    """Start a checklist from the landing page (two taps); returns the address of "Choose
    your questions", where a new checklist begins."""
    page.goto("/")
    # "Start a new checklist" on a device that has one already.
    page.get_by_role("main").get_by_role(
        "link", name=re.compile("^Start a (new )?checklist$")
    ).click()
    expect(page.get_by_role("heading", name="Start a checklist")).to_be_visible()
    for label, value in details.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Choose your questions")).to_be_visible()
    return page.url


def start_checklist(page: Page, **details: str) -> str:
    """Start a checklist, then take the guided path; returns the address of the first
    section."""
    start_quickly(page, **details)
    page.get_by_role("link", name="Or go through the guide section by section").click()
    expect(page.get_by_text(re.compile(r"^Section 1 of \d+$"))).to_be_visible()
    return page.url


def question(page: Page, number: int = 1) -> Locator:
    """The n-th question box on a section page (1-based)."""
    return page.locator("fieldset.question").nth(number - 1)


def open_answer(box: Locator) -> None:
    summary = box.get_by_text("The clinic's answer and your notes")
    if box.locator("details.answer[open]").count() == 0:
        summary.click()


def answer_box(box: Locator) -> Locator:
    return box.get_by_label("The clinic's answer", exact=True)


def expect_saved(box: Locator) -> None:
    expect(box.locator(".save-state")).to_have_text("Saved")


def go_next(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"^(Next|Review)$")).click()


KEPT_TEXT = """(url) => caches.open("askfirst-pages")
  .then((cache) => cache.match(url, {ignoreVary: true})).then((r) => (r ? r.text() : ""))"""


def wait_until_kept_with(page: Page, url: str, text: str) -> None:
    """Until the copy of `url` kept for reading offline holds `text` (the service worker
    keeps pages in the background, a fresh copy after each change)."""
    for _ in range(100):
        if text in page.evaluate(KEPT_TEXT, url):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} is not kept with {text!r}")


def pdf_words(data: bytes) -> str:
    """The PDF's text with every run of spaces and line ends made one space."""
    assert data.startswith(b"%PDF"), data[:200]
    return " ".join(pdf_text(data, layout="-raw").split())


def download_pdfs(page: Page) -> list[str]:
    """From the review page, download every PDF it offers (directly, or from the print
    options screen it leads to); returns the text of each."""
    page.get_by_role("link", name=re.compile("PDF|Print", re.I)).first.click()
    page.wait_for_load_state()
    buttons = page.get_by_role("button", name=re.compile("PDF")).all()
    buttons += page.get_by_role("link", name=re.compile("PDF")).all()
    assert buttons, f"no PDF to download on {page.url}"
    texts = []
    for button in buttons:
        with page.expect_download() as download:
            button.click()
        path = download.value.path()
        with open(path, "rb") as pdf:
            texts.append(pdf_words(pdf.read()))
    return texts


class Problems:
    """What a family would not see but a broken page shows: script errors, blocked or failed
    files (a CSP violation is a console error), and any request that leaves the site."""

    def __init__(self, page: Page, site: str) -> None:
        self.found: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.found.append(f"script error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", lambda r: self._request(r.url, site))

    def _console(self, message) -> None:
        if message.type == "error":
            self.found.append(f"console: {message.text} at {message.location}")

    def _failed(self, request) -> None:
        # A download ends its request as "aborted" when it becomes a file.
        if request.failure != "net::ERR_ABORTED":
            self.found.append(f"failed: {request.url} {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.found.append(f"{response.status}: {response.url}")

    def _request(self, url: str, site: str) -> None:
        if not url.startswith((site, "data:", "blob:")):
            self.found.append(f"left the site: {url}")


def family_screens(page: Page) -> list[tuple[str, Callable[[], object]]]:
    """Make a checklist with an answer and an own question; then name each screen and how to
    get there."""
    first_section = start_checklist(page, **{"Clinic name": "Example Clinic"})
    base = first_section.removesuffix("s/1/")
    box = question(page, 1)
    open_answer(box)
    answer_box(box).fill("Bone marrow, they said.")
    expect_saved(box)
    box.get_by_label("Ask it first").check()
    expect_saved(box)
    page.goto(base + "s/3/")
    page.get_by_label("Add your own question to this section").fill("Who pays for aftercare?")
    page.get_by_role("button", name="Add question").click()
    own = page.locator("fieldset.question").filter(has_text="Your own question")
    own_id = str(own.get_attribute("id")).removeprefix("a")

    def start_with_errors() -> None:
        page.goto("/start/")
        page.get_by_label("Appointment date").fill("1999-01-01")
        page.get_by_role("button", name="Start", exact=True).click()
        expect(page.get_by_role("alert")).to_be_focused()

    def section_with_open_answer() -> None:
        page.goto(base + "s/1/")
        expect(question(page, 1).locator("details.answer")).to_have_attribute("open", "")

    def clinics_after_adding_one() -> None:
        page.goto(base + "clinics/")
        page.get_by_label("Clinic name").fill("Second Clinic")
        page.get_by_role("button", name="Add this clinic").click()
        expect(page.get_by_text("Second Clinic is added")).to_be_visible()

    review_url: list[str] = []

    def review_link_made() -> None:
        page.goto(base + "reviews/")
        page.get_by_label("Who will review it").fill("Dr Ruiz, neurologist")
        page.get_by_role("button", name="Make the review link").click()
        expect(page.get_by_role("heading", name="Your review link is ready")).to_be_visible()
        review_url.append(page.get_by_role("textbox", name="Review link").input_value())

    def section_with_a_message_next_to_a_field() -> None:
        page.goto(base + "s/3/")
        own.get_by_label("Question", exact=True).fill("")
        expect(own.locator(".save-state")).to_contain_text("Not saved")

    return [
        ("landing", lambda: page.goto("/")),
        ("start", lambda: page.goto("/start/")),
        ("start with errors", start_with_errors),
        ("section with an open answer", section_with_open_answer),
        ("section with an own question", lambda: page.goto(base + "s/3/")),
        ("section with a message next to a field", section_with_a_message_next_to_a_field),
        ("last section", lambda: page.goto(base + "s/14/")),
        ("choose your questions", lambda: page.goto(base + "choose/")),
        ("review", lambda: page.goto(base + "review/")),
        ("print options", lambda: page.goto(base + "print-options/")),
        ("overview", lambda: page.goto(base)),
        ("details", lambda: page.goto(base + "details/")),
        ("delete the checklist", lambda: page.goto(base + "delete/")),
        ("delete a question", lambda: page.goto(f"{base}a/{own_id}/delete/")),
        ("your clinics", lambda: page.goto(base + "clinics/")),
        ("your clinics after adding one", clinics_after_adding_one),
        ("section with two clinics", lambda: page.goto(base + "s/1/")),
        ("compare clinics", lambda: page.goto(base + "compare/")),
        ("remove a clinic", lambda: page.goto(base + "clinics/2/remove/")),
        ("ask someone to review", lambda: page.goto(base + "reviews/")),
        ("review link made", review_link_made),
        ("the reviewer's page", lambda: page.goto(review_url[0])),
        ("my checklists", lambda: page.goto("/mine/")),
        ("not found", lambda: page.goto("/c/" + "x" * 43 + "/")),
        ("offline", lambda: page.goto("/offline/")),
    ]


# Advocates: what an advocate does, in the words of the page.

ADVOCATE_PASSWORD = "a long pass phrase for tests 7"
GUIDE_TITLE = "Questions about cord blood cells"
SECTION_TITLE = "Where the cells come from"
QUESTIONS = [
    {
        "Question": "Are the cells from my child's own cord blood or from a donor?",
        "Why ask": "Cells from a donor can be rejected by the body.",
        "A clear answer": "The clinic names the bank and shows the papers for the cells.",
        "Warning signs": "The clinic will not say where the cells come from.",
    },
    {
        "Question": "How many children has the clinic treated this way?",
        "Why ask": "A clinic with little experience may not spot problems early.",
        "A clear answer": "A number, and the results written down for each child.",
        "Warning signs": "Only stories from happy families, no numbers.",
    },
]
SOURCE = {
    "Short name": "NOVAK2016",
    "Citation": "Novak I and others. Stem cell treatments for cerebral palsy, 2016.",
}


def sign_up(page: Page, username: str) -> None:
    """Make an account from the page for advocates; ends on the advocate's home page."""
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Advocates").click()
    page.get_by_role("link", name="Make an account").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email address").fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(ADVOCATE_PASSWORD)
    page.get_by_label("Type the password again").fill(ADVOCATE_PASSWORD)
    page.get_by_role("button", name="Make my account").click()
    expect(page.get_by_role("heading", name="Your guides", exact=True)).to_be_visible()


def write_guide(page: Page) -> str:
    """From the advocate's home page, write a guide with one section, two questions (every
    field) and a source; returns the address of its editor."""
    page.get_by_role("link", name="New guide").click()
    page.get_by_label("Title").fill(GUIDE_TITLE)
    page.get_by_label("What the guide covers").fill(
        "Questions for a clinic that offers cord blood cells. Ask them before you pay anything."
    )
    page.get_by_label("Who it is for").fill("Families of children with cerebral palsy")
    page.get_by_role("button", name="Make the guide").click()
    expect(page.get_by_text("Editing the draft of version 1.")).to_be_visible()
    editor = page.url

    for label, value in SOURCE.items():
        page.get_by_label(label).fill(value)
    page.get_by_label(re.compile("^Link")).fill("https://example.org/novak-2016")
    page.get_by_role("button", name="Add the source").click()
    expect(page.locator(".ed-sources")).to_contain_text(SOURCE["Short name"])

    page.get_by_label("New section title").fill(SECTION_TITLE)
    page.get_by_role("button", name="Add the section").click()
    section = page.locator("section.ed-section").filter(has_text=SECTION_TITLE)
    for q in QUESTIONS:
        section.get_by_label("New question").fill(q["Question"])
        section.get_by_role("button", name="Add the question").click()
        expect(section.locator(".ed-questions")).to_contain_text(q["Question"])

    for q in QUESTIONS:
        page.goto(editor)
        # A question's text in the outline opens it.
        page.get_by_role("link", name=q["Question"], exact=True).click()
        expect(page.get_by_role("heading", name="Edit the question")).to_be_visible()
        for label, value in q.items():
            page.get_by_label(re.compile(rf"^{label}( \((optional|needed to publish)\))?$")).fill(
                value
            )
        page.get_by_label(re.compile(SOURCE["Short name"])).check()
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    page.goto(editor)
    expect(page.locator(".unfinished")).to_have_count(0)
    return editor


def publish_guide(page: Page, note: str, visibility: str = "Everyone") -> str:
    """From the editor, publish the draft for `visibility` ("Only me", "Anyone with the
    link", "Everyone") with a change note, in one step; returns the family page's address
    (the share link)."""
    page.get_by_role("link", name="Ready? Publish").click()
    page.get_by_role("radio", name=re.compile(f"^{visibility}")).check()
    page.get_by_label("What changed in this version").fill(note)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"Version 1 is published. Who can see it: {visibility}"
    )
    expect(page.locator(".banner.live")).to_contain_text("Live: version 1, published")
    return page.get_by_label("Link for families").input_value()


def advocate_screens(
    page: Page, username: str = "nurse_jo"
) -> list[tuple[str, Callable[[], object]]]:
    """Every advocate screen, and the family's screens of an advocate's guide, in the order
    an advocate meets them: each step goes there (signing up, writing and publishing on the
    way) and leaves the screen to look at."""
    made: dict[str, str] = {}

    def sign_up_with_errors() -> None:
        page.goto("/accounts/signup/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Email address").fill("not an address")
        page.get_by_label("Password", exact=True).fill("123")
        page.get_by_label("Type the password again").fill("1234")
        page.get_by_role("button", name="Make my account").click()
        expect(page.get_by_role("alert").first).to_be_focused()

    def home() -> None:
        sign_up(page, username)

    def editor() -> None:
        page.goto("/advocate/")
        made["editor"] = write_guide(page)
        made["guide"] = made["editor"].removesuffix("edit/")
        made["slug"] = made["guide"].rstrip("/").rsplit("/", 1)[-1]

    def question_form() -> None:
        page.goto(made["editor"])
        page.get_by_role("link", name=re.compile(r"^Are the cells")).click()
        expect(page.get_by_role("heading", name="Edit the question")).to_be_visible()

    def question_saved() -> None:
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    def section_form() -> None:
        page.goto(made["editor"])
        page.get_by_role("link", name=re.compile(rf"^1\. {SECTION_TITLE}")).click()
        expect(page.get_by_role("heading", name="Edit the section")).to_be_visible()

    def editor_with_errors() -> None:
        page.goto(made["editor"])
        page.get_by_role("button", name="Add the source").click()
        expect(page.get_by_role("alert").first).to_be_visible()

    def publish_with_errors() -> None:
        page.goto(made["guide"])
        page.get_by_role("button", name="Publish", exact=True).click()
        expect(page.locator(".has-error")).to_have_count(1)

    def published() -> None:
        page.goto(made["editor"])
        made["share"] = publish_guide(page, "First version.")

    def import_with_errors() -> None:
        page.goto("/advocate/import/")
        bad: FilePayload = {
            "name": "guide.json",
            "mimeType": "application/json",
            "buffer": b'{"format": "askfirst-guide", "title": 7}',
        }
        page.get_by_label("Guide file (JSON)").set_input_files(files=[bad])
        page.get_by_role("button", name="Import").click()
        expect(page.get_by_role("heading", name="This file cannot be imported")).to_be_visible()

    def report_with_errors() -> None:
        page.goto(f"/g/{made['slug']}/report/")
        page.get_by_role("button", name="Send the report").click()
        expect(page.get_by_role("alert").first).to_be_visible()

    def lockout() -> None:
        # Last: after this the sign-in from here is paused for every account.
        page.goto("/accounts/login/")
        for _attempt in range(10):
            if page.get_by_role("heading", name="Please wait a while").count():
                break
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password", exact=True).fill("not the password")
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
        expect(page.get_by_role("heading", name="Please wait a while")).to_be_visible()

    return [
        ("sign up", lambda: page.goto("/accounts/signup/")),
        ("sign up with errors", sign_up_with_errors),
        ("for advocates", lambda: page.goto("/advocates/")),
        ("sign in", lambda: page.goto("/accounts/login/")),
        ("password reset", lambda: page.goto("/accounts/password_reset/")),
        ("advocate home, no guides yet", home),
        ("new guide", lambda: page.goto("/advocate/new/")),
        ("guide editor", editor),
        ("guide editor with errors", editor_with_errors),
        ("question form", question_form),
        ("question form, saved", question_saved),
        ("section form", section_form),
        ("source form", lambda: page.goto(made["editor"] + "../sources/NOVAK2016/")),
        ("preview", lambda: page.goto(made["guide"] + "preview/")),
        ("publish", lambda: page.goto(made["guide"])),
        ("publish with errors", publish_with_errors),
        ("published, share it", published),
        ("a version, counts hidden", lambda: page.goto(made["guide"] + "v/1/")),
        ("advocate home", lambda: page.goto("/advocate/")),
        ("import", lambda: page.goto("/advocate/import/")),
        ("import with errors", import_with_errors),
        ("delete the guide", lambda: page.goto(made["guide"] + "delete/")),
        ("family guide page", lambda: page.goto(made["share"])),
        ("gallery", lambda: page.goto("/guides/")),
        ("gallery, nothing found", lambda: page.goto("/guides/?q=zebra")),
        ("report form", lambda: page.goto(f"/g/{made['slug']}/report/")),
        ("report form with errors", report_with_errors),
        ("password change", lambda: page.goto("/accounts/password_change/")),
        ("lockout", lockout),
    ]
