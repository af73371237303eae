"""Rebuild the search index from the database: `python manage.py rebuild_search_index`.

Safe while the site serves: case studies are re-indexed in small batches, each in its own short
transaction, so searches keep working (and see each batch complete or not at all) throughout.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from kb.search import backend
from kb.search.document import indexed_case_studies
from kb.search.indexing import indexable_ids, reindex


class Command(BaseCommand):
    help = "Rebuild the search index of every published case study, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        started = time.monotonic()
        search = backend()
        ids = list(indexable_ids())
        with transaction.atomic():
            search.forget_vocabulary()
            sql, params = indexed_case_studies().values("pk").query.sql_with_params()
            search.remove_unindexable(sql, params)
        for done in range(0, len(ids), batch_size):
            with transaction.atomic():
                reindex(ids[done : done + batch_size])
            self.show_progress(min(done + batch_size, len(ids)), len(ids), started)
        search.optimize()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"\nIndexed {len(ids)} case stud{'y' if len(ids) == 1 else 'ies'} "
                f"in {elapsed:.1f} s."
            )
        )

    def show_progress(self, done, total, started):
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        self.stdout.write(
            f"\r{done}/{total} ({done * 100 // max(total, 1)}%), {rate:.0f} per second",
            ending="",
        )
        self.stdout.flush()
