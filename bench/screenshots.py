"""Phone screenshots of the family's main screens, for the README and docs/screenshots/.

    .venv/bin/python bench/screenshots.py

Serves the app as bench/weight.py does (DEBUG off, gunicorn, a fresh database with the
built-in guide), goes through a checklist in Chromium at 375x812 the way a family does, and
saves one PNG per screen (what the phone shows, not the whole page), reduced to 256 colours.
`phone-flow.png` puts the landing page, "Choose your questions" and the review side by side.
The worker (`pdf_worker`, until its queue is empty) then makes the family's sheet and the
clinic copy, saved as PNG pages (`sheet-1.png`, ...).
Then an advocate, on a phone of their own, signs up, writes a guide and publishes it (the
same steps as the browser tests, tests/e2e/steps.py): `advocate-*.png`, and
`advocate-flow.png` with the editor, the share screen and the family page side by side.
"""

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.weight import serve
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.steps import QUESTIONS, publish_guide, sign_up, write_guide

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PHONE: ViewportSize = {"width": 375, "height": 812}
GAP = 24


def shoot(page: Page, name: str, keep_focus: bool = False) -> Path:
    path = OUT / f"{name}.png"
    if not keep_focus:
        page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=path, animations="disabled", caret="hide")
    image = Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)
    print(f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB")
    return path


def scroll_to(page: Page, selector: str) -> None:
    page.locator(selector).first.evaluate("el => el.scrollIntoView({block: 'start'})")


def printouts(page: Page, base: str, env: dict[str, str]) -> None:
    """The family's two-page sheet and the clinic copy, as PNG pages: made by the worker, as
    in production, then downloaded."""
    for kind, name in (("pdf", "sheet"), ("pdf/clinic", "clinic-copy")):
        pdf_pages(download_pdf(page, base + kind, env), name)


def download_pdf(page: Page, url: str, env: dict[str, str]) -> bytes:
    worker = [sys.executable, "manage.py", "pdf_worker", "--", "--queue-name", "*", "--batch"]
    for _ in range(5):
        pdf = page.request.get(url)  # asks for it, unless it is on its way
        if pdf.headers["content-type"] == "application/pdf":
            return pdf.body()
        subprocess.run(worker, cwd=ROOT, env=env, check=True)
        time.sleep(1)
    raise AssertionError(pdf.text()[-3000:])


def pdf_pages(body: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "printout.pdf"
        source.write_bytes(body)
        subprocess.run(["pdftoppm", "-r", "60", "-png", source, OUT / name], check=True)
    for png in sorted(OUT.glob(f"{name}-*.png")):
        image = Image.open(png).convert("RGB").quantize(colors=64)
        image.save(png, optimize=True)
        print(f"{png.relative_to(OUT.parent.parent)}  {png.stat().st_size // 1024} KB")


def screens(page: Page, env: dict[str, str]) -> dict[str, Path]:
    shots = {}
    page.goto("/")
    shots["landing"] = shoot(page, "landing")

    page.get_by_role("main").get_by_role("link", name="Start a checklist").click()
    page.get_by_label("Child's first name or nickname").fill("Sam")
    page.get_by_label("Clinic name").fill("Example Clinic")
    page.get_by_label("City").fill("Lisbon")
    shots["start"] = shoot(page, "start")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Choose your questions")).to_be_visible()
    base = page.url.removesuffix("choose/")
    shots["choose"] = shoot(page, "choose")
    unticked = page.locator(".choice").filter(has_not=page.locator("input:checked")).nth(2)
    extra = page.locator("#" + str(unticked.get_attribute("id")))
    extra.locator("label.ask").click()
    expect(extra.locator(".save-state")).to_have_text("Saved")
    extra.locator("summary").click()
    scroll_to(page, ".choice:has(details[open])")
    page.evaluate("window.scrollBy(0, -16)")
    shots["choose-about"] = shoot(page, "choose-about")

    page.goto(base + "s/5/")
    box = page.locator("fieldset.question").first
    box.get_by_label("Ask it first").check()
    box.locator("summary", has_text="The clinic's answer").click()
    box.get_by_label("The clinic's answer", exact=True).fill(
        "From the child's own bone marrow, taken the day before. Not frozen."
    )
    box.get_by_label("Clear", exact=True).check()
    expect(box.locator(".save-state")).to_have_text("Saved")
    scroll_to(page, "fieldset.question legend")
    page.evaluate("window.scrollBy(0, -16)")
    shots["section"] = shoot(page, "section-answer")

    page.goto(base + "s/1/")
    shots["section-top"] = shoot(page, "section")
    page.goto(base + "s/12/")
    page.get_by_label("Add your own question to this section").fill(
        "Who looks after Sam if there is a problem after we fly home?"
    )
    page.get_by_role("button", name="Add question").click()
    scroll_to(page, "fieldset.question:has(legend.own)")
    page.evaluate("window.scrollBy(0, -16)")
    shots["own"] = shoot(page, "own-question")

    page.goto(base + "review/")
    shots["review"] = shoot(page, "review")
    page.goto(base)
    shots["overview"] = shoot(page, "overview")
    page.goto(base + "print-options/")
    shots["print"] = shoot(page, "print-options")
    printouts(page, base, env)

    page.goto(base + "clinics/")
    page.get_by_label("Clinic name").fill("Second Clinic")
    page.get_by_label("City").fill("Cancún")
    page.get_by_role("button", name="Add this clinic").click()
    shots["clinics"] = shoot(page, "clinics")
    page.goto(base + "s/5/")
    box = page.locator("fieldset.question").first
    box.locator("summary", has_text="The clinic's answer").click()
    box.get_by_label("The clinic's answer", exact=True).fill(
        "Donor cells from a cord blood bank; they would not say which one."
    )
    box.get_by_label("Vague", exact=True).check()
    box.get_by_label("I heard a warning sign here").check()
    expect(box.locator(".save-state")).to_have_text("Saved")
    shots["section-clinic"] = shoot(page, "section-second-clinic")
    page.goto(base + "compare/")
    shots["compare"] = shoot(page, "compare")
    scroll_to(page, "section.compare-question:has(.star-mark)")
    page.evaluate("window.scrollBy(0, -16)")
    shots["compare-question"] = shoot(page, "compare-question")

    page.goto("/mine/")
    shots["mine"] = shoot(page, "my-checklists")
    page.goto("/start/")
    page.get_by_label("Appointment date").fill("1999-01-01")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("alert")).to_be_focused()
    shots["errors"] = shoot(page, "start-errors", keep_focus=True)
    return shots


def advocate_screens(page: Page, env: dict[str, str]) -> dict[str, Path]:
    shots = {}
    page.goto("/advocates/")
    shots["for-advocates"] = shoot(page, "advocate-for-advocates")
    page.goto("/accounts/signup/")
    shots["signup"] = shoot(page, "advocate-signup")
    sign_up(page, "nurse_jo")
    editor = write_guide(page)
    guide = editor.removesuffix("edit/")
    page.goto("/advocate/")
    shots["home"] = shoot(page, "advocate-home")
    page.goto(editor)
    scroll_to(page, "h2:has-text('Sections and questions')")
    page.evaluate("window.scrollBy(0, -16)")
    shots["editor"] = shoot(page, "advocate-editor")
    page.locator(".ed-questions > li").first.locator("summary").click()
    scroll_to(page, ".ed-questions > li")
    shots["row-menu"] = shoot(page, "advocate-row-menu")
    page.get_by_role("link", name=QUESTIONS[0]["Question"], exact=True).click()
    expect(page.get_by_role("heading", name="Edit the question")).to_be_visible()
    shots["question"] = shoot(page, "advocate-question")
    page.goto(guide + "preview/")
    page.locator("fieldset.question summary").first.click()
    shots["preview"] = shoot(page, "advocate-preview")
    page.goto(guide)
    shots["publish"] = shoot(page, "advocate-publish")
    page.goto(editor)
    share = publish_guide(page, "First version: where the cells come from.")
    shots["live"] = shoot(page, "advocate-live")
    scroll_to(page, "h2:has-text('Share it')")
    page.evaluate("window.scrollBy(0, -16)")
    shots["share"] = shoot(page, "advocate-share")
    page.goto(guide + "v/1/")
    shots["counts"] = shoot(page, "advocate-version-counts")
    slug = guide.rstrip("/").rsplit("/", 1)[-1]
    base = page.url.split("/advocate/")[0]
    pdf_pages(download_pdf(page, f"{base}/g/{slug}/flyer.pdf?paper=a4", env), "advocate-flyer")
    page.goto(share)
    shots["family"] = shoot(page, "advocate-family-page")
    page.goto("/guides/")
    shots["gallery"] = shoot(page, "gallery")
    return shots


def side_by_side(paths: list[Path], name: str) -> None:
    images = [Image.open(p).convert("RGB") for p in paths]
    width = sum(i.width for i in images) + GAP * (len(images) + 1)
    height = max(i.height for i in images) + 2 * GAP
    sheet = Image.new("RGB", (width, height), "#d9d6cf")
    x = GAP
    for image in images:
        sheet.paste(image, (x, GAP))
        x += image.width + GAP
    path = OUT / f"{name}.png"
    sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="askfirst-shots-"))
    server, base, env = serve(workdir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(
                base_url=base, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
            )
            shots = screens(context.new_page(), env)
            context = browser.new_context(
                base_url=base, viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
            )
            advocate = advocate_screens(context.new_page(), env)
            browser.close()
        side_by_side([shots["landing"], shots["choose"], shots["review"]], "phone-flow")
        side_by_side([advocate["editor"], advocate["share"], advocate["family"]], "advocate-flow")
        side_by_side(
            [shots["section-clinic"], shots["compare"], shots["compare-question"]], "compare-flow"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
