import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_forbids_framing_sniffing_and_unused_browser_features(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_content_security_policy_is_strict(client, db):
    csp = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "'nonce-" in directives["script-src"]
    assert "unsafe" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_scripts_and_the_stylesheet_carry_the_pages_nonce(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f"style-src 'self' 'nonce-{nonce}'" in policy and "unsafe-inline" not in policy
    page = response.content.decode()
    assert page.count("<style") == 1
    assert page.count("<script") + page.count("<style") == page.count(f'nonce="{nonce}"')
    assert "style=" not in page


def test_production_settings_pass_the_deploy_check():
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "askfirst.example",
        "HTTPS": "1",
        "DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_error_pages_are_styled_under_the_policy(client, db, settings):
    # The stylesheet is written into each page with the response's nonce: an error page
    # rendered without it would show unstyled.
    settings.ASKFIRST_MAX_REQUEST_BYTES = 10
    for response, status in [
        (client.get("/c/no-such-link/"), 404),
        (client.post("/start/", {"child_name": "x" * 50}), 413),
    ]:
        assert response.status_code == status
        nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
        assert f'<style nonce="{nonce}">' in response.content.decode()
