"""The one way to keep the search index in step: `reindex(case_study_ids)`, inside the
transaction that changed them, and `reindex_once()`, the block that decides when.

Every way content changes goes through here: the ORM's signals (kb.search.signals) for a single
change; `reindex_once()` around a save that touches many rows (the admin's save of a case study
and its parts, the interview importer's draft, the JSON import, the demo); and
`rebuild_search_index`, which reindexes everything in batches.
"""

import threading
from contextlib import contextmanager

from kb.search import backend
from kb.search.document import documents_for, indexed_case_studies

REINDEX_BATCH = 500

_deferred = threading.local()


@contextmanager
def reindex_once():
    """Within this block reindex() only notes the case studies; each is reindexed once when
    the block ends, still inside the caller's transaction. For a save that touches many rows
    (a case study, then each question, benefit and tag), and for bulk_create, which sends no
    signals: note its case studies with reindex() inside the block."""
    if getattr(_deferred, "ids", None) is not None:
        yield  # already deferring: the outer block reindexes
        return
    _deferred.ids = set()
    try:
        yield
        ids, _deferred.ids = _deferred.ids, None
        reindex(ids)
    finally:
        _deferred.ids = None


def reindex(case_study_ids):
    """Rewrite the search documents of these case studies from the database (removing those
    that are not published or no longer exist). Call it inside the transaction that changed
    them; kb.search.signals does so for every change made through the ORM."""
    deferred = getattr(_deferred, "ids", None)
    if deferred is not None:
        deferred.update(pk for pk in case_study_ids if pk is not None)
        return
    ids = sorted({int(pk) for pk in case_study_ids if pk is not None})
    for start in range(0, len(ids), REINDEX_BATCH):
        batch = ids[start : start + REINDEX_BATCH]
        backend().write(documents_for(batch), batch)


def indexable_ids():
    """Ids of every case study that belongs in the index, in order."""
    return indexed_case_studies().values_list("pk", flat=True)
