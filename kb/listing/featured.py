"""The featured case studies, newest first: the home page's first stories."""

from kb.domain.models import CaseStudy


def featured_newest(index, now, limit):
    """Ids of the newest `limit` featured case studies visible at `now`. Which are featured is
    read once per state of the knowledge base (kept with its facet index, `index`): the query
    would otherwise walk every published entry when few or none are featured."""
    featured = index.derived.get_or_compute(("featured",), featured_published)
    return [pk for pk, publish_at in featured if publish_at <= now][:limit]


def featured_published():
    """(id, publish time) of every published featured case study, newest first."""
    published = CaseStudy.objects.filter(
        status=CaseStudy.Status.PUBLISHED, featured=True, publish_at__isnull=False
    )
    return list(published.newest_first().values_list("pk", "publish_at"))
