"""A page of search results as Hits (ids, with what the search found in each), and the case
studies they stand for, for pages that render them."""

from dataclasses import dataclass

from kb.domain.models import cards_in_order


@dataclass
class Hit:
    """A case study in a page of results, by its id, with what the search found in it: a
    Snippet (or None) and, for partial matches, the query's words with whether it has each."""

    pk: int
    search_snippet: object = None
    search_words: list | None = None


def with_case_studies(hits):
    """The case studies of `hits` (with what their cards show), each carrying its hit's
    `search_snippet` and `search_words`."""
    found = {hit.pk: hit for hit in hits}
    case_studies = cards_in_order(list(found))
    for case_study in case_studies:
        case_study.search_snippet = found[case_study.pk].search_snippet
        case_study.search_words = found[case_study.pk].search_words
    return case_studies
