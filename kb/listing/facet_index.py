"""Which published case study has which facet values, held in memory by each web process.

Counting facet values in SQL reads the link rows of every case study in a listing: about 70 ms
for a search matching most of 10,000 case studies, a second at 100,000. Held as arrays, the
same counts take about a millisecond, and so do a listing's size and its newest-first order.

The arrays are built from the database and rebuilt when it changes: every change to the search
index adds an IndexChange row (kb.search.backend), and `current()` compares the newest row with
the one its arrays were built from (one small query). Each process keeps its own copy, so web
processes stay interchangeable. Which published case studies are not visible yet is asked of
the database once per state and kept until the next publish time passes (`visible`), so
scheduled entries appear on time.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import NamedTuple

import numpy as np
from django.db import connection
from django.dispatch import Signal
from django.utils import timezone

from kb.domain.models import CaseStudy, IndexChange

NO_IDS = np.zeros(0, dtype=np.int64)
DERIVED_RESULTS_KEPT = 1000
RELATED_KEPT = 20_000  # one small list per case study page
MAX_VALUES_AS_BITS = 256  # industries, platforms, tags; not the thousands of organizations


def packed_words(masks):
    """Boolean masks (the last axis) packed 64 to a word."""
    packed = np.packbits(masks, axis=-1)
    padding = -packed.shape[-1] % 8
    if padding:
        packed = np.pad(packed, [(0, 0)] * (packed.ndim - 1) + [(0, padding)])
    return packed.view(np.uint64)


MISSING = object()


class Memo(OrderedDict):
    """Results worked out from one state of the knowledge base, the newest `size` of them; safe
    to share between threads. Look one up with `memo.get(key, MISSING)` (a plain dict lookup:
    a search's road need not pass through here), keep a new one with `put`."""

    def __init__(self, size):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def put(self, key, result):
        with self.lock:
            self[key] = result
            while len(self) > self.size:
                self.popitem(last=False)
        return result

    def get_or_compute(self, key, compute):
        result = self.get(key, MISSING)
        return self.put(key, compute()) if result is MISSING else result


@dataclass(frozen=True)
class Source:
    """Where a facet is read from: its link table (a row per case study and value) and the
    model naming its values (with `slug` and `name`)."""

    table: str
    case_study_column: str
    value_column: str
    value_model: type

    @classmethod
    def of(cls, link_model, case_study_field, value_field, value_model):
        meta = link_model._meta
        case_study = meta.pk if case_study_field == "pk" else meta.get_field(case_study_field)
        return cls(
            meta.db_table, case_study.column, meta.get_field(value_field).column, value_model
        )


class ValueName(NamedTuple):
    pk: int
    slug: str
    name: str


class FacetIndex:
    """Published case studies (`ids`, ascending), their newest-first order and their facet
    values, as arrays.

    A listing is a boolean mask over `ids`; `counts` and `newest` read it.
    """

    def __init__(self, ids, newest_rank, published=None, state=None):
        self.ids = ids  # published case-study ids, ascending
        # When each was published, in whole seconds since 1970 (UTC).
        self.published = published if published is not None else np.zeros(len(ids), np.int64)
        self.state = state  # the database's State this index was read in (None: built by hand)
        self.newest_order = np.argsort(newest_rank)  # positions in ids, newest first
        # The position of each id in `ids` (-1: not published), indexed by id.
        self.position_of = np.full(int(ids.max()) + 1 if len(ids) else 0, -1, dtype=np.int64)
        self.position_of[ids] = np.arange(len(ids))
        self.links = {}  # {facet param: (positions in ids, value ids)}
        # {facet param: (value ids, one bit row per value)} for facets with few values:
        # counting is then an AND and a bit count per value, not a pass over every link.
        self.bit_rows = {}
        # {facet param: {value id: ValueName}}. A rename changes the search index only when
        # published case studies carry the value, and only those values are counted.
        self.names = {}
        # Results worked out from this state of the knowledge base (search rankings); they
        # are dropped with it.
        self.derived = Memo(DERIVED_RESULTS_KEPT)
        # Each case study's related ones (kb.listing.related), apart: a crawl of every page
        # must not push the search rankings out.
        self.related = Memo(RELATED_KEPT)

    def __len__(self):
        return len(self.ids)

    def everything(self):
        return np.ones(len(self.ids), dtype=bool)

    def of_ids(self, ids):
        """Mask of the given case-study ids (those not published are ignored)."""
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[self.positions(ids)] = True
        return mask

    def positions_or_missing(self, ids):
        """The position of each id in `ids`, or -1 for those not published."""
        ids = np.asarray(ids, dtype=np.int64)
        known = (ids >= 0) & (ids < len(self.position_of))
        positions = np.full(len(ids), -1, dtype=np.int64)
        positions[known] = self.position_of[ids[known]]
        return positions

    def positions(self, ids):
        positions = self.positions_or_missing(ids)
        return positions[positions >= 0]

    def link(self, param, case_study_ids, values):
        """Add a facet's links (those of unpublished case studies are left out)."""
        positions = self.positions_or_missing(case_study_ids)
        published = positions >= 0
        positions, values = positions[published], values[published]
        self.links[param] = (positions, values)
        distinct = np.unique(values)
        if len(distinct) <= MAX_VALUES_AS_BITS:
            rows = np.zeros((len(distinct), len(self.ids)), dtype=bool)
            rows[np.searchsorted(distinct, values), positions] = True
            self.bit_rows[param] = (distinct, packed_words(rows))

    def having(self, param, value_ids):
        """Mask of the case studies with any of these values of a facet."""
        positions, values = self.links[param]
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[positions[np.isin(values, list(value_ids))]] = True
        return mask

    def counts_per_facet(self, masks):
        """{param: {value id: count}} for the listing `masks[param]` of each facet."""
        return {param: self.counts(param, mask) for param, mask in masks.items()}

    def counts(self, param, mask):
        """{value id: number of case studies in `mask` with that value}."""
        if param in self.bit_rows:
            value_ids, rows = self.bit_rows[param]
            per_row = np.bitwise_count(rows & packed_words(mask)).sum(axis=-1)
            present = np.flatnonzero(per_row)
            return dict(zip(value_ids[present].tolist(), per_row[present].tolist(), strict=True))
        positions, values = self.links[param]
        per_value = np.bincount(values[mask[positions]])
        present = np.flatnonzero(per_value)
        return dict(zip(present.tolist(), per_value[present].tolist(), strict=True))

    def newest(self, mask):
        """Ids of the case studies in `mask`, newest first."""
        return self.ids[self.newest_order[mask[self.newest_order]]]

    def ids_of(self, mask):
        return self.ids[mask]

    @cached_property
    def updated(self):
        """When each was last saved, in whole seconds since 1970 (UTC), read on first use: only
        the API's Last-Modified asks, and the rebuild after every change would otherwise read
        every published row (the visibility index does not hold the save time)."""
        if self.state is None:  # built by hand, not read from the database
            return np.zeros(len(self.ids), dtype=np.int64)
        return saved_times(self.ids, self.position_of)

    def last_changes(self, mask):
        """(latest save, latest publication) of the case studies in `mask`, as datetimes; both
        None when the mask is empty."""
        if not mask.any():
            return None, None
        return as_datetime(self.updated[mask].max()), as_datetime(self.published[mask].max())


@dataclass(frozen=True)
class Scheduled:
    """Published case studies visitors may not see yet, as read at `read_at`: still right
    until the earliest of their publish times (`until`) passes, or the data changes (then the
    index holding this is replaced)."""

    ids: list
    read_at: object
    until: object  # None: none of them has a publish time

    def holds_at(self, now):
        return self.read_at <= now and (self.until is None or now < self.until)


def scheduled(now=None):
    """Published case studies with a publish time to come, or none: two index ranges (with OR
    the whole status would be read)."""
    now = now or timezone.now()
    published = CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED).order_by()
    later = published.filter(publish_at__gt=now).values_list("pk", "publish_at")
    undated = published.filter(publish_at__isnull=True).values_list("pk", "publish_at")
    rows = list(later.union(undated))
    times = [publish_at for _, publish_at in rows if publish_at is not None]
    return Scheduled([pk for pk, _ in rows], now, min(times, default=None))


