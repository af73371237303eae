"""Benchmark search: `manage.py bench_search` on a database made by generate_bench_data.

For a rare term, a common term, two words, a phrase, a typo, an acronym (expanded from the
glossary), a run-together word and a partial match (a word in every entry and one in none) it
prints p50/p95 (ms) of:
- page:  the rendered /search/ page (middleware, search, facets, snippets, log, template), as
         when a search is repeated: its ranked first page is remembered (kb.search);
- first: the same page searched for the first time since the knowledge base last changed: before
         each run (untimed) one case study is saved unchanged, a real change, so the figure
         includes rebuilding this process's facet index as after any editor's save;
- kept:  the same first search with the facet index kept: only the remembered rankings are
         forgotten before each run (what "first" measured before: the rebuild is the
         difference);
- core:  the search without facets: count, ranked first page, cards, snippets;
- raw:   the bare full-text query ranking every match for the first page of ids (FTS5 MATCH +
         bm25, or tsquery + ts_rank): what the search runs for a query found in at most half
         the case studies (for more, it ranks the newest 1,000: kb.search.backend);
- naive: the search Django makes easy: `icontains` over the same fields with `.distinct()`,
         counted and its first page fetched (a run is abandoned after --naive-limit seconds:
         "> N" then means that one run alone took longer).
and the browse page (/case-studies/) for comparison, repeated and after a change, and the time
this process takes to rebuild its facet index after a change (part of every "first" figure).
Pages are rendered with the page cache off (kb.web.page_cache would answer repeated pages before
any search runs; bench/throughput.py measures it). Not a test: it prints numbers.
"""

import statistics
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import reverse

from kb.domain.models import CaseStudy, Organization
from kb.listing import facet_index
from kb.listing.browse import FACET_SOURCES
from kb.search import finished_last_word, search
from kb.search.query import parse

NAIVE_FIELDS = (
    "title",
    "summary",
    "introduction",
    "organization__name",
    "industries__name",
    "platforms__name",
    "tags__name",
    "benefits__statement",
    "benefits__detail",
    "challenges__problem",
    "challenges__solution",
    "key_facts__value",
    "qa_pairs__question",
    "qa_pairs__answer",
)


def percentiles(timings):
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


# Wall-clock time, or the CPU time of this process (the database too, for SQLite: it runs in
# the process), which other work on a busy machine hardly changes.
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]


def use_clock(name):
    global clock  # noqa: PLW0603
    clock = CLOCKS[name]


def timed(function, repeat, before=None):
    """p50 and p95 (ms) of `repeat` runs of `function` after one to warm up; `before` is called
    before each run, untimed."""
    function()  # warm up
    timings = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = clock()
        function()
        timings.append((clock() - started) * 1000)
    return percentiles(timings)


@contextmanager
def time_limit(seconds):
    """Abort the database work of the block after `seconds` (raises OperationalError).
    Use inside a transaction: on PostgreSQL the limit is `SET LOCAL`."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = time.monotonic() + seconds
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [int(seconds * 1000)])
        yield  # after an error, rolling the transaction back also ends the limit
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")


def timed_with_limit(function, repeat, seconds):
    """Like `timed`, or None when one run (the warm-up included) takes longer than `seconds`."""

    def limited():
        with transaction.atomic(), time_limit(seconds):
            return function()

    try:
        return timed(limited, repeat)
    except OperationalError:
        return None


def change_the_knowledge_base():
    """A real change, as an editor's save: every process rebuilds its facet index after it."""
    CaseStudy.objects.visible().order_by("pk").first().save()


def forget_rankings():
    if facet_index.CACHE.index is not None:
        facet_index.CACHE.index.derived.clear()


def search_core(parsed):
    """The search without facets, for the first time: count, first page of ranked ids, cards
    and snippets (and the spelling correction, for a typo)."""
    forget_rankings()
    results = search(parsed).results
    return results.total, results[0 : settings.CASE_STUDIES_PER_PAGE]


def raw_first_page(parsed):
    """The bare ranked full-text query for the first page of ids."""
    if connection.vendor == "sqlite":
        from kb.search.sqlite import INDEX, RANK, match_expression

        sql = f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s ORDER BY {RANK} LIMIT %s"
        params = [match_expression(parsed), settings.CASE_STUDIES_PER_PAGE]
    else:
        from kb.search.postgres import RANK_WEIGHTS, tsquery

        query_sql, query_params = tsquery(parsed)
        sql = (
            f"SELECT case_study_id FROM kb_search_document d, (SELECT {query_sql} AS q) query "
            f"WHERE d.vector @@ query.q ORDER BY ts_rank('{RANK_WEIGHTS}', d.vector, query.q) "
            "DESC LIMIT %s"
        )
        params = [*query_params, settings.CASE_STUDIES_PER_PAGE]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def naive_search(parsed):
    """icontains over every field, all words required, distinct, counted, first page."""
    case_studies = CaseStudy.objects.visible()
    for term in parsed.include:
        matches = Q()
        for field in NAIVE_FIELDS:
            matches |= Q(**{f"{field}__icontains": term.text})
        case_studies = case_studies.filter(matches)
    case_studies = case_studies.distinct()
    count = case_studies.count()
    page = list(case_studies.for_cards()[: settings.CASE_STUDIES_PER_PAGE])
    return count, page


