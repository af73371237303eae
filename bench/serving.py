"""What the benchmarks that serve the site share: a production-like environment on a SQLite
database, `manage.py` commands, a knowledge base built with the demo and generated case
studies, and gunicorn started as `make serve` starts it."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database, static_root, name, **settings):
    """Production settings (DEBUG off) on the SQLite `database`, plain HTTP on loopback;
    `settings` adds or overrides variables."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SECRET_KEY": f"{name}-bench-" + "x" * 50,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",  # the benchmarks speak plain HTTP on loopback
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(static_root),
        **settings,
    }


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def build_knowledge_base(env, case_studies):
    """A migrated database with the static files, the demo and `case_studies` generated ones."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    if case_studies:
        manage(env, "generate_bench_data", "--case-studies", str(case_studies))


def serve(env, port, workers, options=(), app="kb.wsgi", errors=None):
    """gunicorn serving `app` on 127.0.0.1:`port` with `workers` gthread workers of 4 threads
    (`make serve`'s options), once it answers; `errors`: an open file for its output."""
    command = [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--worker-class", "gthread", "--threads", "4", *options]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=30)
            return server
        except urllib.error.HTTPError:
            return server  # an app without robots.txt (bench/hello.py) is up
        except OSError:  # not listening yet, or still starting up
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"{app} did not start")


def stop_servers(servers):
    for server in servers:
        server.terminate()
    for server in servers:
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
