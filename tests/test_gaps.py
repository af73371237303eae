"""Gaps found by breaking the code on purpose: each test here fails when its behaviour breaks.

(a) the summary shown when only the title matched is escaped on the search page;
(b) restore refuses a database or dump that is not a backup of this knowledge base;
(c) spelling: one edit for words up to 5 letters, two for 6-9, three beyond;
(e) the history names who changed an entry, not whoever is looking at it.
(d), samples whose expectations were empty, is in tests/test_importer_samples.py.
"""

import io
import os
import sqlite3
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from kb.domain.editors import EDITORS_GROUP
from kb.domain.models import CaseStudy
from kb.search import search
from kb.search.spelling import allowed_distance, closest_word
from tests.builders import case_study
from tests.test_history import edit

MARKUP = '<script>alert("x")</script><b>bold</b> & <img src=x onerror=alert(1)>'


# --- (a) ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_summary_shown_because_only_the_title_matched_is_escaped(client):
    case_study("Quokkaworks consolidation", summary=MARKUP)
    response = client.get("/search/", {"q": "quokkaworks"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quokkaworks consolidation" in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html and "<img src=x" not in html and "<b>bold</b>" not in html


# --- (b) ------------------------------------------------------------------------------------


def foreign_sqlite_database(path):
    database = sqlite3.connect(path)
    database.execute("CREATE TABLE notes (body TEXT)")
    database.execute("INSERT INTO notes VALUES ('someone else''s data')")
    database.commit()
    database.close()
    return path


def foreign_postgres_dump(path):
    """A pg_dump of another database on the same server."""
    settings = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS kb_foreign")
        cursor.execute("CREATE DATABASE kb_foreign")
    base = [
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER')}",
    ]
    env = {"PGPASSWORD": str(settings.get("PASSWORD") or "")}
    subprocess.run(
        ["psql", *base, "--dbname=kb_foreign", "-c", "CREATE TABLE notes (body text)"],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )
    subprocess.run(
        ["pg_dump", *base, "--dbname=kb_foreign", "--format=custom", f"--file={path}"],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )
    return path


def assert_refused_and_unchanged(path):
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(path), "--noinput", stdout=io.StringIO())
    assert CaseStudy.objects.filter(title="Still here").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_foreign_sqlite_database(tmp_path):
    case_study("Still here")
    assert_refused_and_unchanged(foreign_sqlite_database(tmp_path / "other.sqlite3"))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_postgres_dump_of_another_database(tmp_path):
    case_study("Still here")
    if connection.vendor != "postgresql":
        dump = tmp_path / "other.dump"
        dump.write_bytes(b"PGDMP" + b"\x00" * 200)
    else:
        dump = foreign_postgres_dump(tmp_path / "other.dump")
    assert_refused_and_unchanged(dump)


# --- (c) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "length", "edits"),
    [("kernl", 5, 1), ("krenal", 6, 2), ("hypervsro", 9, 2), ("virtaulizatoin", 14, 3)],
)
def test_the_spelling_bands(typed, length, edits):
    assert len(typed) == length
    assert allowed_distance(typed) == edits


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("kernl", "kernel"),  # 5 letters, one edit
        ("krenl", None),  # 5 letters, two edits: too far
        ("krenal", "kernel"),  # 6 letters, two edits
        ("hypervsro", "hypervisor"),  # 9 letters, two edits
        ("hpyervsro", None),  # 9 letters, three edits: too far
        ("virtaulizatoin", "virtualization"),  # 14 letters, three edits
    ],
)
def test_words_are_corrected_within_their_band(typed, corrected):
    words = ["kernel", "hypervisor", "virtualization"]
    assert closest_word(typed, words, lambda tied: {}) == corrected


@pytest.mark.django_db
def test_a_two_edit_misspelling_of_a_long_word_is_corrected():
    case_study("Partitioned hypervisor", summary="A separation hypervisor for avionics.")
    found = search("hypervsro")
    assert found.corrected_from == "hypervsro"
    assert found.results.total == 1


# --- (e) ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_history_names_who_changed_the_entry_not_who_is_looking(
    editor_client, django_user_model
):
    otto = django_user_model.objects.create_user("otto", password="x" * 20, is_staff=True)
    otto.groups.add(Group.objects.get(name=EDITORS_GROUP))
    other = Client()
    other.force_login(otto)
    entry = case_study("Watched")
    assert edit(other, entry, title="Changed by Otto").status_code == 302

    page = editor_client.get(f"/admin/kb/casestudy/{entry.pk}/history/")
    history = BeautifulSoup(page.content, "html.parser").select_one("#content-main .module")
    assert "otto" in history.get_text()
    assert "edith" not in history.get_text()
