"""What a visitor typed, parsed into terms the search backends can use safely.

    virtualization "GPU sharing" -android nautil

gives the words `virtualization` and `nautil` (the last one also matches as a prefix, so results
make sense while typing), the phrase `GPU sharing` and the exclusion `android`. Everything else is
text: operators (`AND`, `NEAR(`, `*`, `:`, `^`, parentheses) are just words or separators. Each
backend quotes every term it sends to the database, so no input can become query syntax.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200  # characters; longer input is refused with a message
MAX_TERMS = 12  # further terms are ignored: they rarely narrow results and cost time
# A shorter last word is matched whole: "c" as a prefix would match thousands of words.
MIN_PREFIX_LENGTH = 3

# Control characters, lone surrogates, private-use characters (our snippet markers) and NULs.
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
WORD_CHARACTER = re.compile(r"[^\W_]")
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


class QueryTooLong(ValueError):
    pass


# Words of questions and joining words that say nothing about a story: "how did EPAM update
# services" is about EPAM, updates and services. They are not required to match when the words
# around them are not all found, and never cause an empty page.
STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be been being but by can could did do
    does doing done for from had has have having her his how i if in into is it its me
    my no not of on or our out over so some such than that the their them then there
    these they this those to too under up us was we were what when where which while who
    whom why will with within without would you your""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Term:
    """A word, a phrase, or a word being typed (a prefix). `alternatives` are Terms that match
    in its place: synonyms, other spellings, derived forms (kb.search.variants)."""

    text: str
    is_phrase: bool = False
    is_prefix: bool = False
    alternatives: tuple = ()

    def words(self):
        """The term's words as the tokenizers see them: letters and digits."""
        return re.findall(r"[^\W_]+", self.text)

    @property
    def is_stop_word(self):
        return not self.is_phrase and self.text.lower() in STOP_WORDS


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the cleaned input, as shown back to the visitor
    include: tuple = field(default_factory=tuple)
    exclude: tuple = field(default_factory=tuple)
    # Any one of the included terms is enough (best partial matches, kb.search.partial).
    match_any: bool = False
    glossary_version: tuple = ()  # of the synonyms it was expanded with (kb.search.variants)

    @property
    def is_empty(self):
        return not self.text

    @property
    def is_searchable(self):
        """True when there is at least one word to look for (exclusions alone find nothing)."""
        return bool(self.include)


def clean(text):
    """Drop characters no database should see; collapse whitespace."""
    text = unicodedata.normalize("NFC", text or "")
    kept = "".join(
        " " if unicodedata.category(char) in UNSAFE_CATEGORIES else char for char in text
    )
    return " ".join(kept.split())


def has_words(text):
    return bool(WORD_CHARACTER.search(text))


def parse(text, max_length=MAX_QUERY_LENGTH, min_prefix=MIN_PREFIX_LENGTH):
    """Parse the visitor's input. Raises QueryTooLong for input longer than `max_length`."""
    text = clean(text)
    if len(text) > max_length:
        raise QueryTooLong(f"Please use at most {max_length} characters.")
    include, exclude = [], []
    for match in TERM.finditer(text):
        negated_phrase, phrase, negated_word, word = match.groups()
        is_phrase = phrase is not None
        term_text = (phrase if is_phrase else word).strip()
        if not has_words(term_text) or len(include) + len(exclude) >= MAX_TERMS:
            continue
        term = Term(term_text, is_phrase=is_phrase and len(term_text.split()) > 1)
        (exclude if (negated_phrase or negated_word) else include).append(term)
    include = mark_last_as_prefix(include, text, min_prefix)
    return ParsedQuery(text, tuple(include), tuple(exclude))


def mark_last_as_prefix(terms, text, min_prefix):
    """The last word also matches as a prefix while the visitor is still typing it."""
    if not terms or terms[-1].is_phrase or text.endswith('"'):
        return terms
    if len(terms[-1].words()[-1]) < min_prefix:
        return terms
    last = terms[-1]
    return [*terms[:-1], Term(last.text, is_prefix=True)]
