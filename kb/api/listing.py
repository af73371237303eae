"""The case studies an API list asks for, through the site's listing engine
(kb.listing.browse.Browse, and kb.search for `q`): filtered, searched, counted, a page at a
time, exactly as the site lists them."""

from kb.api.answers import in_order, with_relations
from kb.domain.models import CaseStudy
from kb.listing.browse import Browse
from kb.search import search
from kb.search.query import parse


class Listing:
    """The case studies an API list asks for (`filters`: a CaseStudyFilters) at `now`."""

    def __init__(self, filters, now):
        self.filters = filters
        self.now = now
        parsed = parse(filters.q)
        if parsed.is_empty:
            self.browse = Browse(filters.chosen(), now=now)
            self.results = None  # newest first
        else:
            found = search(parsed, filters=filters.chosen(), correct=False, now=now)
            self.browse, self.results = found.listing, found.results  # most relevant first

    def count(self):
        return self.browse.count()

    def page_ids(self):
        start, limit = self.filters.offset, self.filters.limit
        if start >= self.count():
            return []
        if self.results is None:
            return self.browse.newest_first.ids[start : start + limit].tolist()
        return self.results.ordered_ids(start, limit)

    def page(self):
        """The case studies of the page asked for, in order, with what an item shows."""
        ids = self.page_ids()
        if not ids:
            return []
        return in_order(with_relations(CaseStudy.objects.visible(self.now)), ids)
