"""A guide's flyer: one page to pin up or hand out, whose QR code opens the family page; and
the advocate's share block, which offers it."""

import html
import io
import re
import subprocess

import pytest
import zxingcpp
from django.test import Client
from PIL import Image

from checklist.guide_format import import_version
from checklist.models import Guide
from tests.factory import guide_data, make_draft, make_guide
from tests.printouts import pdf_info, pdf_text, squeezed
from tests.test_pdf_worker import QUEUE, run_worker

LINK = "http://testserver/g/shared/"
DPI = 150
DISCLAIMER = (
    "AskFirst does not give medical advice or recommend any clinic. Talk over every decision "
    "with your child's own doctor."
)


@pytest.fixture
def shared(alice):
    return make_guide("shared", owner=alice.user, visibility="unlisted")


def qr_codes(content: bytes) -> list[zxingcpp.Barcode]:
    """The QR codes on the PDF's first page, read from a 150 dpi picture of it."""
    png = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))


def links(content: bytes) -> list[str]:
    return [code.text for code in qr_codes(content)]


def test_it_holds_the_title_author_description_link_and_disclaimer(client, shared):
    response = client.get("/g/shared/flyer.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="askfirst-shared-flyer.pdf"'
    text = squeezed(pdf_text(response.content))
    for words in [
        "A test guide",
        "Written by Test advocate.",
        "Questions made up for tests.",
        LINK,
        DISCLAIMER,
    ]:
        assert squeezed(words) in text
    info = pdf_info(response.content)
    assert info["Pages"] == "1"
    assert info["Title"] == "A test guide"


def test_its_qr_code_opens_the_family_page_from_across_a_room(client, shared):
    [code] = qr_codes(client.get("/g/shared/flyer.pdf").content)
    assert code.text == LINK
    # The code itself, without the white border around it.
    assert (code.position.top_right.x - code.position.top_left.x) / DPI * 2.54 >= 6


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_it_comes_on_a4_or_letter_paper(client, shared, paper, size):
    content = client.get(f"/g/shared/flyer.pdf?paper={paper}").content
    info = pdf_info(content)
    assert size in info["Page size"]
    assert info["Pages"] == "1"
    assert links(content) == [LINK]


def test_without_a_choice_the_paper_follows_the_browser_language(client, shared):
    us = client.get("/g/shared/flyer.pdf", HTTP_ACCEPT_LANGUAGE="en-US")
    uk = client.get("/g/shared/flyer.pdf", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "(letter)" in pdf_info(us.content)["Page size"]
    assert "(A4)" in pdf_info(uk.content)["Page size"]
    assert us["ETag"] != uk["ETag"]


def test_long_words_everywhere_still_fit_on_one_page(client, alice, settings):
    # The longest title, author, description and address there can be, in wide letters.
    settings.ALLOWED_HOSTS = ["askfirst.a-charity-with-a-rather-long-name.example.org"]
    slug = "a-rather-long-address-for-a-guide-about-stem-cells-and-cp-mm"
    data = guide_data(slug)
    data["title"] = ("WWWWW MMMMMM " * 20)[:200]
    data["author"] = ("Parents' Advocacy Network MMMM WWWW " * 10)[:200]
    data["description"] = ("It helps with many things, said at great length. " * 20)[:1000]
    import_version(data, Guide.objects.create(slug=slug, owner=alice.user, visibility="unlisted"))
    link = f"http://{settings.ALLOWED_HOSTS[0]}/g/{slug}/"
    for paper in ["a4", "letter"]:
        content = client.get(
            f"/g/{slug}/flyer.pdf?paper={paper}", HTTP_HOST=settings.ALLOWED_HOSTS[0]
        ).content
        assert pdf_info(content)["Pages"] == "1"
        text = squeezed(pdf_text(content))
        assert squeezed("It helps with many things") in text
        assert squeezed(link) in text and squeezed(DISCLAIMER) in text
        assert links(content) == [link]


def test_a_copy_is_checked_again_and_not_sent_twice(client, shared):
    first = client.get("/g/shared/flyer.pdf")
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/g/shared/flyer.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_waiting_page_keeps_asking_for_the_paper_chosen(client, shared, settings):
    settings.TASKS = QUEUE
    page = client.get("/g/shared/flyer.pdf?paper=letter").content.decode()
    assert "Preparing your PDF" in page
    poll = re.search(r'hx-get="([^"]+)"', page)
    assert poll is not None and "paper=letter" in poll[1]
    run_worker()
    ready = client.get(html.unescape(poll[1]), HTTP_HX_REQUEST="true").content.decode()
    download = re.search(r'href="([^"]+)"[^>]*>Download the PDF', ready)
    assert download is not None
    content = client.get(html.unescape(download[1])).content
    assert "(letter)" in pdf_info(content)["Page size"]


def test_a_private_guides_flyer_is_for_its_owner_only(alice, bob):
    make_guide("mine", owner=alice.user, visibility="private")
    assert alice.client.get("/g/mine/flyer.pdf").status_code == 200
    assert bob.client.get("/g/mine/flyer.pdf").status_code == 404
    assert Client().get("/g/mine/flyer.pdf").status_code == 404


def test_a_guide_with_no_published_version_has_no_flyer(client, db):
    import_version(guide_data("draft-only"), Guide.objects.create(slug="draft-only"), publish=False)
    assert client.get("/g/draft-only/flyer.pdf").status_code == 404


def test_an_unknown_guide_has_no_flyer(client, db):
    assert client.get("/g/no-such-guide/flyer.pdf").status_code == 404


def test_the_share_block_shows_the_qr_code_the_flyer_and_the_link_to_copy(alice, shared):
    page = alice.client.get("/advocate/g/shared/").content.decode()
    assert re.search(r'<img src="/g/shared/qr.svg" alt="[^"]+"', page)
    assert f"<figcaption>{LINK}</figcaption>" in page
    assert 'href="/g/shared/flyer.pdf?paper=a4"' in page
    assert 'href="/g/shared/flyer.pdf?paper=letter"' in page
    assert 'href="/guides/shared/pdf"' in page
    assert 'href="/g/shared/"' in page
    assert 'href="/guides/shared.json"' in page
    assert f'readonly value="{LINK}"' in page
    assert 'data-copy-target="family-link"' in page
    assert 'data-share-target="family-link"' in page
    assert "Only you can open this guide" not in page


def test_the_share_block_says_when_only_the_advocate_can_open_the_guide(alice):
    make_guide("mine", owner=alice.user, visibility="private")
    page = alice.client.get("/advocate/g/mine/").content.decode()
    assert "Only you can open this guide" in page
    assert 'href="/g/mine/flyer.pdf?paper=a4"' in page


def test_a_guide_never_published_has_nothing_to_share(alice):
    import_version(
        guide_data("new"), Guide.objects.create(slug="new", owner=alice.user), publish=False
    )
    page = alice.client.get("/advocate/g/new/").content.decode()
    assert "flyer.pdf" not in page and "qr.svg" not in page


def test_a_new_draft_keeps_the_published_version_shared(alice):
    make_draft(alice.user, visibility="unlisted")
    page = alice.client.get("/advocate/g/alices-guide/").content.decode()
    assert 'href="/g/alices-guide/flyer.pdf?paper=letter"' in page


def test_a_locked_guide_has_nothing_to_share(alice, shared):
    Guide.objects.filter(slug="shared").update(is_locked=True)
    page = alice.client.get("/advocate/g/shared/").content.decode()
    assert "flyer.pdf" not in page and "qr.svg" not in page
    assert alice.client.get("/g/shared/flyer.pdf").status_code == 404


def test_a_private_guides_flyer_is_kept_by_no_shared_cache(alice):
    make_guide("private-guide", owner=alice.user, visibility="private")
    response = alice.client.get("/g/private-guide/flyer.pdf")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
