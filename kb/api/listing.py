"""The case studies an API list asks for: filtered, searched, one page at a time."""



from kb.api.answers import in_order, with_relations
from kb.domain.models import CaseStudy
from kb.listing.browse import apply_filters, clean_filters
from kb.search import search
from kb.search.query import parse


class Listing:
    """The case studies an API list asks for: filtered, searched, one page at a time."""

    def __init__(self, filters, now):
        self.filters = filters
        self.visible = CaseStudy.objects.visible(now)
        chosen = filters.chosen()
        parsed = parse(filters.q)
        if parsed.is_empty:
            self.results = None
            self.case_studies = apply_filters(self.visible, clean_filters(chosen))
        else:
            found = search(parsed, filters=chosen, correct=False, now=now)
            self.results = found.results
            self.case_studies = self.results.matches

    def page(self, count):
        start, limit = self.filters.offset, self.filters.limit
        if start >= count:
            return []
        if self.results is None:
            return list(with_relations(self.case_studies.newest_first())[start : start + limit])
        ids = self.results.ordered_ids(start, limit)
        return in_order(with_relations(self.visible), ids)
