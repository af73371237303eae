"""Safe on the internet: deploy checks, security headers, log-in throttling."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.builders import case_study

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k8Vd2mQ-Xr7pLw4Zt9Yb3Nc6Hf1Js5Ga0Ue8Io2Ky7Rm4Tq9Wv3Xz6Bn1Cd5Ef8Gh",
    "DJANGO_ALLOWED_HOSTS": "kb.example.com",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_deploy_check_passes_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = manage("check", env={"DJANGO_DEBUG": "0"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_https_settings_follow_the_environment():
    show = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    on = manage("shell", "-c", show, env=PRODUCTION)
    off = manage("shell", "-c", show, env={**PRODUCTION, "DJANGO_HTTPS": "0"})

    assert on.stdout.split()[-3:] == ["31536000", "True", "True"]
    assert off.stdout.split()[-3:] == ["0", "False", "False"]


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/admin/login/", "/no-such-page/"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_have_no_inline_script_or_style(client):
    entry = case_study()
    for url in ["/", "/case-studies/", entry.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url


def test_admin_login_locks_out_after_repeated_wrong_passwords(client, editor):
    for _ in range(5):
        client.post("/admin/login/?next=/admin/", {"username": "edith", "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "edith", "password": "a-long-editor-password"}
    )

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert client.get("/admin/kb/casestudy/").status_code == 302  # still not logged in


def test_a_correct_password_before_the_limit_logs_in(client, editor):
    for _ in range(2):
        client.post("/admin/login/?next=/admin/", {"username": "edith", "password": "wrong"})
    client.post(
        "/admin/login/?next=/admin/", {"username": "edith", "password": "a-long-editor-password"}
    )

    assert client.get("/admin/kb/casestudy/").status_code == 200


def test_the_wsgi_application_refuses_to_start_without_a_secret_key():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", "import kb.wsgi"],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_a_checkout_without_configuration_is_for_development():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env={}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"
