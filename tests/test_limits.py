"""Rate limits answer 429 with a friendly page, and never lose what the family typed."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from checklist.limits import over_limit


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


CACHES = {
    "files": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(settings.BASE_DIR / ".cache" / "tests-limits"),
    },
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    },
}


@pytest.fixture(params=["files", "redis"])
def shared_cache(request, settings):
    """The limits counted in files (the default), and in Redis as with several machines."""
    if request.param == "redis" and not redis_running():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379; CI needs it")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {"default": CACHES[request.param]}  # Django resets its caches for this
    cache.clear()
    yield request.param
    cache.clear()


def test_starting_too_many_checklists_is_paused_and_the_details_are_kept(
    client, small_guide, settings, shared_cache
):
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "create": "2/h"}
    for _ in range(2):
        assert client.post("/start/test-guide/", {"clinic_name": "Clinic A"}).status_code == 302
    response = client.post("/start/test-guide/", {"child_name": "Sam", "clinic_name": "Clinic A"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait a few minutes and press Start again." in page
    assert 'value="Sam"' in page and 'value="Clinic A"' in page


def test_the_limit_counts_each_network_apart(client, small_guide, settings, shared_cache):
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "create": "1/h"}
    assert client.post("/start/test-guide/", {}, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post("/start/test-guide/", {}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post("/start/test-guide/", {}, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_behind_the_proxy_the_address_it_added_counts(client, small_guide, settings, shared_cache):
    settings.HTTPS = True
    settings.SECURE_SSL_REDIRECT = False
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "create": "1/h"}
    made_up = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    assert client.post("/start/test-guide/", {}, **made_up).status_code == 302
    # A client cannot dodge the limit by making up addresses in front of the proxy's.
    made_up["HTTP_X_FORWARDED_FOR"] = "5.6.7.8, 203.0.113.7"
    assert client.post("/start/test-guide/", {}, **made_up).status_code == 429
    made_up["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert client.post("/start/test-guide/", {}, **made_up).status_code in (302, 429)


def test_new_pdfs_are_limited_but_a_repeat_download_is_not(family, settings, shared_cache):
    settings.ASKFIRST_RATE_LIMITS = {**settings.ASKFIRST_RATE_LIMITS, "pdf": "1/h"}
    first = family.client.get(family.url("pdf"))
    assert first.status_code == 200
    # The same PDF again comes from the cache and costs nothing, so it is not counted.
    assert family.client.get(family.url("pdf")).status_code == 200
    # A different one would need a new rendering.
    response = family.client.get(family.url("pdf/answers"))
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert response["Retry-After"] == "600"


COUNT_IN_ANOTHER_PROCESS = """
import django, json
django.setup()
from django.test import RequestFactory
from checklist.limits import over_limit
request = RequestFactory().post("/start/", REMOTE_ADDR="198.51.100.7")
print(json.dumps([over_limit(request, "create") for _ in range(3)]))
"""


def test_every_process_counts_into_one_count_that_outlives_it(settings):
    # Another process (a second web worker, or one that died since) makes three checklists
    # from an address; this one sees the limit reached, as the default settings have it.
    settings.ASKFIRST_RATE_LIMITS = settings.ASKFIRST_RATE_LIMITS | {"create": "3/h"}
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "project.settings"}
    environment["RATE_LIMIT_CREATE"] = "3/h"
    done = subprocess.run(
        [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[-1]) == [False, False, False]
    request = RequestFactory().post("/start/", REMOTE_ADDR="198.51.100.7")
    assert over_limit(request, "create")
