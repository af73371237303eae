"""Case studies related to one: those sharing most of its platforms, tags and industries, then
the newest, read from the facet index (kb.listing.facet_index).

Counting shared values in SQL means a subquery per visible case study and facet: close to a
second at 10,000 entries. The facet index holds the same links as arrays; the counts are a
pass over them (a millisecond).
"""

import numpy as np
from django.utils import timezone

from kb.listing import facet_index
from kb.listing.browse import FACET_SOURCES

SHARED = ("platform", "tag", "industry")


def related_ids(case_study_id, shared_values, limit, now=None, index=None):
    """Ids of up to `limit` visible case studies, other than `case_study_id`, sharing any of
    `shared_values` ({"platform"|"tag"|"industry": value ids}): most values shared first, then
    newest first (as CaseStudyQuerySet.related_to orders them)."""
    index = index if index is not None else facet_index.CACHE.current(FACET_SOURCES)
    now = now or timezone.now()
    # Kept until the data changes (a new index) or a scheduled entry appears (a new period).
    labels = tuple((param, tuple(sorted(shared_values.get(param, ())))) for param in SHARED)
    period = facet_index.waiting(index, now).read_at
    key = (case_study_id, labels, limit, period)
    return index.related.get_or_compute(
        key, lambda: most_related(index, case_study_id, shared_values, limit, now)
    )


def most_related(index, case_study_id, shared_values, limit, now):
    if not len(index):
        return []
    shared = np.zeros(len(index), dtype=np.int64)
    for param in SHARED:
        values = list(shared_values.get(param, ()))
        if values:
            positions, linked_values = index.links[param]
            matching = positions[np.isin(linked_values, values)]
            shared += np.bincount(matching, minlength=len(index))
    candidates = facet_index.visible(index, now) & (shared > 0)
    candidates[index.positions([case_study_id])] = False
    newest = index.newest_order[candidates[index.newest_order]]
    best = newest[np.argsort(-shared[newest], kind="stable")][:limit]
    return index.ids[best].tolist()
