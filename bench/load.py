"""Load test: gunicorn on SQLite, dozens of visitors and several editors at once.

    .venv/bin/python bench/load.py [--seconds 60] [--visitors 40] [--editors 4] [--workers 4]

Builds a fresh SQLite knowledge base in a temporary folder (demo content plus synthetic case
studies), starts gunicorn on a free loopback port, and for the given time lets visitor threads
browse, filter, read and search while editor threads log in to the admin and save new case
studies. It then prints requests per second and p50/p95 latency per page type, the number of
server errors and of "database is locked" errors, and checks that every save the editors were
told succeeded is in the database. Exits non-zero if anything went wrong. Loopback only.
"""

import argparse
import http.cookiejar
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from serving import build_knowledge_base, environment, free_port, manage, serve, stop_servers

SEARCH_TERMS = ["xen", "gpu virtualization", "infotainment", "hypervsior", "safety", "arm drivers"]
EDITOR_PASSWORD = "load-test-editor-password"


def prepare(env, case_studies, editors):
    build_knowledge_base(env, case_studies)
    create_editors = (
        "from django.contrib.auth.models import Group, User\n"
        f"for n in range({editors}):\n"
        f"    u = User.objects.create_user(f'loadeditor{{n}}', password='{EDITOR_PASSWORD}',"
        " is_staff=True)\n"
        "    u.groups.add(Group.objects.get(name='Editors'))\n"
    )
    manage(env, "shell", "-c", create_editors)


def start_gunicorn(env, port, workers, log):
    return serve(env, port, workers, ["--error-logfile", str(log), "--log-level", "warning"])


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.server_errors = defaultdict(int)
        self.saved_titles = []
        self.failed_saves = 0

    def record(self, kind, seconds, status):
        with self.lock:
            self.latencies[kind].append(seconds)
            if status >= 500:
                self.server_errors[kind] += 1


def timed_request(opener, url, data=None):
    started = time.perf_counter()
    try:
        with opener.open(url, data=data, timeout=30) as response:
            body = response.read()
            status = response.status
            final_url = response.url
    except urllib.error.HTTPError as error:
        body, status, final_url = error.read(), error.code, url
    return time.perf_counter() - started, status, body.decode("utf-8", "replace"), final_url


def visitor(base, stop, stats, slugs, seed):
    rng = random.Random(seed)
    opener = urllib.request.build_opener()
    pages = {
        "home": lambda: "/",
        "browse": lambda: "/case-studies/",
        "filter": lambda: "/case-studies/?industry=automotive&platform=xen",
        "industry": lambda: "/industries/automotive/",
        "case study": lambda: f"/case-studies/{rng.choice(slugs)}/",
        "search": lambda: "/search/?" + urllib.parse.urlencode({"q": rng.choice(SEARCH_TERMS)}),
    }
    while not stop.is_set():
        kind = rng.choice(list(pages))
        seconds, status, _, _ = timed_request(opener, base + pages[kind]())
        stats.record(kind, seconds, status)


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def editor(base, stop, stats, number, ids):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, login_page, _ = timed_request(opener, base + "/admin/login/")
    form = {
        "username": f"loadeditor{number}",
        "password": EDITOR_PASSWORD,
        "csrfmiddlewaretoken": csrf_token(login_page),
        "next": "/admin/",
    }
    timed_request(opener, base + "/admin/login/", urllib.parse.urlencode(form).encode())
    saved = 0
    while not stop.is_set():
        _, _, add_page, _ = timed_request(opener, base + "/admin/kb/casestudy/add/")
        title = f"Load test entry {number}-{saved}"
        data = case_study_form(title, csrf_token(add_page), ids)
        seconds, status, _, final_url = timed_request(
            opener,
            base + "/admin/kb/casestudy/add/",
            urllib.parse.urlencode(data, doseq=True).encode(),
        )
        stats.record("admin save", seconds, status)
        if status == 200 and final_url.rstrip("/").endswith("/admin/kb/casestudy"):
            with stats.lock:
                stats.saved_titles.append(title)
            saved += 1
        else:
            with stats.lock:
                stats.failed_saves += 1


