"""Editor's picks: case studies editors pin to the top of a search (kb.domain.glossary).

A pick answers its query however it is typed: case, accents, hyphens and spaces between words
("real-time", "real time", "realtime"), plurals, question words, and synonyms ("OTA updates" and
"over-the-air updates") do not matter; the order of the words does.
"""

from dataclasses import dataclass

from kb.listing import facet_index
from kb.search.query import STOP_WORDS, QueryTooLong, parse
from kb.search.variants import WORD, fold, glossary_runs


def singular(word):
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def canonical(words, alternatives):
    """The same name for every term of a synonym set: the first of them in alphabetical order."""
    forms = [" ".join(words).lower(), *(alt.text.lower() for alt in alternatives)]
    return min(forms).split()


def pick_key(text, glossary):
    """The form of a query picks are looked up by."""
    try:
        terms = list(parse(text).include)
    except QueryTooLong:
        return ""
    words = []
    runs = {
        start: (end, alternatives)
        for start, end, alternatives in glossary_runs(terms, glossary.expansions)
    }
    position = 0
    while position < len(terms):
        if position in runs:
            end, alternatives = runs[position]
            run_words = [w for term in terms[position:end] for w in WORD.findall(term.text)]
            words += canonical(run_words, alternatives)
            position = end
        else:
            words += terms[position].words()
            position += 1
    plain = [fold(word) for word in words]
    return "".join(singular(word) for word in plain if word not in STOP_WORDS)


def recommended_ids(parsed, glossary, listing):
    """Ids of the case studies picked for this query that visitors may see within the filters
    they chose (whether the words match them or not), in the editors' order."""
    ids = glossary.picks.get(pick_key(parsed.text, glossary), ())
    if not ids:
        return []
    shown = facet_index.visible(listing.index, listing.now)
    for having in listing.filters.values():
        shown &= having
    positions = listing.index.positions_or_missing(list(ids))
    return [pk for pk, at in zip(ids, positions.tolist(), strict=True) if at >= 0 and shown[at]]


@dataclass(frozen=True)
class Service:
    """What now answers a search besides its own words: an editor's pick (its query) and
    synonyms ("ota → over the air")."""

    pick: str = ""
    synonyms: tuple = ()


def served_by(text, glossary):
    try:
        terms = list(parse(text).include)
    except QueryTooLong:
        return Service()
    synonyms = tuple(
        " ".join(term.text for term in terms[start:end])
        + " → "
        + ", ".join(alternative.text for alternative in alternatives)
        for start, end, alternatives in glossary_runs(terms, glossary.expansions)
    )
    return Service(glossary.pick_queries.get(pick_key(text, glossary), ""), synonyms)
