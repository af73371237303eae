"""A save shows on the very next request of every web process: two gunicorn servers on one
SQLite file, each with its own page cache in memory (the change marker is a file beside the
database), or both sharing one Redis server (the marker is a key in it). Saves are made by yet
other processes, with the same settings as the servers, as an editor's or an import's would be."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.redis_server import redis_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
TITLE = "Cockpit on Xen"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def fetch(port, path, headers=None):
    """(status, headers, body text) of a GET to one of the servers, under one host name as
    behind a load balancer (pages name their own address, so the host is part of their key)."""
    headers = {"Host": "localhost", **(headers or {})}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def wait_until_serving(server, port):
    for _ in range(200):
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            fetch(port, "/robots.txt")
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("gunicorn did not start")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A file SQLite knowledge base with one published case study; the environment for it."""
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in this virtualenv")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs its servers on an SQLite file; the SQLite pass has run it")
    path = tmp_path_factory.mktemp("processes") / "kb.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL")},
        "DJANGO_SETTINGS_MODULE": "kb.settings_test",
        "DATABASE_URL": f"sqlite:///{path}",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", f"from tests.builders import case_study; case_study({TITLE!r})")
    return env


def start_servers(env, count=2):
    servers = []
    for _ in range(count):
        port = free_port()
        server = subprocess.Popen(
            [str(GUNICORN), "kb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        servers.append((server, port))
    for server, port in servers:
        wait_until_serving(server, port)
    return servers


def stop(servers):
    for server, _ in servers:
        server.terminate()
    for server, _ in servers:
        server.wait(timeout=10)
        server.stderr.close()


@pytest.fixture(scope="module")
def servers(database):
    """Two gunicorn servers, each its own process with its own memory."""
    running = start_servers(database)
    yield [port for _, port in running]
    stop(running)


@pytest.fixture(scope="module")
def on_redis(database, redis_url):  # noqa: F811
    return {**database, "REDIS_URL": redis_url}


@pytest.fixture(scope="module")
def shared_servers(on_redis):
    running = start_servers(on_redis)
    yield [port for _, port in running]
    stop(running)


def rename(env, title):
    """Change the case study's title from yet another process, as an editor's save would."""
    manage(
        env,
        "shell",
        "-c",
        "from kb.domain.models import CaseStudy; entry = CaseStudy.objects.earliest('pk'); "
        f"entry.title = {title!r}; entry.save()",
    )


def slug_of(port):
    _, _, api = fetch(port, "/api/case-studies/")
    return api.split('"slug": "')[1].split('"')[0]


def test_a_save_shows_on_the_next_request_of_every_process(database, servers):
    path = f"/case-studies/{slug_of(servers[0])}/"
    for port in servers:
        fetch(port, path)
        status, headers, body = fetch(port, path)
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
        assert "Cockpit" in body

    rename(database, "Cockpit and cluster on Xen")

    for port in servers:
        status, headers, body = fetch(port, path)
        assert headers["X-Page-Cache"] == "miss"
        assert "Cockpit and cluster on Xen" in body


LIVE = {"Cookie": "sessionid=an-editors-session"}  # the page cache steps aside


@pytest.mark.parametrize("kept_in", ["memory", "Redis"])
def test_a_save_shows_at_once_on_live_pages_put_together_from_kept_fragments(request, kept_in):
    """Editors' pages reuse kept cards and page bodies (kb.web.fragments): a save made by
    another process is on the next of them, on every process."""
    env, ports = (
        (request.getfixturevalue("database"), request.getfixturevalue("servers"))
        if kept_in == "memory"
        else (request.getfixturevalue("on_redis"), request.getfixturevalue("shared_servers"))
    )
    paths = [f"/case-studies/{slug_of(ports[0])}/", "/case-studies/"]
    title = f"Cockpit kept in {kept_in}"
    for port in ports:
        for path in paths:
            for _ in range(2):
                status, headers, body = fetch(port, path, LIVE)
                assert status == 200 and "X-Page-Cache" not in headers
                assert title not in body

    rename(env, title)

    for port in ports:
        for path in paths:
            assert title in fetch(port, path, LIVE)[2], (port, path)


def test_a_copy_from_one_process_is_current_for_the_other(database, servers):
    first, second = servers
    etag = fetch(first, "/")[1]["ETag"]

    assert fetch(second, "/", {"If-None-Match": etag})[0] == 304
    rename(database, "Cockpit, second edition")
    assert fetch(second, "/", {"If-None-Match": etag})[0] == 200


def test_processes_share_pages_through_redis_and_a_save_reaches_all(on_redis, shared_servers):
    first, second = shared_servers
    assert fetch(first, "/case-studies/")[1]["X-Page-Cache"] == "miss"
    assert fetch(second, "/case-studies/")[1]["X-Page-Cache"] == "hit"  # stored by the first

    rename(on_redis, "Cockpit, shared edition")

    status, headers, body = fetch(second, "/case-studies/")
    assert headers["X-Page-Cache"] == "miss" and "Cockpit, shared edition" in body
    status, headers, body = fetch(first, "/case-studies/")
    assert headers["X-Page-Cache"] == "hit" and "Cockpit, shared edition" in body


ADMIN_SAVE = """
from django.contrib.auth import get_user_model
from django.test import Client
from kb.domain.models import CaseStudy
from tests.formdata import form_data

user, _ = get_user_model().objects.get_or_create(
    username="lead", defaults={"is_staff": True, "is_superuser": True}
)
client = Client(HTTP_HOST="localhost")
client.force_login(user)
url = f"/admin/kb/casestudy/{CaseStudy.objects.earliest('pk').pk}/change/"
answer = client.post(url, form_data(client.get(url), form_id="casestudy_form", title=TITLE))
assert answer.status_code == 302, answer.status_code
"""

# Holds the save's transaction open until told to commit (a line on its standard input).
SLOW_SAVE = """
import sys
from django.db import transaction
from kb.domain.models import CaseStudy

with transaction.atomic():
    entry = CaseStudy.objects.earliest('pk')
    entry.title = TITLE
    entry.save()
    print("saved", flush=True)
    sys.stdin.readline()
"""

EXPORT_AS_NEW = """
import json, pathlib
from kb.domain.models import CaseStudy
from kb.exchange import export_data

data = export_data(CaseStudy.objects.filter(pk=CaseStudy.objects.earliest('pk').pk))
entry = data["case_studies"][0]
entry.update(title=TITLE, slug=SLUG)
pathlib.Path(PATH).write_text(json.dumps(data))
"""


def script(text, **names):
    return "".join(f"{name} = {value!r}\n" for name, value in names.items()) + text


@pytest.fixture(params=["memory", "redis"])
def setup(request, database):
    """(environment, server ports): each process's memory with the file marker, or Redis."""
    if request.param == "memory":
        return database, request.getfixturevalue("servers")
    return request.getfixturevalue("on_redis"), request.getfixturevalue("shared_servers")


def warm(ports, path):
    for port in ports:
        fetch(port, path)
        assert fetch(port, path)[1]["X-Page-Cache"] == "hit"


def test_a_save_through_the_admin_shows_on_every_process_at_once(setup):
    env, ports = setup
    path = f"/case-studies/{slug_of(ports[0])}/"
    warm(ports, path)
    title = f"Saved in the admin ({ports[0]})"

    manage(env, "shell", "-c", script(ADMIN_SAVE, TITLE=title))

    for port in ports:
        assert title in fetch(port, path)[2]


def test_a_page_rendered_before_the_commit_is_not_served_after_it(setup):
    env, ports = setup
    path = f"/case-studies/{slug_of(ports[0])}/"
    title = f"Committed later ({ports[0]})"
    saving = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", script(SLOW_SAVE, TITLE=title)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "saved\n" in iter(saving.stdout.readline, "")  # the change is made
        for port in ports:  # rendered and stored while the change is not committed
            assert title not in fetch(port, path)[2]
    finally:
        saving.communicate("commit\n", timeout=60)
    assert saving.returncode == 0

    for port in ports:
        assert title in fetch(port, path)[2]


def test_an_import_shows_on_every_process_at_once(setup, tmp_path):
    env, ports = setup
    warm(ports, "/case-studies/")
    title = f"Imported story ({ports[0]})"
    export = tmp_path / "export.json"
    manage(
        env,
        "shell",
        "-c",
        script(EXPORT_AS_NEW, TITLE=title, SLUG=f"imported-{ports[0]}", PATH=str(export)),
    )

    manage(env, "import_case_studies", str(export))

    for port in ports:
        assert title in fetch(port, "/case-studies/")[2]
