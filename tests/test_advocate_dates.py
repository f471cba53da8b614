"""Dates on the advocate's screens read as words in the advocate's language."""

import datetime

from checklist.models import GuideVersion
from tests.factory import make_guide


def test_a_version_is_dated_in_words_in_the_advocates_language(alice):
    version = make_guide("alices-guide", owner=alice.user)
    GuideVersion.objects.filter(pk=version.pk).update(
        published=datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC)
    )
    page = alice.client.get("/advocate/g/alices-guide/").content.decode()
    assert "<td>3 December 2026</td>" in page
    alice.client.cookies["django_language"] = "es"
    page = alice.client.get("/advocate/g/alices-guide/").content.decode()
    assert "<td>3 de diciembre de 2026</td>" in page
