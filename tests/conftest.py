from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from checklist import published
from checklist.models import Checklist, GuideVersion
from tests.factory import make_advocate, make_guide, start_checklist


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests read static files from the source folders; `collectstatic` is for serving.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # A real password hash takes a tenth of a second by design; most tests make advocates.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # A PDF asked for is ready when the request ends, as if the worker were instant; the
    # tests of waiting for the worker (test_pdf_worker.py) choose the database queue.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "pdf"],
        }
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counts, cached PDFs and a guide's HTML and content from one test must not
    # reach the next (the database is rolled back, and ids come again).
    for alias in caches:
        caches[alias].clear()
    published.kept.cache_clear()


@dataclass
class Family:
    """A family on its own device: a browser, and the private link of its checklist."""

    client: Client
    token: str
    checklist: Checklist

    def url(self, path: str = "") -> str:
        return f"/c/{self.token}/{path}"


@pytest.fixture
def builtin(db) -> GuideVersion:
    call_command("load_builtin_guides", verbosity=0)
    return GuideVersion.objects.get(guide__slug="stem-cells-cp")


@pytest.fixture
def small_guide(db) -> GuideVersion:
    return make_guide(sections=3, questions=2)


@pytest.fixture
def family(small_guide) -> Family:
    client = Client()
    token, checklist = start_checklist(client, small_guide.guide.slug, clinic_name="Clinic A")
    return Family(client, token, checklist)


@pytest.fixture
def other_family(small_guide) -> Family:
    client = Client()
    token, checklist = start_checklist(client, small_guide.guide.slug, clinic_name="Clinic B")
    return Family(client, token, checklist)


@dataclass
class Advocate:
    """An advocate signed in on their own browser."""

    client: Client
    user: User


@pytest.fixture
def alice(db) -> Advocate:
    return sign_in(make_advocate("alice"))


@pytest.fixture
def bob(db) -> Advocate:
    return sign_in(make_advocate("bob"))


def sign_in(user: User) -> Advocate:
    client = Client()
    client.force_login(user)
    return Advocate(client, user)
