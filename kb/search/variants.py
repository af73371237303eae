"""Other forms of the words typed, added to a query as alternatives (Term.alternatives).

- Synonyms and acronyms from the editors' glossary (kb.domain.glossary): "OTA updates"
  becomes `(ota OR "over the air") AND updates`; "over the air updates" becomes
  `(over OR ota) AND (the OR ota) AND (air OR ota) AND updates`, which finds what either finds.
- Hyphenated, spaced and run-together forms: "real-time", "real time" and "realtime" find each
  other; "R-Car" and "RCar"; "multi-core" and "multicore". A run-together word is split where
  both halves are words of the knowledge base ("realtime": real + time), or, for a word the
  knowledge base does not know, where a letter or two is followed by a known word ("rcar": r
  + car); two typed words are joined when the knowledge base knows them joined.
- Letters and digits apart or together: "ISO26262" and "ISO 26262", "A53" and "A 53".
- Derived forms (only when searching for every word as typed found nothing, see kb.search):
  "comparison" also finds "compared", "certified" finds "certification": the word's Snowball
  stem, cut back to what its derived forms share, matched as a prefix.

The glossary (synonyms and editor's picks) is read once per process and again when it changes:
`current()` asks for its version, one small query per search. Nothing is reindexed when editors
change it, and it takes effect on the next search (a change is also recorded, which drops
remembered results and cached pages: kb.search.signals). The knowledge base's words come from
its word list (`known_words`, one query per search). The work is done here, word by word,
without calling back into other modules: a search's road stays short (bench/search_road.py).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace

import snowballstemmer
from django.core.exceptions import ValidationError
from django.db import connection

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym, split_line
from kb.search.query import STOP_WORDS, Term

WORD = re.compile(r"[^\W_]+")  # as Term.words
LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")
MAX_GLOSSARY_WORDS = 5
MIN_SPLIT_WORD = 4  # shorter words are not split
MIN_KNOWN_PART = 3  # the word list holds words of three letters or more
MAX_LEADING_LETTERS = 2  # "r" of "rcar", "e" of "ecockpit"
MAX_SPLITS = 2
MAX_JOINED_WORDS = 3
# Derived forms: words this long, roots at least this long (shorter roots join unrelated
# words: "organ" of "organization" would find "organic").
MIN_DERIVED_WORD = 6
MIN_ROOT = 6
# What Snowball leaves that derived forms do not share: "comparison" (compared: compar),
# "certifi" of "certified" (certification: certif).
ROOT_ENDINGS = ("ison", "i")

_stemmer = threading.local()


def fold(word):
    """Lower case without accents, as the indexes compare words (kb.search.backend.plain_word)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word):
    """The English Snowball stem of a folded word ("updates" and "update" give "updat")."""
    if not hasattr(_stemmer, "english"):
        _stemmer.english = snowballstemmer.stemmer("english")
    return _stemmer.english.stemWord(word)


def words_key(words):
    """How glossary terms and typed words are compared: folded, stemmed, letters apart from
    digits ("ISO26262" is "ISO 26262")."""
    return tuple(stem(part) for word in words for part in LETTERS_OR_DIGITS.findall(fold(word)))


def as_term(text):
    """A glossary term as a Term: a word, or a phrase of its words ("over-the-air" is the
    phrase `over the air`, which both databases match in "over-the-air" and "over the air")."""
    words = WORD.findall(text)
    return Term(" ".join(words), is_phrase=len(words) > 1)


def with_alternatives(term, terms):
    """The term with more alternatives (none twice, none the same as the term)."""
    known = {(t.text.lower(), t.is_phrase, t.is_prefix) for t in (term, *term.alternatives)}
    added = []
    for other in terms:
        key = (other.text.lower(), other.is_phrase, other.is_prefix)
        if key not in known:
            known.add(key)
            added.append(other)
    return replace(term, alternatives=term.alternatives + tuple(added)) if added else term


def single_word(term):
    words = WORD.findall(term.text)
    return words[0] if len(words) == 1 and not term.is_phrase else None


# --- Synonyms and acronyms ----------------------------------------------------------------------


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


def glossary_runs(terms, expansions):
    """(first term, end, alternatives) of the longest runs of whole terms the glossary knows,
    left to right. A run is one term ("over-the-air", "ISO 26262" in quotes) or several
    ("over the air"). A question word is not an acronym unless typed in capitals: "can" in a
    question is not CAN, the bus."""
    keys = [words_key(WORD.findall(term.text)) for term in terms]
    runs, start = [], 0
    while start < len(terms):
        found = None
        for end in range(min(len(terms), start + MAX_GLOSSARY_WORDS), start, -1):
            run = terms[start:end]
            key = tuple(part for term_key in keys[start:end] for part in term_key)
            if not key or len(key) > MAX_GLOSSARY_WORDS:
                continue
            if len(run) > 1 and any(term.is_phrase for term in run):
                continue
            if len(run) == 1 and run[0].text.lower() in STOP_WORDS and not run[0].text.isupper():
                continue
            alternatives = expansions.get(key, ())
            if alternatives:
                found = (start, end, alternatives)
                break
        if found:
            runs.append(found)
            start = found[1]
        else:
            start += 1
    return runs


