"""Families in their own language: AskFirst's words in Spanish, the built-in guide in
Spanish, a guide's text marked with its language and direction, every script printed, a
bilingual clinic copy."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from checklist.guide_format import import_version
from checklist.models import Checklist, Guide, Question
from tests.factory import answer_fields, start_checklist
from tests.printouts import pdf_text

ARABIC_GUIDE = Path(__file__).resolve().parent / "data" / "arabic-guide.json"
# The same question in every script a family may write in (issue 13's list).
SCRIPTS = {
    "Latin": "Who pays if my child needs care?",
    "Cyrillic": "Кто платит, если моему ребёнку нужна помощь?",
    "Greek": "Ποιος πληρώνει αν το παιδί μου χρειαστεί φροντίδα;",
    "Arabic": "من يدفع إذا احتاج طفلي إلى رعاية؟",
    "Hebrew": "מי משלם אם הילד שלי צריך טיפול?",
    "Devanagari": "अगर मेरे बच्चे को देखभाल की ज़रूरत हो तो कौन भुगतान करेगा?",
    "Chinese": "如果我的孩子需要护理，谁来付钱？",
    "Japanese": "子どもにケアが必要になったら、誰が支払いますか？",
    "Korean": "제 아이가 치료가 필요하면 누가 비용을 내나요?",
    "Thai": "ถ้าลูกของฉันต้องได้รับการดูแล ใครจะจ่าย",
    "Vietnamese": "Ai sẽ trả tiền nếu con tôi cần được chăm sóc?",
}
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def spanish(text: str) -> str:
    with translation.override("es"):
        return translation.gettext(text)


def html_lang(page: str) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', page)
    assert found is not None
    return found[1], found[2]


@pytest.fixture
def arabic(db):
    guide = Guide.objects.create(slug="asila-lil-iyada", visibility="public")
    return import_version(json.loads(ARABIC_GUIDE.read_text(encoding="utf-8")), guide)


@pytest.fixture
def missing_glyphs():
    """What WeasyPrint says when a character has no glyph in any font (an empty box on
    paper). The app's logging drops these lines (they quote what the family typed)."""
    logger = logging.getLogger("weasyprint")
    found: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if str(record.msg).startswith(".notdef glyph"):
                found.append(record.getMessage())

    handler, filters = Catch(), logger.filters[:]
    logger.filters.clear()
    logger.addHandler(handler)
    yield found
    logger.removeHandler(handler)
    logger.filters.extend(filters)


def test_a_spanish_browser_gets_askfirst_and_the_guide_in_spanish(builtin):
    client = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    page = client.get("/").content.decode()
    assert html_lang(page) == ("es", "ltr")
    assert spanish("Start a checklist") in page and "Start a checklist" not in page
    token, checklist = start_checklist(client, "stem-cells-cp-es")
    assert checklist.language == "es"
    # From the landing page's Start, too: the built-in guide in the reader's language.
    response = client.post("/start/", {})
    token = response["Location"].split("/")[2]
    page = client.get(f"/c/{token}/s/1/").content.decode()
    assert html_lang(page) == ("es", "ltr")
    assert "¿Está comprobado para la parálisis cerebral?" in page or "parálisis" in page
    assert spanish("Next") in page


def test_a_checklist_opens_in_its_familys_language_on_any_device(builtin):
    token, _checklist = start_checklist(
        Client(HTTP_ACCEPT_LANGUAGE="es"), "stem-cells-cp-es", child_name="Sofía"
    )
    partners_phone = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    page = partners_phone.get(f"/c/{token}/").content.decode()
    assert html_lang(page)[0] == "es"


def test_the_switch_changes_the_site_and_the_checklist(builtin):
    client = Client()
    page = client.get("/").content.decode()
    # Each language named in itself, for a reader of that language to find.
    assert 'name="language" value="es" lang="es">Español</button>' in page
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert html_lang(client.get("/").content.decode())[0] == "es"

    token, checklist = start_checklist(client, "stem-cells-cp")
    assert checklist.language == "en"  # an English guide: the family may switch
    page = client.get(f"/c/{token}/").content.decode()
    assert f'action="/c/{token}/language/"' in page
    response = client.post(f"/c/{token}/language/", {"language": "es", "next": f"/c/{token}/"})
    assert response["Location"] == f"/c/{token}/"
    checklist.refresh_from_db()
    assert checklist.language == "es"
    assert html_lang(Client().get(f"/c/{token}/").content.decode())[0] == "es"
    # A language AskFirst does not speak changes nothing.
    client.post(f"/c/{token}/language/", {"language": "xx", "next": f"/c/{token}/"})
    checklist.refresh_from_db()
    assert checklist.language == "es"


def test_an_arabic_guide_reads_right_to_left_inside_an_english_page(client, arabic):
    page = client.get("/g/asila-lil-iyada/").content.decode()
    assert html_lang(page) == ("en", "ltr")
    assert '<h1 lang="ar" dir="rtl">أسئلة للعيادة عن العلاج بالخلايا الجذعية</h1>' in page
    token, _checklist = start_checklist(client, "asila-lil-iyada")
    page = client.get(f"/c/{token}/s/1/").content.decode()
    assert '<h1 lang="ar" dir="rtl">هل العلاج مثبت؟</h1>' in page
    assert '<legend lang="ar" dir="rtl">هل وافقت هيئة صحية على هذا العلاج لحالة طفلي؟' in page
    # Whatever the family types takes its own direction.
    boxes = re.findall(r"<textarea[^>]*>", page)
    assert boxes and all('dir="auto"' in box for box in boxes)


