"""Synonyms and acronyms editors keep (kb.domain.glossary), applied to a query when it is searched.

"OTA updates" becomes `(ota OR "over the air") AND updates`; "over the air updates" becomes
`(over OR ota) AND (the OR ota) AND (air OR ota) AND updates`, which finds what either
finds. Nothing is reindexed: the glossary is read once per process and again when it changes
(`current()` asks for its version, one small query per search), and the version is part of
every remembered result (kb.search), so an edit takes effect on the next search.
"""

import re
import threading
from dataclasses import dataclass, field, replace

import snowballstemmer
from django.db import connection

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym, split_line
from kb.search.backend import plain_word
from kb.search.query import STOP_WORDS, Term

MAX_WORDS_PER_TERM = 5
LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")
_stemmer = threading.local()


def stem(word):
    """The English Snowball stem of a plain word ("updates" and "update" give "updat")."""
    if not hasattr(_stemmer, "english"):
        _stemmer.english = snowballstemmer.stemmer("english")
    return _stemmer.english.stemWord(word)


def words_key(words):
    """How glossary terms and typed words are compared: plain, stemmed, letters apart from
    digits ("ISO26262" is "ISO 26262")."""
    return tuple(
        stem(part) for word in words for part in LETTERS_OR_DIGITS.findall(plain_word(word))
    )


def alternative(text):
    """A glossary term as a Term: a word, or a phrase of its words ("over-the-air" is the
    phrase `over the air`, which both databases match in "over-the-air" and "over the air")."""
    words = Term(text).words()
    return Term(" ".join(words), is_phrase=len(words) > 1)


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
            key = words_key(Term(term).words())
            known = self.expansions.get(key, ())
            self.expansions[key] = known + tuple(
                alternative(other) for other in others if alternative(other) not in known
            )

    def expansion(self, words, typed):
        """The alternatives of a run of typed words, or ()."""
        key = words_key(words)
        if len(key) == 1 and plain_word(words[0]) in STOP_WORDS and not typed.isupper():
            return ()  # "can" in a question is not CAN, the bus
        return self.expansions.get(key, ())


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
        except Exception:  # noqa: BLE001 - a line saved around the admin's checks is skipped
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


def expand(parsed, glossary):
    """The query with each run of typed words the glossary knows given its alternatives."""
    include = list(parsed.include)
    for start, end, alternatives in glossary_runs(include, glossary):
        for index in range(start, end):
            include[index] = include[index].with_alternatives(alternatives)
    return replace(parsed, include=tuple(include))


def glossary_runs(terms, glossary):
    """(first term, end, alternatives) of the longest runs of whole terms the glossary knows,
    left to right. A run is one term ("over-the-air", "ISO 26262" in quotes) or several
    ("over the air")."""
    runs, start = [], 0
    while start < len(terms):
        found = None
        for end in range(len(terms), start, -1):
            run = terms[start:end]
            words = [w for term in run for w in term.words()]
            if not words or len(words) > MAX_WORDS_PER_TERM:
                continue
            if len(run) > 1 and any(term.is_phrase for term in run):
                continue
            typed = " ".join(term.text for term in run)
            alternatives = glossary.expansion(words, typed)
            if alternatives:
                found = (start, end, alternatives)
                break
        if found:
            runs.append(found)
            start = found[1]
        else:
            start += 1
    return runs
