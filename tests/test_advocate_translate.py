"""An advocate translates her own guide: a copy with the same questions in another language,
written in the editor with the original beside each item."""

from django.test import Client

from checklist.models import Guide, Question, Section
from tests.factory import draft_of, make_guide

GUIDE = "/advocate/g/alices-guide/"


def _translate(advocate, language="es", title="Una guía de prueba"):
    return advocate.client.post(GUIDE + "translate/", {"language": language, "title": title})


def test_a_translation_starts_as_a_draft_with_the_same_questions(alice):
    original = make_guide("alices-guide", owner=alice.user)
    response = _translate(alice)
    translation = Guide.objects.get(translates=original.guide)
    assert response.status_code == 302
    assert response["Location"] == f"/advocate/g/{translation.slug}/edit/"
    draft = draft_of(translation)
    assert (draft.title, draft.language) == ("Una guía de prueba", "es")
    assert translation.owner == alice.user
    assert translation.slug == "una-guia-de-prueba"
    assert list(draft.questions.values_list("key", flat=True)) == list(
        original.questions.values_list("key", flat=True)
    )
    # Her guide's page lists it, and the translation's page names the original.
    assert "Una guía de prueba</a> (Spanish)" in alice.client.get(GUIDE).content.decode()
    page = alice.client.get(f"/advocate/g/{translation.slug}/").content.decode()
    assert "A test guide</a> (English, the original)" in page


def test_the_editor_shows_the_original_beside_each_item(alice):
    make_guide("alices-guide", owner=alice.user)
    _translate(alice)
    translation = Guide.objects.get(translates__slug="alices-guide")
    draft = draft_of(translation)
    Question.objects.filter(version=draft, key="q-1-1").update(
        text="¿Pregunta 1 de la sección 1?", why="Por qué importa."
    )
    Section.objects.filter(version=draft, key="section-1").update(title="Sección 1")
    editor = alice.client.get(f"/advocate/g/{translation.slug}/edit/").content.decode()
    assert "¿Pregunta 1 de la sección 1?" in editor
    assert "In the original (English):" in editor
    assert "Question 1 of section 1?" in editor and "Section 1</p>" in editor

    page = alice.client.get(f"/advocate/g/{translation.slug}/q/q-1-1/").content.decode()
    assert "Por qué importa." in page
    assert "Why question 1.1 matters." in page and "A clear answer to 1.1." in page
    page = alice.client.get(f"/advocate/g/{translation.slug}/s/section-1/").content.decode()
    assert "About section 1." in page


def test_the_original_is_marked_as_another_language_on_a_page_in_the_translations(alice):
    make_guide("alices-guide", owner=alice.user)
    _translate(alice)
    translation = Guide.objects.get(translates__slug="alices-guide")
    alice.client.cookies["django_language"] = "es"
    page = alice.client.get(f"/advocate/g/{translation.slug}/q/q-1-1/").content.decode()
    assert "En el original (inglés):" in page
    assert '<p lang="en" dir="ltr">Why question 1.1 matters.</p>' in page


def test_a_question_added_to_the_translation_says_it_is_not_in_the_original(alice):
    make_guide("alices-guide", owner=alice.user)
    _translate(alice)
    translation = Guide.objects.get(translates__slug="alices-guide")
    alice.client.post(
        f"/advocate/g/{translation.slug}/s/section-1/add/", {"new-section-1-text": "¿Una nueva?"}
    )
    added = draft_of(translation).questions.get(text="¿Una nueva?")
    page = alice.client.get(f"/advocate/g/{translation.slug}/q/{added.key}/").content.decode()
    assert "This question is not in the original" in page


def test_a_language_the_guide_is_in_already_is_refused_next_to_the_field(alice):
    make_guide("alices-guide", owner=alice.user)
    page = _translate(alice, language="en").content.decode()
    assert "“A test guide” is in this language already." in page
    _translate(alice, language="es")
    page = _translate(alice, language="es", title="Otra").content.decode()
    assert "“Una guía de prueba” is in this language already." in page
    assert Guide.objects.count() == 2


def test_a_translation_of_a_translation_translates_the_original(alice):
    original = make_guide("alices-guide", owner=alice.user)
    _translate(alice)
    spanish = Guide.objects.get(translates=original.guide)
    alice.client.post(
        f"/advocate/g/{spanish.slug}/translate/", {"language": "ar", "title": "دليل تجريبي"}
    )
    arabic = Guide.objects.get(translates=original.guide, slug="dlyl-tjryby")
    assert draft_of(arabic).language == "ar"


def test_a_guide_never_published_cannot_be_translated_yet(alice):
    guide = Guide.objects.create(slug="alices-guide", owner=alice.user)
    assert alice.client.get(GUIDE + "translate/").status_code == 404
    assert guide.translations.count() == 0


def test_nobody_else_can_translate_her_guide(alice, bob):
    make_guide("alices-guide", owner=alice.user)
    assert _translate(bob).status_code == 404
    assert Client().get(GUIDE + "translate/").status_code == 302
    assert Guide.objects.count() == 1


def test_families_find_the_published_translation_beside_the_original(alice):
    make_guide("alices-guide", owner=alice.user)
    _translate(alice)
    translation = Guide.objects.get(translates__slug="alices-guide")
    translation.visibility = "public"
    translation.save()
    draft_of(translation).publish("Primera edición")
    page = Client().get("/g/alices-guide/").content.decode()
    assert f'href="/g/{translation.slug}/" lang="es" hreflang="es" dir="auto">Español</a>' in page
