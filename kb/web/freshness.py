"""What decides whether a public page is still current: the knowledge base's newest change and
the next scheduled publication.

Every change visitors could notice adds an IndexChange row in the transaction that makes it: the
search index records one whenever what is published, or how it is labelled, changes
(kb.search.backend), and `connect()` below adds one when an industry, platform, organization or
tag is edited or deleted (a label no published case study carries still has its own page) and
when a case study is deleted. The
newest row is read once per request (one small query on the primary key), so every worker on
every machine sees a commit on its very next request. The other thing that changes a page is
time: a scheduled entry appears when its publish time passes, so the next such time is part of
the state.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Subquery
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import (
    CaseStudy,
    Image,
    IndexChange,
    Industry,
    Organization,
    Person,
    Platform,
)
from kb.listing.facet_index import record_change


@dataclass(frozen=True)
class Freshness:
    """The state of the knowledge base a page was (or would be) rendered from."""

    change: tuple  # identifies the newest IndexChange (and how many there are)
    changed_at: datetime | None
    last_publication: datetime | None  # the newest publish time already passed
    next_publication: datetime | None  # the next scheduled entry's publish time

    @property
    def version(self):
        """Equal on every process for the same state of the knowledge base."""
        return hashlib.sha1(repr((self.change, self.next_publication)).encode()).hexdigest()[:16]

    @property
    def last_modified(self):
        times = [t for t in (self.changed_at, self.last_publication) if t is not None]
        return max(times) if times else None


def publish_time(published, condition, order):
    return Subquery(published.filter(**condition).order_by(order).values("publish_at")[:1])


def current(now=None):
    """The knowledge base's state now, in one query. The newest change's id alone would not
    identify it: on PostgreSQL a change with a lower id can commit after a newer one (hence the
    count), and an id can be reused after a rollback (hence the random token). The publish times
    are two seeks in the (status, publish_at) index."""
    now = now or timezone.now()
    published = CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED)
    table = IndexChange._meta.db_table
    row = (
        IndexChange.objects.annotate(
            count=RawSQL(f"SELECT count(*) FROM {table}", ()),
            last_publication=publish_time(published, {"publish_at__lte": now}, "-publish_at"),
            next_publication=publish_time(published, {"publish_at__gt": now}, "publish_at"),
        )
        .order_by("-pk")
        .values_list("pk", "token", "count", "changed_at", "last_publication", "next_publication")
        .first()
    )
    database = connection.settings_dict["NAME"]
    if row is None:  # nothing indexed yet: nothing published through the ORM either
        return Freshness((database,), None, None, None)
    pk, token, count, *times = row
    return Freshness((database, pk, token, count), *times)


# --- Changes the search index does not always see ---------------------------------------------

# Images and people show on pages without being part of the search index: a changed alt text,
# picture or photo is a change too.
LABEL_MODELS = (Industry, Platform, Organization, Tag, Image, Person)


def label_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new label shows nowhere until a case study carries it, which is a change of its own.
    if not created and not raw:
        record_change()


def deleted(sender, instance, **kwargs):
    record_change()


def connect():
    """Called from KbConfig.ready()."""
    for model in LABEL_MODELS:
        uid = f"kb.web.freshness.{model._meta.label}"
        post_save.connect(label_saved, sender=model, dispatch_uid=f"{uid}.saved")
    # A deleted case study's search document goes with it (the database cascades), so the
    # search index may see nothing to remove.
    for model in (*LABEL_MODELS, CaseStudy):
        uid = f"kb.web.freshness.{model._meta.label}"
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}.deleted")