class Command(BaseCommand):
    help = "Print p50/p95 timings of the search page, the raw query and a naive search."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--naive-repeat", type=int, default=5)
        parser.add_argument("--skip-naive", action="store_true")
        parser.add_argument(
            "--clock",
            dest="clock_name",
            choices=sorted(CLOCKS),
            default="wall",
            help="cpu: this process's CPU time, steadier on a shared machine (SQLite only).",
        )
        parser.add_argument(
            "--naive-limit", type=float, default=60, help="Seconds before a naive run is abandoned."
        )

    def queries(self):
        rare = Organization.objects.order_by("pk").values_list("name", flat=True).first()
        rare_word = (rare or "nothing").split()[0].lower()
        return [
            ("rare term", rare_word),
            ("common term", "hypervisor"),
            ("two words", "gpu sharing"),
            ("phrase", '"real-time kernel"'),
            ("typo", "hypervsior"),
            ("acronym", "ota"),
            ("run-together", "realtime kernel"),
            ("partial", "hypervisor zqxwvy"),
        ]

    def handle(self, *args, **options):
        use_clock(options["clock_name"])
        with override_settings(PAGE_CACHE_ENABLED=False):
            self.report(**options)

    def report(self, *, repeat, naive_repeat, skip_naive, naive_limit, clock_name, **options):
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        visible = CaseStudy.objects.visible().count()
        self.stdout.write(
            f"{connection.vendor}, {visible} visible case studies, "
            f"{repeat} runs per figure ({naive_repeat} for naive), {clock_name} clock\n"
        )
        self.stdout.write(
            "| query | text | results | page p50 | page p95 | first p50 | first p95 "
            "| kept p50 | kept p95 | core p50 | core p95 | raw p50 | raw p95 "
            "| naive p50 | naive p95 |"
        )
        self.stdout.write("|---|---|---:" + "|---:" * 12 + "|")
        url = reverse("search:results")
        for kind, text in self.queries():
            parsed = parse(text)
            page = timed(lambda t=text: self.get(client, url, {"q": t}), repeat)
            first = timed(
                lambda t=text: self.get(client, url, {"q": t}),
                repeat,
                before=change_the_knowledge_base,
            )
            kept = timed(lambda t=text: self.get(client, url, {"q": t}, forget=True), repeat)
            core = timed(lambda p=parsed: search_core(p), repeat)
            finished = finished_last_word(parsed)
            raw = timed(lambda p=finished: raw_first_page(p), repeat)
            naive = "- | -"
            if not skip_naive:
                timings = timed_with_limit(
                    lambda p=parsed: naive_search(p), naive_repeat, naive_limit
                )
                naive = (
                    f"{timings[0]:.0f} | {timings[1]:.0f}"
                    if timings
                    else f"> {naive_limit * 1000:.0f} | -"
                )
            results = search(parsed).results.total
            figures = " | ".join(
                f"{p50:.1f} | {p95:.1f}" for p50, p95 in (page, first, kept, core, raw)
            )
            self.stdout.write(f"| {kind} | `{text}` | {results} | {figures} | {naive} |")
        browse_url = reverse("kb:case-studies")
        browse = timed(lambda: self.get(client, browse_url, {}), repeat)
        browse_first = timed(
            lambda: self.get(client, browse_url, {}), repeat, before=change_the_knowledge_base
        )
        self.stdout.write(
            f"\nBrowse page /case-studies/: p50 {browse[0]:.1f} ms, p95 {browse[1]:.1f} ms; "
            f"after a change (rebuild included): p50 {browse_first[0]:.1f} ms, "
            f"p95 {browse_first[1]:.1f} ms"
        )
        rebuild = timed(
            lambda: facet_index.CACHE.current(FACET_SOURCES),
            repeat,
            before=change_the_knowledge_base,
        )
        self.stdout.write(
            f"Facet index rebuild after a change (in every first figure): "
            f"p50 {rebuild[0]:.1f} ms, p95 {rebuild[1]:.1f} ms"
        )

    def get(self, client, url, params, forget=False):
        if forget:
            forget_rankings()
        response = client.get(url, params, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {params}: HTTP {response.status_code}")
        return response
