"""Spelling suggestions from the knowledge base's own vocabulary.

A word of the query that occurs nowhere in the knowledge base is compared with the words that
do, by edit distance (insertions, deletions, substitutions and swaps of neighbouring letters);
the closest wins, the more common of equally close ones.
"""

import re

from rapidfuzz.distance import OSA

from kb.search.backend import plain_word

MAX_WORDS_TO_CORRECT = 3
MIN_WORD_LENGTH = 4
WORD = re.compile(r"[^\W_]+")


def allowed_distance(word):
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def closest_word(word, candidates, popularity):
    """The candidate closest to `word` within the allowed distance (optimal string alignment:
    insertions, deletions, substitutions and swaps of neighbouring letters), or None. Of
    equally close ones, the one more case studies use (`popularity(words)`), then the first
    in alphabetical order."""
    limit = allowed_distance(word)
    distances = {
        candidate: OSA.distance(word, candidate, score_cutoff=limit) for candidate in candidates
    }
    close = {candidate: d for candidate, d in distances.items() if d <= limit}
    if not close:
        return None
    best = min(close.values())
    tied = sorted(candidate for candidate, d in close.items() if d == best)
    if len(tied) == 1:
        return tied[0]
    uses = popularity(tied)
    return min(tied, key=lambda candidate: -uses.get(candidate, 0))


def correctable_words(parsed):
    words = []
    for term in parsed.include:
        for word in term.words():
            plain = plain_word(word)
            if len(plain) >= MIN_WORD_LENGTH and plain.isalpha() and plain not in words:
                words.append(plain)
    return words


def corrections_for(parsed, backend):
    """{misspelt word: correction} for the query's words that the knowledge base lacks."""
    words = correctable_words(parsed)
    known = backend.known_words(words)
    corrections = {}
    for word in [w for w in words if w not in known][:MAX_WORDS_TO_CORRECT]:
        correction = closest_word(word, backend.similar_words(word), backend.popularity)
        if correction:
            corrections[word] = correction
    return corrections


def corrected_text(text, corrections):
    def replace(match):
        return corrections.get(plain_word(match.group()), match.group())

    return WORD.sub(replace, text)