def case_study_form(title, token, ids):
    data = {
        "csrfmiddlewaretoken": token,
        "title": title,
        "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()),
        "organization": ids["organization"],
        "industries": [ids["industry"]],
        "platforms": [ids["platform"]],
        "tags": "load test, gpu",
        "summary": "Saved by the load test.",
        "status": "published",
        "featured": "",
        "opened_version": "",
    }
    for prefix, row in [
        ("qa_pairs", {"question": "Why?", "answer": "Because the load test says so."}),
        ("benefits", {"statement": "It was saved"}),
        ("challenges", {}),
        ("key_facts", {}),
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "1" if row else "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        data.update({f"{prefix}-0-{key}": value for key, value in row.items()})
    return data


def database_facts(folder):
    db = sqlite3.connect(folder / "kb.sqlite3")
    try:
        slugs = [
            row[0]
            for row in db.execute(
                "SELECT slug FROM kb_casestudy WHERE status = 'published' LIMIT 500"
            )
        ]
        ids = {
            "organization": db.execute("SELECT id FROM kb_organization LIMIT 1").fetchone()[0],
            "industry": db.execute(
                "SELECT id FROM kb_industry WHERE slug = 'automotive'"
            ).fetchone()[0],
            "platform": db.execute("SELECT id FROM kb_platform WHERE slug = 'xen'").fetchone()[0],
        }
        return slugs, ids
    finally:
        db.close()


def titles_in_database(folder):
    db = sqlite3.connect(folder / "kb.sqlite3")
    try:
        return {row[0] for row in db.execute("SELECT title FROM kb_casestudy")}
    finally:
        db.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(stats, seconds, locked_errors, missing):
    total = sum(len(values) for values in stats.latencies.values())
    print(
        f"\n{'page type':<12} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'5xx':>5}"
    )
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        print(
            f"{kind:<12} {len(values):>9} {len(values) / seconds:>8.1f} "
            f"{statistics.median(values) * 1000:>8.1f} {percentile(values, 0.95) * 1000:>8.1f} "
            f"{stats.server_errors[kind]:>5}"
        )
    errors = sum(stats.server_errors.values())
    print(f"{'all':<12} {total:>9} {total / seconds:>8.1f}")
    print(
        f"\nserver errors: {errors}; 'database is locked': {locked_errors}; "
        f"saves: {len(stats.saved_titles)} ok, {stats.failed_saves} refused, "
        f"{len(missing)} missing afterwards"
    )
    return errors == 0 and locked_errors == 0 and not missing and stats.failed_saves == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--visitors", type=int, default=40)
    parser.add_argument("--editors", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--case-studies", type=int, default=1000, help="synthetic case studies besides the demo"
    )
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kb-load-"))
    env = environment(folder / "kb.sqlite3", folder / "static", "load")
    server = None
    try:
        print(f"Preparing a knowledge base in {folder} ...", flush=True)
        prepare(env, options.case_studies, options.editors)
        slugs, ids = database_facts(folder)
        port = free_port()
        log = folder / "gunicorn.log"
        server = start_gunicorn(env, port, options.workers, log)
        base = f"http://127.0.0.1:{port}"
        print(
            f"{options.visitors} visitors and {options.editors} editors for "
            f"{options.seconds:.0f} s against gunicorn ({options.workers} workers) ...",
            flush=True,
        )
        stats, stop = Stats(), threading.Event()
        threads = [
            threading.Thread(target=visitor, args=(base, stop, stats, slugs, n))
            for n in range(options.visitors)
        ]
        threads += [
            threading.Thread(target=editor, args=(base, stop, stats, n, ids))
            for n in range(options.editors)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(options.seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - started
        locked = log.read_text().count("database is locked") if log.exists() else 0
        missing = set(stats.saved_titles) - titles_in_database(folder)
        ok = report(stats, elapsed, locked, missing)
    finally:
        if server:
            stop_servers([server])
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
