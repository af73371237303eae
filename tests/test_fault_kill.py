"""Fault test: the server is killed (SIGKILL) while editors save and import at once, on a SQLite
file. After a restart the database is intact, the full-text index is intact and equals a
rebuild, and every save the server acknowledged is there."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-fault-test-password"
WRITERS = 4
SECONDS_BEFORE_KILL = 6


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {
        **clean,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_DEBUG": "1",  # static files without collectstatic; the saving is the same
        "DJANGO_SECRET_KEY": "fault-test-only",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def start_server(env, port, log):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kb.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            if requests.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError(f"the server did not start:\n{log.read_text()[-3000:]}")


def logged_in(base):
    session = requests.Session()
    page = session.get(f"{base}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{base}/admin/login/?next=/admin/",
        {"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/admin/login/"},
    )
    return session


def csrf_of(session, url):
    page = session.get(url, timeout=10)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def import_draft(session, base, title):
    url = f"{base}/admin/kb/casestudy/import/"
    data = {
        "csrfmiddlewaretoken": csrf_of(session, url),
        "step": "create",
        "title": title,
        "organization": f"Org {title}",
        "summary": f"Summary of {title}.",
        "qa-TOTAL_FORMS": "1",
        "qa-INITIAL_FORMS": "1",
        "qa-MIN_NUM_FORMS": "0",
        "qa-MAX_NUM_FORMS": "1000",
        "qa-0-question": f"Why {title}?",
        "qa-0-answer": f"Because {title} consolidates.",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
    }
    response = session.post(url, data, headers={"Referer": url}, allow_redirects=False, timeout=20)
    return response.status_code == 302 and "/change/" in response.headers.get("Location", "")


def add_industry(session, base, name):
    url = f"{base}/admin/kb/industry/add/"
    data = {"csrfmiddlewaretoken": csrf_of(session, url), "name": name, "slug": name.lower()}
    response = session.post(url, data, headers={"Referer": url}, allow_redirects=False, timeout=20)
    return response.status_code == 302


def writer(base, number, acknowledged, stop):
    try:
        session = logged_in(base)
    except (requests.RequestException, AttributeError):
        return
    count = 0
    while not stop.is_set():
        count += 1
        title = f"Fault{number}x{count}"
        try:
            if import_draft(session, base, title):
                acknowledged["case studies"].append(title)
            if add_industry(session, base, f"Industry{number}x{count}"):
                acknowledged["industries"].append(f"Industry{number}x{count}")
        except (requests.RequestException, AttributeError):
            return


def search_index(database):
    with sqlite3.connect(database) as db:
        documents = db.execute("SELECT * FROM kb_search_document ORDER BY case_study_id").fetchall()
        words = db.execute("SELECT word FROM kb_search_word ORDER BY word").fetchall()
    return documents, words


def test_killed_during_saves_and_imports_nothing_acknowledged_is_lost(tmp_path):
    database = tmp_path / "fault.sqlite3"
    env = environment(database)
    manage(env, "migrate", "--noinput")
    manage(env, "createsuperuser", "--noinput", "--username", "admin", "--email", "a@b.invalid")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    server = start_server(env, port, log)
    acknowledged = {"case studies": [], "industries": []}
    stop = threading.Event()
    threads = [
        threading.Thread(target=writer, args=(base, n, acknowledged, stop)) for n in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(SECONDS_BEFORE_KILL)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert acknowledged["case studies"], "no save was acknowledged before the kill"

    restarted = start_server(env, port, log)
    try:
        assert requests.get(f"{base}/case-studies/", timeout=30).status_code == 200
    finally:
        os.killpg(restarted.pid, signal.SIGKILL)
        restarted.wait()

    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO kb_search_fts(kb_search_fts, rank) VALUES('integrity-check', 1)")
        titles = {row[0] for row in db.execute("SELECT title FROM kb_casestudy")}
        industries = {row[0] for row in db.execute("SELECT name FROM kb_industry")}
    assert set(acknowledged["case studies"]) <= titles
    assert set(acknowledged["industries"]) <= industries

    before = search_index(database)
    manage(env, "rebuild_search_index")
    assert search_index(database) == before
