"""Spelling suggestions from the knowledge base's own vocabulary.

A word of the query that occurs nowhere in the knowledge base is compared with the words that
do, by edit distance (insertions, deletions, substitutions and swaps of neighbouring letters);
the closest wins, the more common of equally close ones.
"""

import re

from kb.search.backend import plain_word

MAX_WORDS_TO_CORRECT = 3
MIN_WORD_LENGTH = 4
WORD = re.compile(r"[^\W_]+")


def allowed_distance(word):
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def edit_distance(a, b, limit):
    """Optimal-string-alignment distance between `a` and `b`, or limit + 1 if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def closest_word(word, candidates):
    """The candidate (word, popularity) closest to `word` within the allowed distance."""
    limit = allowed_distance(word)
    scored = []
    for candidate, popularity in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            scored.append((distance, -(popularity or 0), candidate))
    return min(scored)[2] if scored else None


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
        correction = closest_word(word, backend.similar_words(word))
        if correction:
            corrections[word] = correction
    return corrections


def corrected_text(text, corrections):
    def replace(match):
        return corrections.get(plain_word(match.group()), match.group())

    return WORD.sub(replace, text)