def test_an_arabic_guide_prints_in_logical_order_with_no_empty_boxes(
    client, arabic, missing_glyphs
):
    pdf = client.get("/guides/asila-lil-iyada/pdf").content
    assert pdf.startswith(b"%PDF")
    # Read back as a reader copies it: each line in the order it is read, first word first.
    # (pdftotext turns the one lam-alef ligature, "لا", around, so a line without it.)
    text = BIDI_MARKS.sub("", pdf_text(pdf))
    assert "من يدفع إذا حدثت مضاعفات؟" in text
    assert missing_glyphs == []


def test_every_script_a_family_may_type_prints_without_empty_boxes(family, missing_glyphs):
    answer = family.checklist.answers.order_by("pk").first()
    response = family.client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(answer, response="\n".join(SCRIPTS.values()), rating="clear"),
        HTTP_HX_REQUEST="true",
    )
    assert "Saved" in response.content.decode()
    pdf = family.client.get(family.url("pdf/answers")).content
    printed = BIDI_MARKS.sub("", pdf_text(pdf))
    for script, text in SCRIPTS.items():
        # Thai has no spaces between words; pdftotext may break its line anywhere.
        assert text.split()[0][:4] in printed, script
    assert missing_glyphs == []


def test_a_chinese_answer_prints_without_notdef_glyphs(family, missing_glyphs):
    answer = family.checklist.answers.order_by("pk").first()
    family.client.post(
        family.url(f"a/{answer.pk}/"),
        answer_fields(answer, response=SCRIPTS["Chinese"], rating="clear"),
        HTTP_HX_REQUEST="true",
    )
    pdf = family.client.get(family.url("pdf/answers")).content
    assert SCRIPTS["Chinese"] in pdf_text(pdf)
    assert missing_glyphs == []


def first_chosen(checklist: Checklist) -> Question:
    question = checklist.answers.filter(included=True).order_by("pk")[0].question
    assert question is not None
    return question


def bilingual_options(client: Client, token: str, languages: str) -> None:
    response = client.post(
        f"/c/{token}/print-options/",
        {"paper_size": "a4", "large_print": "False", "clinic_languages": languages},
    )
    assert response.status_code == 302


def test_the_clinic_copy_prints_in_the_clinics_language_or_both(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    page = client.get(f"/c/{token}/print-options/").content.decode()
    assert "Language of the clinic copy and the answers record" in page
    assert "English, with Spanish under each question" in page
    english = first_chosen(checklist)
    spanish_version = builtin.guide.translations.get().latest_published()
    spanish_text = spanish_version.questions.get(key=english.key).text

    bilingual_options(client, token, "es+")
    text = " ".join(pdf_text(client.get(f"/c/{token}/pdf/clinic").content).split())
    assert " ".join(english.text.split()) in text
    assert " ".join(spanish_text.split()) in text
    assert "Our questions" in text and spanish("Our questions") in text
    # The family's own sheet stays in the family's language.
    assert " ".join(spanish_text.split()) not in " ".join(
        pdf_text(client.get(f"/c/{token}/pdf").content).split()
    )

    bilingual_options(client, token, "es")
    text = " ".join(pdf_text(client.get(f"/c/{token}/pdf/clinic").content).split())
    assert " ".join(spanish_text.split()) in text
    assert " ".join(english.text.split()) not in text
    assert spanish("Our questions") in text and "Our questions" not in text


def test_a_copy_in_two_languages_starts_in_the_guides_whatever_askfirsts_language(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    client.post(f"/c/{token}/language/", {"language": "es"})
    checklist.refresh_from_db()
    assert checklist.language == "es"
    bilingual_options(client, token, "es+")  # English, with Spanish under each question
    text = " ".join(pdf_text(client.get(f"/c/{token}/pdf/clinic").content).split())
    assert f"Our questions / {spanish('Our questions')}" in text


def test_the_answers_record_in_both_languages_keeps_the_familys_answers_as_typed(builtin):
    client = Client()
    token, checklist = start_checklist(client, "stem-cells-cp")
    answer = checklist.answers.filter(included=True)[0]
    client.post(
        f"/c/{token}/a/{answer.pk}/",
        answer_fields(answer, response="They said: cord blood, frozen.", rating="clear"),
        HTTP_HX_REQUEST="true",
    )
    bilingual_options(client, token, "es+")
    text = " ".join(pdf_text(client.get(f"/c/{token}/pdf/answers").content).split())
    spanish_version = builtin.guide.translations.get().latest_published()
    spanish_text = spanish_version.questions.get(key=first_chosen(checklist).key).text
    assert " ".join(spanish_text.split()) in text
    assert "They said: cord blood, frozen." in text
    assert f"Answers record / {spanish('Answers record')}" in text


def test_a_guide_title_in_any_script_gives_a_readable_address(db):
    for title in ["دليل الأسئلة", "干细胞问题", "Вопросы клинике"]:
        slug = Guide.free_slug(title)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and not slug.startswith("guide"), slug
    assert Guide.free_slug("Вопросы клинике") == "voprosy-klinike"
