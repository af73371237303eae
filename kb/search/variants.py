"""Other forms of the words typed, added to a query as alternatives (Term.alternatives).

- Hyphenated, spaced and run-together forms: "real-time", "real time" and "realtime" find each
  other; "R-Car" and "RCar"; "multi-core" and "multicore". A run-together word is split where
  both halves are words of the knowledge base ("realtime": real + time), or, for a word the
  knowledge base does not know, where a letter or two is followed by a known word ("rcar": r
  + car); two typed words are joined when the knowledge base knows them joined.
- Letters and digits apart or together: "ISO26262" and "ISO 26262", "A53" and "A 53".
- Derived forms (only when searching for every word as typed found nothing, see kb.search):
  "comparison" also finds "compared", "certified" finds "certification": the word's Snowball
  stem, cut back to what its derived forms share, matched as a prefix.

The knowledge base's words come from its word list (`known_words`, one query per search).
"""

from dataclasses import replace

from kb.search.backend import plain_word
from kb.search.query import Term
from kb.search.synonyms import LETTERS_OR_DIGITS, stem

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


def single_word(term):
    words = term.words()
    return words[0] if len(words) == 1 and not term.is_phrase else None


def candidate_words(terms):
    """Every word whose presence in the knowledge base decides a variant."""
    words = set()
    for term in terms:
        if term.is_phrase and len(term.words()) <= MAX_JOINED_WORDS:
            words.add(plain_word("".join(term.words())))
        word = single_word(term)
        if word and word.isalpha():
            plain = plain_word(word)
            words.add(plain)
            words.update(part for i in range(1, len(plain)) for part in (plain[:i], plain[i:]))
    for first, second in zip(terms, terms[1:], strict=False):
        if single_word(first) and single_word(second):
            words.add(plain_word(single_word(first) + single_word(second)))
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
    words = term.words()
    if term.is_phrase:  # "real time" in quotes also finds realtime
        joined = plain_word("".join(words))
        return [Term(joined)] if len(words) <= MAX_JOINED_WORDS and joined in known else []
    if len(words) > 1:  # typed with hyphens or other joiners: "real-time", "R-Car"
        return [Term(" ".join(words), is_phrase=True), Term("".join(words))]
    parts = LETTERS_OR_DIGITS.findall(words[0]) if words else []
    if len(parts) > 1:  # "ISO26262"
        return [Term(" ".join(parts), is_phrase=True)]
    if words and words[0].isalpha():
        return splits(plain_word(words[0]), known)
    return []


def joined_pair(first, second, known):
    """The two typed words written as one, when that is a form to look for: "iso 26262" →
    iso26262, "real time" → realtime (a word of the knowledge base)."""
    a, b = single_word(first), single_word(second)
    if not (a and b and a.isalpha()):
        return None
    joined = plain_word(a + b)
    return Term(joined) if b.isdigit() or joined in known else None


def expand(parsed, known_words):
    """The query with hyphen, space, run-together and letter-digit variants as alternatives.
    `known_words(words)` gives those of the words the knowledge base holds."""
    include = list(parsed.include)
    if not include:
        return parsed
    known = known_words(sorted(candidate_words(include)))
    include = [term.with_alternatives(word_variants(term, known)) for term in include]
    for i in range(len(include) - 1):
        joined = joined_pair(include[i], include[i + 1], known)
        if joined:
            include[i] = include[i].with_alternatives([joined])
            include[i + 1] = include[i + 1].with_alternatives([joined])
    return replace(parsed, include=tuple(include))


def derived_root(word):
    """What the derived forms of a word share, or None when that would be too short to be
    safe: "comparison" → "compar", "certified" → "certif"."""
    plain = plain_word(word)
    if len(plain) < MIN_DERIVED_WORD or not plain.isalpha():
        return None
    root = stem(plain)
    for ending in ROOT_ENDINGS:
        if root.endswith(ending) and len(root) - len(ending) >= MIN_ROOT:
            root = root[: -len(ending)]
            break
    return root if len(root) >= MIN_ROOT else None


def with_derived_forms(parsed):
    """Each word also matches the words derived from its root ("compar" finds compare,
    compared, comparison, comparable)."""
    include = []
    for term in parsed.include:
        word = single_word(term)
        root = derived_root(word) if word else None
        include.append(term.with_alternatives([Term(root, is_prefix=True)]) if root else term)
    return replace(parsed, include=tuple(include))
