"""Searches answered from the page cache are logged too, a few at a time.

A repeated search served from the cache costs a fraction of a millisecond; a row written per
search would cost more than the page and make every worker queue for SQLite's one writer. So
they are kept in memory (as plain tuples) and written together, in one statement,
`SEARCH_LOG_DELAY` seconds after the first of them (by a timer thread), and when the process
exits. At worst, a process that is killed loses that many seconds of its cached searches;
searches the page cache cannot answer are still logged at once, by the view.
"""

import atexit
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from kb.domain.models import SearchLog

logger = logging.getLogger(__name__)


class DeferredSearchLog:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []
        self.timer = None

    def add(self, query, corrected_to, results):
        delay = getattr(settings, "SEARCH_LOG_DELAY", 1.0)
        with self.lock:
            self.rows.append((query, corrected_to, results, timezone.now()))
            if delay and self.timer is None:
                self.timer = threading.Timer(delay, self.flush_from_timer)
                self.timer.daemon = True
                self.timer.start()
        if not delay:
            self.flush()

    def flush(self):
        with self.lock:
            rows, self.rows, self.timer = self.rows, [], None
        if not rows:
            return
        try:
            write(rows)
        except DatabaseError:
            logger.exception("%d cached searches could not be logged", len(rows))

    def flush_from_timer(self):
        try:
            self.flush()
        finally:
            connection.close()  # the timer thread's own connection


COLUMNS = ("query", "corrected_to", "results", "created_at")


def write(rows):
    """(query, corrected_to, results, created_at) rows as SearchLog rows, in one statement.
    Not through model instances: building one (and sending its signals) for each search cost
    a tenth of a cached search page's time."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(SearchLog._meta.get_field(name).column) for name in COLUMNS)
    sql = f"INSERT INTO {quote(SearchLog._meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"
    at = connection.ops.adapt_datetimefield_value
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.executemany(
            sql, [(query, corrected, found, at(when)) for query, corrected, found, when in rows]
        )


SEARCHES = DeferredSearchLog()
atexit.register(SEARCHES.flush)


def log_cached_search(query, corrected_to, results):
    """Called by the page cache each time it serves a search's first page."""
    SEARCHES.add(query, corrected_to, results)
