"""What decides whether a public page is still current: the knowledge base's newest change and
the next scheduled publication.

Every change visitors could notice adds an IndexChange row in the transaction that makes it: the
search index records one whenever what is published, or how it is labelled, changes
(kb.search.backend), and `connect()` below adds one when an industry, platform, organization or
tag (or person) is edited or deleted (a label no published case study carries still has its own
page), when a case study is deleted, and when its people, quotes or downloads change (the search
index does not read them). The
newest row is read once per request (one small query on the primary key), so every worker on
every machine sees a commit on its very next request. The other thing that changes a page is
time: a scheduled entry appears when its publish time passes, so the next such time is part of
the state.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from taggit.models import Tag

from kb.domain.calls_to_action import CallToAction
from kb.domain.models import (
    CaseStudy,
    Image,
    IndexChange,
    Industry,
    Organization,
    Person,
    Platform,
)
from kb.domain.parts import PARTS, WRITTEN_PARTS
from kb.listing.facet_index import record_change


@dataclass(frozen=True)
class Freshness:
    """The state of the knowledge base a page was (or would be) rendered from."""

    change: tuple  # identifies the newest IndexChange (and how many there are)
    changed_at: datetime | None
    last_publication: datetime | None  # the newest publish time already passed
    next_publication: datetime | None  # the next scheduled entry's publish time
    # Worked out once, here: the page cache reads them on every request (plain attributes
    # keep its road through the project's modules short, bench/search_road.py).
    version: str = field(init=False)  # equal on every process for the same state
    last_modified: datetime | None = field(init=False)

    def __post_init__(self):
        version = hashlib.sha1(repr((self.change, self.next_publication)).encode()).hexdigest()
        times = [t for t in (self.changed_at, self.last_publication) if t is not None]
        object.__setattr__(self, "version", version[:16])
        object.__setattr__(self, "last_modified", max(times) if times else None)


def as_datetime(value):
    """A datetime from the database as the ORM would give it (SQLite answers raw SQL with text)."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)


def current(now=None):
    """The knowledge base's state now, in one query, written out: the ORM would take longer to
    build it than a cached page takes to serve. The newest change's id alone would not identify
    the state: on PostgreSQL a change with a lower id can commit after a newer one (hence the
    count), and an id can be reused after a rollback (hence the random token). The publish
    times are two seeks in the (status, publish_at) index."""
    now = now or timezone.now()
    changes, case_studies = IndexChange._meta.db_table, CaseStudy._meta.db_table
    published = f"SELECT publish_at FROM {case_studies} WHERE status = %s AND publish_at"
    sql = (
        f"SELECT id, token, (SELECT count(*) FROM {changes}), changed_at, "
        f"({published} <= %s ORDER BY publish_at DESC LIMIT 1), "
        f"({published} > %s ORDER BY publish_at LIMIT 1) "
        f"FROM {changes} ORDER BY id DESC LIMIT 1"
    )
    moment = connection.ops.adapt_datetimefield_value(now)
    status = CaseStudy.Status.PUBLISHED.value
    with connection.cursor() as cursor:
        cursor.execute(sql, [status, moment, status, moment])
        row = cursor.fetchone()
    database = connection.settings_dict["NAME"]
    if row is None:  # nothing indexed yet: nothing published through the ORM either
        return Freshness((database,), None, None, None)
    pk, token, count, *times = row
    return Freshness((database, pk, token, count), *map(as_datetime, times))


# --- Changes the search index does not always see ---------------------------------------------

# Images and people show on pages without being part of the search index: a changed alt text,
# picture or photo is a change too.
LABEL_MODELS = (Industry, Platform, Organization, Tag, Image, Person)
# Parts of a case study the search index does not read (kb.domain.parts): they change its page
# all the same.
UNINDEXED_PARTS = tuple(part.model for part in PARTS if part not in WRITTEN_PARTS)


def label_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new label shows nowhere until a case study carries it, which is a change of its own.
    if not created and not raw:
        record_change()


def changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record_change()


def connect():
    """Called from KbConfig.ready()."""
    for model in LABEL_MODELS:
        uid = f"kb.web.freshness.{model._meta.label}"
        post_save.connect(label_saved, sender=model, dispatch_uid=f"{uid}.saved")
    for model in UNINDEXED_PARTS:
        uid = f"kb.web.freshness.{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}.saved")
    # The site-wide call to action is on nearly every page, from the moment it is created.
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        uid = f"kb.web.freshness.{CallToAction._meta.label}.{name}"
        signal.connect(changed, sender=CallToAction, dispatch_uid=uid)
    # A deleted case study's search document goes with it (the database cascades), so the
    # search index may see nothing to remove.
    for model in (*LABEL_MODELS, *UNINDEXED_PARTS, CaseStudy):
        uid = f"kb.web.freshness.{model._meta.label}"
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}.deleted")
