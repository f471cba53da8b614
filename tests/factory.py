"""Plain helpers that make guides and checklists for tests."""

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client

from checklist.guide_format import export_version, import_version
from checklist.models import Answer, Checklist, Guide, GuideVersion, Visibility
from checklist.tokens import hash_token


def guide_data(slug: str = "test-guide", sections: int = 2, questions: int = 2) -> dict[str, Any]:
    """A guide in the exchange format, with plain made-up text."""
    return {
        "format": "askfirst-guide",
        "format_version": 1,
        "slug": slug,
        "title": "A test guide",
        "description": "Questions made up for tests.",
        "audience": "Tests",
        "language": "en",
        "author": "Test advocate",
        "version": 1,
        "change_note": "",
        "sources": [{"key": "SRC1", "citation": "A made-up source, 2025."}],
        "sections": [
            {
                "key": f"section-{s}",
                "title": f"Section {s}",
                "intro": f"About section {s}.",
                "questions": [
                    {
                        "key": f"q-{s}-{q}",
                        "text": f"Question {q} of section {s}?",
                        "why": f"Why question {s}.{q} matters.",
                        "clear_answer": f"A clear answer to {s}.{q}.",
                        "warning_signs": f"Warning signs for {s}.{q}.",
                        "sources": ["SRC1"],
                    }
                    for q in range(1, questions + 1)
                ],
            }
            for s in range(1, sections + 1)
        ],
    }


def make_guide(
    slug: str = "test-guide",
    sections: int = 2,
    questions: int = 2,
    *,
    owner: User | None = None,
    visibility: str = Visibility.PUBLIC,
) -> GuideVersion:
    guide = Guide.objects.create(slug=slug, owner=owner, visibility=visibility)
    return import_version(guide_data(slug, sections, questions), guide)


def start_checklist(client: Client, slug: str, **details: str) -> tuple[str, Checklist]:
    """Start a checklist the way a family does; returns its private token and the checklist."""
    response = client.post(f"/start/{slug}/", details)
    assert response.status_code == 302, response.content
    token = response["Location"].split("/")[2]
    return token, Checklist.objects.get(token_hash=hash_token(token))


def answer_fields(answer: Answer, page_render: str = "abc123", **changes: Any) -> dict[str, Any]:
    """The fields a section page sends for one question, as it shows them now, plus changes."""
    values: dict[str, Any] = {
        "included": answer.included,
        "starred": answer.starred,
        "response": answer.response,
        "rating": answer.rating,
        "notes": answer.notes,
        "revision": answer.revision,
        "page_render": page_render,
    }
    if answer.is_own:
        values["own_question"] = answer.own_question
    values |= changes
    data = {}
    for name, value in values.items():
        if value is True:
            data[f"a{answer.pk}-{name}"] = "on"
        elif value is not False:
            data[f"a{answer.pk}-{name}"] = str(value)
    return data


def save(family: Any, answer: Answer, *, htmx: bool = True, **fields: Any) -> HttpResponse:
    """Save one question as the section page does: with htmx, or as a plain POST."""
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response: HttpResponse = family.client.post(
        family.url(f"a/{answer.pk}/"), answer_fields(answer, **fields), **headers
    )
    return response


def section_fields(checklist: Checklist, number: int, **extra: str) -> dict[str, Any]:
    """Everything a section page sends when the family presses a button without changes."""
    data: dict[str, Any] = {"new-own_question": ""}
    shown = Checklist.objects.get(pk=checklist.pk).current_answers()
    for answer in shown.filter(section__position=number):
        data |= answer_fields(answer)
    return data | extra


PASSWORD = "a long and unusual passphrase 42"


def make_advocate(username: str) -> User:
    return User.objects.create_user(username, f"{username}@example.org", PASSWORD)


def make_draft(owner: User, slug: str = "alices-guide", **kwargs: Any) -> GuideVersion:
    """An advocate's guide with one published version and a draft of the next one."""
    published = make_guide(slug, owner=owner, **kwargs)
    return import_version(export_version(published), published.guide, publish=False)


def publish(version: GuideVersion, note: str = "Changes") -> GuideVersion:
    version.publish(note)
    return version


def draft_of(guide: Guide) -> GuideVersion:
    return guide.versions.get(is_published=False)


def published_of(guide: Guide) -> GuideVersion:
    return guide.versions.filter(is_published=True).latest("number")