def with_synonyms(include, expansions):
    include = list(include)
    for start, end, alternatives in glossary_runs(include, expansions):
        for index in range(start, end):
            include[index] = with_alternatives(include[index], alternatives)
    return include


# --- Hyphens, spaces, letters and digits --------------------------------------------------------


def candidate_words(terms):
    """Every word whose presence in the knowledge base decides a variant."""
    words = set()
    for term in terms:
        if term.is_phrase and len(WORD.findall(term.text)) <= MAX_JOINED_WORDS:
            words.add(fold("".join(WORD.findall(term.text))))
        word = single_word(term)
        if word and word.isalpha():
            plain = fold(word)
            words.add(plain)
            words.update(part for i in range(1, len(plain)) for part in (plain[:i], plain[i:]))
    for first, second in zip(terms, terms[1:], strict=False):
        if single_word(first) and single_word(second):
            words.add(fold(single_word(first) + single_word(second)))
    return words


def splits(word, known):
    """Phrases a run-together word may stand for: "realtime" → "real time"."""
    if len(word) < MIN_SPLIT_WORD:
        return []
    found = []
    for i in range(1, len(word) - MIN_KNOWN_PART + 1):
        head, tail = word[:i], word[i:]
        if tail not in known:
            continue
        if (len(head) >= MIN_KNOWN_PART and head in known) or (
            len(head) <= MAX_LEADING_LETTERS and word not in known
        ):
            found.append(Term(f"{head} {tail}", is_phrase=True))
    return found[:MAX_SPLITS]


def word_variants(term, known):
    """Alternatives of one typed term, on its own."""
    words = WORD.findall(term.text)
    if term.is_phrase:  # "real time" in quotes also finds realtime
        joined = fold("".join(words))
        return [Term(joined)] if len(words) <= MAX_JOINED_WORDS and joined in known else []
    if len(words) > 1:  # typed with hyphens or other joiners: "real-time", "R-Car"
        return [Term(" ".join(words), is_phrase=True), Term("".join(words))]
    parts = LETTERS_OR_DIGITS.findall(words[0]) if words else []
    if len(parts) > 1:  # "ISO26262"
        return [Term(" ".join(parts), is_phrase=True)]
    if words and words[0].isalpha():
        return splits(fold(words[0]), known)
    return []


def joined_pair(first, second, known):
    """The two typed words written as one, when that is a form to look for: "iso 26262" →
    iso26262, "real time" → realtime (a word of the knowledge base)."""
    a, b = single_word(first), single_word(second)
    if not (a and b and a.isalpha()):
        return None
    joined = fold(a + b)
    return Term(joined) if b.isdigit() or joined in known else None


def expanded(parsed, known_words, glossary=None):
    """(the query with its other forms as alternatives, the glossary used). The glossary's
    synonyms, the hyphen, space, run-together and letter-digit variants of its words; the last
    word is taken as finished, not a prefix, when the knowledge base knows it as typed (see
    kb.search.finished_last_word). `known_words(words)` gives those of the words the knowledge
    base holds."""
    glossary = glossary or current()
    parsed = replace(parsed, glossary_version=glossary.version)
    if not parsed.include:
        return parsed, glossary
    include = with_synonyms(parsed.include, glossary.expansions)
    last_word = fold(WORD.findall(include[-1].text)[-1])
    known = known_words(sorted(candidate_words(include) | {last_word}))
    include = [with_alternatives(term, word_variants(term, known)) for term in include]
    for i in range(len(include) - 1):
        joined = joined_pair(include[i], include[i + 1], known)
        if joined:
            include[i] = with_alternatives(include[i], [joined])
            include[i + 1] = with_alternatives(include[i + 1], [joined])
    if include[-1].is_prefix and last_word in known:
        include[-1] = replace(include[-1], is_prefix=False)
    return replace(parsed, include=tuple(include)), glossary


def derived_root(word):
    """What the derived forms of a word share, or None when that would be too short to be
    safe: "comparison" → "compar", "certified" → "certif"."""
    plain = fold(word)
    if len(plain) < MIN_DERIVED_WORD or not plain.isalpha():
        return None
    root = stem(plain)
    for ending in ROOT_ENDINGS:
        if root.endswith(ending) and len(root) - len(ending) >= MIN_ROOT:
            root = root[: -len(ending)]
            break
    return root if len(root) >= MIN_ROOT and root != plain else None


def with_derived_forms(parsed):
    """Each word also matches the words derived from its root ("compar" finds compare,
    compared, comparison, comparable)."""
    include = []
    for term in parsed.include:
        word = single_word(term)
        root = derived_root(word) if word else None
        include.append(with_alternatives(term, [Term(root, is_prefix=True)]) if root else term)
    return replace(parsed, include=tuple(include))
