"""The language of what a page shows: AskFirst's own words are in the reader's language, a
guide's text in the guide's. Screen readers pick their voice by `lang`, browsers the text's
direction by `dir`."""

from django import template
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
    return code.lower().split("-")[0] in RIGHT_TO_LEFT


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
    if (get_language() or "").split("-")[0] in LOWER_CASE_NAMES:
        return name.lower()
    return name


@register.filter
def language_name_local(code: str) -> str:
    """The language's name in itself ("Español", "العربية"), else its code."""
    info = _info(code)
    return str(info["name_local"]).capitalize() if info is not None else code


@register.filter
def lang_attrs(code: str) -> SafeString:
    """` lang="ar" dir="rtl"` on an element whose text is in another language than the page
    around it; nothing when it is the same."""
    page = get_language() or ""
    if not code or code.lower().split("-")[0] == page.lower().split("-")[0]:
        return SafeString("")
    return format_html(' lang="{}" dir="{}"', code, "rtl" if is_right_to_left(code) else "ltr")


@register.filter
def page_lang_attrs(code: str) -> SafeString:
    """The page's own language, for AskFirst's words inside an element marked as being in
    `code` (a guide's language); nothing when the two are the same."""
    page = get_language() or ""
    if not code or code.lower().split("-")[0] == page.lower().split("-")[0]:
        return SafeString("")
    return format_html(' lang="{}" dir="{}"', page, "rtl" if is_right_to_left(page) else "ltr")


@register.filter
def text_attrs(answer: Answer, guide_language: str) -> SafeString:
    """For a question's text: the guide's language, or, for a question the family wrote,
    whatever direction its own letters take."""
    if answer.is_own:
        return SafeString(' dir="auto"')
    return lang_attrs(guide_language)
