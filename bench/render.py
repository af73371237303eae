"""How long Django takes to render a page when the page cache cannot answer (an editor, or the
first visitor after a change): in-process, through every middleware, at 10,000 case studies.

    .venv/bin/python bench/render.py [--repeat 200] [--database var/bench-10k.sqlite3]

Builds the database on first use (`generate_bench_data --case-studies 10000`, a few minutes)
and collects the static files; then requests each page type with Django's test client, the page
cache turned off (KB_PAGE_CACHE=0), production settings otherwise, and prints p50/p95 in ms,
the CPU time of the request (this process's alone, SQLite's work included: near the time on an
idle machine), and the number of SQL queries. The case-study row cycles through 50 entries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import serving
from serving import ROOT, manage


def environment(database):
    """Production settings with the page cache off, for Django's test client."""
    return serving.environment(
        database,
        ROOT / "var" / "bench-static",
        "render",
        DJANGO_ALLOWED_HOSTS="testserver",
        KB_PAGE_CACHE="0",
        DJANGO_SETTINGS_MODULE="kb.settings",
    )


def prepare(database, case_studies):
    env = environment(database)
    if not database.exists():
        print(f"Building {database} ({case_studies:,} case studies)…", file=sys.stderr)
        manage(env, "migrate", "--noinput")
        manage(env, "generate_bench_data", "--case-studies", str(case_studies))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(client, urls, repeat, cold):
    """(p50 ms, p95 ms, CPU p50 ms, queries of the last request) over `repeat` requests
    cycling `urls`; `cold`: with the fragments forgotten before each (kb.web.fragments).
    CPU time is this process's alone: what the figure would be on an idle machine (SQLite runs
    in the process, so its work is included)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        client.get(url)  # warm: templates compiled, facet index loaded, fragments kept
    timings, cpu = [], []
    for number in range(repeat):
        url = urls[number % len(urls)]
        if cold:
            cache.clear()
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0])
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    return p50, p95, statistics.median(cpu), len(queries)


def page_urls():
    from taggit.models import Tag

    from kb.domain.models import CaseStudy, Industry

    slugs = list(CaseStudy.objects.visible().newest_first().values_list("slug", flat=True)[:50])
    industry = Industry.objects.order_by("pk").values_list("slug", flat=True).first()
    tag = Tag.objects.order_by("pk").values_list("slug", flat=True).first()
    return {
        "case study": [f"/case-studies/{slug}/" for slug in slugs],
        "home": ["/"],
        "listing": ["/case-studies/"],
        "listing, page 5": ["/case-studies/?page=5"],
        "industry": [f"/industries/{industry}/"],
        "tag": [f"/tags/{tag}/"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--case-studies", type=int, default=10_000)
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "bench-10k.sqlite3")
    parser.add_argument("--pages", nargs="*", help="only these rows (e.g. 'case study')")
    args = parser.parse_args()
    database = args.database.resolve()
    prepare(database, args.case_studies)

    os.environ.update(environment(database))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from kb.domain.models import CaseStudy

    client = Client()
    print(f"\nIn-process, page cache off, {CaseStudy.objects.count():,} case studies (SQLite):\n")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")
    print("| page | fragments | p50 ms | p95 ms | CPU p50 ms | SQL queries |")
    print("|---|---|---:|---:|---:|---:|")
    for name, urls in page_urls().items():
        if args.pages and name not in args.pages:
            continue
        for cold in (True, False):
            p50, p95, cpu, queries = measure(client, urls, args.repeat, cold)
            fragments = "rendered" if cold else "kept"
            row = f"| {name} | {fragments} | {p50:.1f} | {p95:.1f} | {cpu:.1f} | {queries} |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
