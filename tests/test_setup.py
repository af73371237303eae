"""The two-command set-up: demo content, the local editor account, settings from the environment."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from kb.domain.models import CaseStudy, Platform

pytestmark = pytest.mark.django_db

FLAGSHIP = "globallogic-nautilus-xen-automotive-virtualization"


def test_demo_loads_and_loading_again_changes_nothing(client):
    call_command("load_demo", stdout=io.StringIO())
    first = {case.slug: case.qa_pairs.count() for case in CaseStudy.objects.all()}
    call_command("load_demo", stdout=io.StringIO())

    assert {case.slug: case.qa_pairs.count() for case in CaseStudy.objects.all()} == first
    assert len(first) == 5
    assert all(case.is_visible and case.source_name for case in CaseStudy.objects.all())


def test_flagship_demo_entry_is_globallogic_on_xen(client):
    call_command("load_demo", stdout=io.StringIO())
    entry = CaseStudy.objects.get(slug=FLAGSHIP)

    assert entry.organization.name == "GlobalLogic"
    assert {"Xen", "ARM", "GPU virtualization"} <= {p.name for p in entry.platforms.all()}
    assert [i.name for i in entry.industries.all()] == ["Automotive"]
    assert entry.benefits.count() == 3
    assert "drivers" in entry.challenges.get().solution
    assert client.get("/industries/automotive/?platform=xen").status_code == 200
    assert entry.title in client.get("/industries/automotive/?platform=xen").content.decode()


def test_demo_platforms_have_kinds():
    call_command("load_demo", stdout=io.StringIO())

    assert Platform.objects.get(slug="xen").kind == Platform.Kind.HYPERVISOR
    assert Platform.objects.get(slug="gpu-virtualization").kind == Platform.Kind.CAPABILITY


def test_local_editor_can_log_in_and_reuses_its_password(client, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    out = []
    for _ in range(2):
        call_command("local_editor", stdout=FakeOut(out))
    password = out[0].split("password: ")[1].split()[0]

    assert out[0] == out[1]
    client.post("/admin/login/", {"username": "editor", "password": password})
    assert client.get("/admin/kb/casestudy/add/").status_code == 200


class FakeOut:
    def __init__(self, sink):
        self.sink = sink

    def write(self, text, *args, **kwargs):
        self.sink.append(text)

    def flush(self):
        pass


def run_settings(env):
    """Load the settings in a fresh interpreter with exactly `env` as configuration."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; "
            "django.setup(); print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "kb.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({"DJANGO_DEBUG": "0"})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_settings_come_from_the_environment():
    result = run_settings(
        {
            "DJANGO_SECRET_KEY": "x" * 60,
            "DJANGO_ALLOWED_HOSTS": "kb.example.com, www.kb.example.com",
        }
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['kb.example.com', 'www.kb.example.com']"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_file_database_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = {**connection.settings_dict, "NAME": str(tmp_path / "kb.sqlite3")}
    wrapper = DatabaseWrapper(options, alias="wal-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


def test_demo_content_is_searchable_down_to_its_answers(client):
    call_command("load_demo", stdout=io.StringIO())

    response = client.get("/search/", {"q": "fail-safety"})
    assert "GlobalLogic" in response.content.decode()
    assert response.context["page"].paginator.count == 1