def scheduled_ids(now=None):
    """Published case studies visitors may not see yet (publish time to come, or none)."""
    return scheduled(now).ids


SCHEDULED = ("scheduled",)


def waiting(index, now):
    """What is scheduled at `now`: read once per state of the knowledge base and kept with its
    index until a publish time passes. Its `read_at` tells such periods apart."""
    found = index.derived.get(SCHEDULED, MISSING)
    if found is MISSING or not found.holds_at(now):
        found = index.derived.put(SCHEDULED, scheduled(now))
    return found


def visible(index, now=None):
    """Mask of the case studies visitors may see at `now`."""
    waiting_now = waiting(index, now or timezone.now())
    mask = index.everything()
    if waiting_now.ids:
        mask[index.positions(waiting_now.ids)] = False
    return mask


# --- Building it, and keeping it current ------------------------------------------------------


def epoch_seconds(column):
    """SQL for a datetime column as whole seconds since 1970 (UTC): numbers travel through
    `integer_columns`, and a second is as precise as Last-Modified gets."""
    if connection.vendor == "postgresql":
        return f"floor(extract(epoch from {column}))::bigint"
    return f"CAST(strftime('%%s', {column}) AS INTEGER)"


def as_datetime(seconds):
    return None if seconds is None else datetime.fromtimestamp(int(seconds), tz=UTC)


