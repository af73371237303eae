"""Requests per second for each kind of page, from the page cache and rendered, beside a
hello-world Django view served the same way.

    .venv/bin/python bench/throughput.py [--seconds 6] [--rounds 3] [--connections 16]
                                         [--case-studies 1000]
                                         [--pages 'API list' ...]

Builds a fresh SQLite knowledge base in a temporary folder (the demo plus generated case
studies), starts gunicorn as `make serve` does (production settings, 2 × cores + 1 gthread
workers of 4 threads, access log on), and the hello-world app of bench/hello.py the same way,
then drives each page with `wrk` on 127.0.0.1, hello-world just before it, in rounds.
"cached" is an anonymous visitor (the page cache answers after the first request); "live" sends
a session cookie, which makes the page cache step aside as it does for a logged-in editor, so
the page is put together in the view from the fragments kept since the last change
(kb.web.fragments; the cookie names no session: the request is otherwise a visitor's). Prints a
Markdown table.
"""

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from serving import build_knowledge_base, environment, free_port, serve, stop_servers

BYPASS = "Cookie: sessionid=throughput-bench-live-page"
WORKERS = 2 * (os.cpu_count() or 1) + 1  # as `make serve`
WARM_UP_SECONDS = 5


def start(app, env, port, log, extra=()):
    """gunicorn with `make serve`'s options, its access log on."""
    with open(log, "a") as errors:
        options = ["--access-logfile", "-", *extra]
        return serve(env, port, WORKERS, options, app=app, errors=errors)


def pages(folder):
    """{page type: path} on the generated knowledge base."""
    db = sqlite3.connect(folder / "kb.sqlite3")
    try:
        slug = db.execute(
            "SELECT slug FROM kb_casestudy WHERE status = 'published' "
            "ORDER BY publish_at DESC LIMIT 1 OFFSET 20"
        ).fetchone()[0]
        tag = db.execute(
            "SELECT t.slug FROM taggit_tag t JOIN kb_taggedcasestudy l ON l.tag_id = t.id "
            "GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        db.close()
    return {
        "home": "/",
        "listing": "/case-studies/",
        "listing, filtered": "/case-studies/?industry=automotive&platform=xen",
        "industry": "/industries/automotive/",
        "tag": f"/tags/{tag}/",
        "case study": f"/case-studies/{slug}/",
        "search (repeated)": "/search/?q=hypervisor",
        "API list": "/api/case-studies/",
        "API list, filtered": "/api/case-studies/?industry=automotive&platform=xen",
        "API industries": "/api/industries/",
        "feed": "/feeds/case-studies.atom",
    }


def wrk(port, path, seconds, connections, headers=()):
    """(requests per second, non-2xx answers)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def warm(port, path, headers=()):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    for header in headers:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers.get("X-Page-Cache", "")


def measure(args, kb_port, hello_port, paths):
    """A Row per page. Each round measures hello-world, then the page from the cache, then
    rendered, one right after the other: this machine's speed drifts by a quarter within
    minutes, so each share compares runs taken side by side, and the median of the rounds is
    kept."""
    # Every worker of both servers boots and answers its first requests before any figure is
    # taken: otherwise the first rows share the machine with the others starting up.
    for port in (kb_port, hello_port):
        wrk(port, "/", WARM_UP_SECONDS, args.connections)
    rows = []
    for name, path in paths.items():
        # Each worker keeps its own cache: warm until the page has come from one.
        if "hit" not in {warm(kb_port, path) for _ in range(4 * WORKERS)}:
            raise SystemExit(f"{path} is not served from the page cache")
        rounds = [one_round(args, kb_port, hello_port, path) for _ in range(args.rounds)]
        rows.append(Row(name, path, rounds))
    return rows


def one_round(args, kb_port, hello_port, path):
    """(hello-world, cached, live requests/s, errors)."""
    hello, _ = wrk(hello_port, "/", args.seconds, args.connections)
    cached, cached_errors = wrk(kb_port, path, args.seconds, args.connections)
    live, live_errors = wrk(kb_port, path, args.seconds, args.connections, [BYPASS])
    return hello, cached, live, cached_errors + live_errors


@dataclass
class Row:
    name: str
    path: str
    rounds: list

    def median(self, column):
        return statistics.median(values[column] for values in self.rounds)

    def share(self, column):
        """The median over the rounds of the page's rate over hello-world's beside it."""
        return statistics.median(values[column] / values[0] for values in self.rounds)

    def errors(self):
        return sum(values[3] for values in self.rounds)


def table(rows):
    lines = [
        "| page | hello-world req/s | cached req/s | share of hello-world "
        "| live req/s | share of hello-world |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        flag = f" ({row.errors()} errors)" if row.errors() else ""
        lines.append(
            f"| {row.name} (`{row.path}`){flag} | {row.median(0):,.0f} | {row.median(1):,.0f} "
            f"| {row.share(1):.0%} | {row.median(2):,.0f} | {row.share(2):.0%} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=6, help="per page, mode and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--pages", nargs="*", help="only these rows (e.g. 'API list')")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-throughput-") as name:
        folder = Path(name)
        env = environment(folder / "kb.sqlite3", folder / "static", "throughput")
        print(f"Building the knowledge base (demo + {args.case_studies:,})…", file=sys.stderr)
        build_knowledge_base(env, args.case_studies)
        kb_port, hello_port = free_port(), free_port()
        log = folder / "gunicorn.log"
        servers = [start("kb.wsgi", env, kb_port, log)]
        servers.append(start("hello:application", env, hello_port, log, ["--pythonpath", "bench"]))
        paths = pages(folder)
        if args.pages:
            paths = {name: path for name, path in paths.items() if name in args.pages}
        try:
            rows = measure(args, kb_port, hello_port, paths)
        finally:
            stop_servers(servers)
    print(
        f"\ngunicorn: {WORKERS} gthread workers × 4 threads on {os.cpu_count()} cores; "
        f"wrk: {args.connections} connections, {args.seconds} s per page and mode, median of "
        f"{args.rounds} rounds; SQLite, "
        f"the demo + {args.case_studies:,} case studies\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
