"""A token that names the knowledge base's current state, readable on every request without
asking the database: the page cache keys its pages by it (kb.web.page_cache).

Every change visitors could notice goes through one function, kb.listing.facet_index
.record_change(), in the transaction that makes it; it sends `changed`. The marker is then set
to a new random token when that transaction commits: any token a process can read after the
commit was set after it, so every page stored under that token was rendered from data that
includes the change. Where the marker is kept decides who sees it:

- **the shared cache** (Redis: `REDIS_URL`), seen by every process on every machine;
- **a file beside the SQLite database** when the cache is each process's memory: an SQLite
  file is only ever used by processes of one machine, and they all see the file;
- **the database itself** otherwise (memory caches on PostgreSQL, which several machines may
  share): the newest IndexChange row, one small query per request (kb.web.freshness).

A marker that is missing (a flushed or evicted cache, a removed file) is set to a new token
before it is used, so no page stored before can be read under it.
"""

import functools
import hashlib
import logging
import os
import secrets
import tempfile
from pathlib import Path

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.sqlite3.creation import DatabaseCreation

from kb.listing.facet_index import changed

logger = logging.getLogger(__name__)

PROCESS_LOCAL_CACHES = (LocMemCache, DummyCache)


def new_token():
    return secrets.token_hex(8)


def database():
    """(vendor, name) of the default database: read on every request, so the connection
    handler is asked once (each of its attributes is a thread-local lookup)."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    return wrapper.vendor, str(wrapper.settings_dict["NAME"])


class CacheMarker:
    """The token as a key of the shared cache (no expiry; an eviction only costs re-rendering)."""

    def __init__(self, cache, database_name):
        self.cache = cache
        digest = hashlib.sha1(database_name.encode()).hexdigest()[:12]
        self.key = f"kb.state.{digest}"

    def token(self):
        token = self.cache.get(self.key)
        if token is None:
            self.cache.add(self.key, new_token(), timeout=None)
            token = self.cache.get(self.key)
        return token

    def bump(self):
        self.cache.set(self.key, new_token(), timeout=None)


class FileMarker:
    """The token as the content of a small file beside the SQLite database, replaced whole (a
    reader sees the old content or the new, never half)."""

    def __init__(self, path):
        self.path = Path(f"{path}.page-state")

    def token(self):
        try:
            return self.read()
        except FileNotFoundError:
            self.bump()
            return self.read()

    def read(self):
        # os.open and os.read: a third of the time of Path.read_text, on every request.
        handle = os.open(self.path, os.O_RDONLY)
        try:
            return os.read(handle, 64).decode()
        finally:
            os.close(handle)

    def bump(self):
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".page-state.")
        with os.fdopen(handle, "w") as file:
            file.write(new_token())
        os.replace(temporary, self.path)


def sqlite_file(vendor, name):
    """The SQLite database's path, or None (another database, or one in memory)."""
    if vendor != "sqlite" or DatabaseCreation.is_in_memory_db(name):
        return None
    return name


@functools.cache
def file_marker(path):
    """The FileMarker of the SQLite database at `path`, made once: every request reads it."""
    return FileMarker(path)


@functools.lru_cache(maxsize=64)
def marker_for(cache, vendor, name):
    if not isinstance(cache, PROCESS_LOCAL_CACHES):
        return CacheMarker(cache, name)
    path = sqlite_file(vendor, name)
    return file_marker(path) if path else None


def marker(cache):
    """Where the token is read for pages kept in `cache`; None: in the database (the newest
    change, kb.web.freshness), the change's own row being the marker."""
    return marker_for(cache, *database())


def token(cache):
    """The token naming the current state for pages kept in `cache`, or None when only the
    database can tell (kb.web.freshness.current().version)."""
    found = marker(cache)
    return found.token() if found else None


def markers_to_bump(cache):
    """Every marker a web process could read: the shared cache's and the SQLite file's."""
    vendor, name = database()
    found = [] if isinstance(cache, PROCESS_LOCAL_CACHES) else [CacheMarker(cache, name)]
    path = sqlite_file(vendor, name)
    return [*found, file_marker(path)] if path else found


def bump(cache):
    for each in markers_to_bump(cache):
        try:
            each.bump()
        except Exception:  # noqa: BLE001  (the save has committed; it must not fail now)
            logger.exception("Page cache: cannot move the change marker %s on", each)


def on_change(sender, **kwargs):
    """Move the markers on when the change commits; and at once, too: a page rendered between
    the two from the old data is stored under the first token, which no one reads after the
    second. Doing it at once lets code that runs inside one transaction it never commits (the
    test suite) see its own changes."""
    from kb.web.page_cache import page_cache  # which imports this module

    bump(page_cache())
    transaction.on_commit(lambda: bump(page_cache()))


def connect():
    """Called from KbConfig.ready()."""
    changed.connect(on_change, dispatch_uid="kb.web.change_marker")