def integer_columns(sql, params, columns):
    """The named integer columns of a query's rows as aligned arrays, in one round trip: the
    database joins each column into one string, which numpy parses (much faster than fetching
    a Python tuple per row)."""
    if connection.vendor == "postgresql":
        joined = [f"string_agg({column}::text, ',')" for column in columns]
    else:
        joined = [f"group_concat({column})" for column in columns]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(joined)} FROM ({sql}) AS listed", params)
        row = cursor.fetchone()
    return [np.fromstring(text, dtype=np.int64, sep=",") if text else NO_IDS.copy() for text in row]


def published_in_newest_order():
    """(ids ascending, newest-first rank of each, when each was published)."""
    table = CaseStudy._meta.db_table
    columns = integer_columns(
        f"SELECT id, row_number() OVER (ORDER BY publish_at DESC, id DESC) - 1 AS newest, "
        f"COALESCE({epoch_seconds('publish_at')}, 0) AS published "
        f"FROM {table} WHERE status = %s",
        [CaseStudy.Status.PUBLISHED],
        ["id", "newest", "published"],
    )
    order = np.argsort(columns[0])
    return [column[order] for column in columns]


def saved_times(ids, position_of):
    """When each of `ids` was last saved (0 for one no longer published), aligned with them;
    one published since `ids` were read is left out (its save is a change: the index is
    read again)."""
    saved_ids, saved = integer_columns(
        f"SELECT id, {epoch_seconds('updated_at')} AS saved FROM {CaseStudy._meta.db_table} "
        "WHERE status = %s",
        [CaseStudy.Status.PUBLISHED],
        ["id", "saved"],
    )
    known = saved_ids < len(position_of)
    saved_ids, saved = saved_ids[known], saved[known]
    positions = position_of[saved_ids]
    times = np.zeros(len(ids), dtype=np.int64)
    times[positions[positions >= 0]] = saved[positions >= 0]
    return times


def load(sources, state=None):
    """A FacetIndex read from the database. `sources`: {facet param: Source}."""
    index = FacetIndex(*published_in_newest_order(), state=state)
    for param, source in sources.items():
        case_study_ids, values = integer_columns(
            f"SELECT {source.case_study_column} AS case_study, {source.value_column} AS value "
            f"FROM {source.table} WHERE {source.value_column} IS NOT NULL",
            [],
            ["case_study", "value"],
        )
        index.link(param, case_study_ids, values)
        rows = source.value_model.objects.values_list("pk", "slug", "name")
        index.names[param] = {row[0]: ValueName(*row) for row in rows}
    return index


class State(NamedTuple):
    """What identifies the database's current state: the newest IndexChange, and how many
    there are (on PostgreSQL a change with a lower id can be committed after a newer one)."""

    database: str
    change: tuple | None  # (id, token, count) of the newest IndexChange; None before any
    changed_at: datetime | None  # when the latest change was made (to the second)


def latest_change():
    """The database's current State (one small query)."""
    table = IndexChange._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, token, (SELECT count(*) FROM {table}), "
            f"(SELECT max({epoch_seconds('changed_at')}) FROM {table}) FROM {table} "
            "ORDER BY id DESC LIMIT 1",
            [],
        )
        row = cursor.fetchone()
    change, changed_at = (tuple(row[:3]), as_datetime(row[3])) if row else (None, None)
    return State(connection.settings_dict["NAME"], change, changed_at)


class ProcessCache:
    """The one FacetIndex of this process, rebuilt when the database has changed since."""

    def __init__(self):
        self.lock = threading.Lock()
        self.state = None
        self.index = None

    def current(self, sources):
        state = latest_change()  # read before loading, so a change made meanwhile reloads
        with self.lock:
            if self.index is None or state != self.state:
                self.index, self.state = load(sources, state), state
            return self.index

    def clear(self):
        with self.lock:
            self.index = self.state = None


CACHE = ProcessCache()


KEPT_CHANGES = 100

# Sent by record_change(), in the changing transaction: the page cache moves its marker on.
changed = Signal()


def record_change():
    """Note that the search index changed (call it in the transaction that changed it). Only
    the newest changes matter: now and then the old ones are removed."""
    change = IndexChange.objects.create()
    if change.pk % KEPT_CHANGES == 0:
        IndexChange.objects.filter(pk__lte=change.pk - KEPT_CHANGES).delete()
    changed.send(sender=IndexChange, change=change)
