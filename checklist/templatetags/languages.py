"""The language of what a page shows: AskFirst's own words are in the reader's language, a
guide's text in the guide's. Screen readers pick their voice by `lang`, browsers the text's
direction by `dir`."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info

from checklist.models import Answer

register = template.Library()

# Scripts written right to left, by language subtag, for languages Django does not describe.
RIGHT_TO_LEFT = {
    "ar",
    "arc",
    "ckb",
    "dv",
    "fa",
    "he",
    "iw",
    "ks",
    "ku",
    "ps",
    "sd",
    "ug",
    "ur",
    "yi",
}


def primary(code: str) -> str:
    """A language tag's language: "es-MX" -> "es"."""
    return code.lower().split("-")[0]


def spoken(code: str) -> str:
    """The language AskFirst's own words can be in for text in `code` ("es-MX" -> "es"), or
    "" when they are not written in it."""
    language = primary(code)
    return language if language in dict(settings.LANGUAGES) else ""


def _info(code: str) -> dict[str, object] | None:
    for candidate in (code.lower(), code.lower().split("-")[0]):
        try:
            info: dict[str, object] = get_language_info(candidate)
            return info
        except KeyError:
            continue
    return None


def is_right_to_left(code: str) -> bool:
    info = _info(code)
    if info is not None:
        return bool(info["bidi"])
    return primary(code) in RIGHT_TO_LEFT


# Languages that write the names of languages in lower case within a sentence ("en inglés"),
# where Django's translated names start with a capital.
LOWER_CASE_NAMES = {"ca", "es", "fr", "gl", "it", "pt", "ro"}


@register.filter
def language_label(code: str) -> str:
    """The language's name in the reader's language, as written within a sentence ("Spanish",
    "español"), else its code."""
    info = _info(code)
    if info is None:
        return code
    name = str(info["name_translated"])
    if primary(get_language() or "") in LOWER_CASE_NAMES:
        return name.lower()
    return name


@register.filter
def language_name_local(code: str) -> str:
    """The language's name in itself ("Español", "العربية"), else its code."""
    info = _info(code)
    return str(info["name_local"]).capitalize() if info is not None else code


def _marked(code: str) -> SafeString:
    return format_html(' lang="{}" dir="{}"', code, "rtl" if is_right_to_left(code) else "ltr")


def _page_is_in(code: str) -> bool:
    return not code or primary(code) == primary(get_language() or "")


@register.filter
def lang_attrs(code: str) -> SafeString:
    """` lang="ar" dir="rtl"` on an element whose text is in another language than the page
    around it; nothing when it is the same."""
    return SafeString("") if _page_is_in(code) else _marked(code)


@register.filter
def page_lang_attrs(code: str) -> SafeString:
    """The page's own language, for AskFirst's words inside an element marked as being in
    `code` (a guide's language); nothing when the two are the same."""
    return SafeString("") if _page_is_in(code) else _marked(get_language())


@register.filter
def text_attrs(answer: Answer, guide_language: str) -> SafeString:
    """For a question's text: the guide's language, or, for a question the family wrote,
    whatever direction its own letters take."""
    if answer.is_own:
        return SafeString(' dir="auto"')
    return lang_attrs(guide_language)
