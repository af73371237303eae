"""Synonyms and acronyms editors keep, and their picks (kb.domain.glossary), as a search reads
them: the glossary of this process (kb.search.variants applies it to a query). Nothing is
reindexed: the glossary is read once per process and again when it changes
(`current()` asks for its version, one small query per search), and the version is part of
every remembered result (kb.search), so an edit takes effect on the next search.
"""

import threading
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym, split_line
from kb.search.variants import WORD, as_term, words_key


@dataclass
class Glossary:
    version: tuple = ()
    expansions: dict = field(default_factory=dict)  # {words key: (alternative Term, ...)}
    picks: dict = field(default_factory=dict)  # {pick key: (case-study id, ...)}
    pick_queries: dict = field(default_factory=dict)  # {pick key: the pick's query}

    def add_line(self, line):
        terms, expansions = split_line(line)
        for term in terms:
            others = expansions if expansions else [t for t in terms if t != term]
            key = words_key(WORD.findall(term))
            found = self.expansions.get(key, ()) + tuple(as_term(other) for other in others)
            self.expansions[key] = tuple(dict.fromkeys(found))


def version():
    """Changes whenever a synonym or a pick is added, changed or removed (one query)."""
    tables = {model: model._meta.db_table for model in (Synonym, EditorPick, PickedCaseStudy)}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {tables[Synonym]}), "
            f"(SELECT max(updated_at) FROM {tables[Synonym]}), "
            f"(SELECT count(*) FROM {tables[EditorPick]}), "
            f"(SELECT max(updated_at) FROM {tables[EditorPick]}), "
            f"(SELECT count(*) FROM {tables[PickedCaseStudy]}), "
            f"(SELECT max(id) FROM {tables[PickedCaseStudy]})"
        )
        return tuple(str(value) for value in cursor.fetchone())


def load(glossary_version):
    from kb.search.picks import pick_key  # picks are keyed by the glossary itself

    glossary = Glossary(version=glossary_version)
    for line in Synonym.objects.values_list("line", flat=True):
        try:
            glossary.add_line(line)
        except ValidationError:  # a line saved around the admin's checks is skipped
            continue
    rows = PickedCaseStudy.objects.order_by("pick", "position", "pk").values_list(
        "pick__query", "case_study_id"
    )
    for query, case_study_id in rows:
        key = pick_key(query, glossary)
        glossary.picks[key] = glossary.picks.get(key, ()) + (case_study_id,)
        glossary.pick_queries[key] = query
    return glossary


class GlossaryCache:
    """The glossary of this process, reloaded when its version changes."""

    def __init__(self):
        self.lock = threading.Lock()
        self.glossary = Glossary()

    def current(self):
        now = version()
        if self.glossary.version != now:
            loaded = load(now)
            with self.lock:
                self.glossary = loaded
        return self.glossary


CACHE = GlossaryCache()


def current():
    return CACHE.current()
