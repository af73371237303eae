"""The public site's addresses: pages, search, feeds, sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from kb.web import converters, media, search_views, views  # noqa: F401 (converters registers uslug)
from kb.web.feeds import feed_urls
from kb.web.sitemaps import SITEMAPS, robots_txt

page_patterns = (
    [
        path("", views.home, name="home"),
        path("case-studies/", views.case_study_list, name="case-studies"),
        path("case-studies/<slug:slug>/", views.case_study_detail, name="case-study"),
        path("industries/<slug:slug>/", views.industry_detail, name="industry"),
        path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
        path("organizations/<uslug:slug>/", views.organization_detail, name="organization"),
        path("platforms/<uslug:slug>/", views.platform_detail, name="platform"),
    ],
    "kb",
)

search_patterns = (
    [
        path("", search_views.search_page, name="results"),
        path("suggest/", search_views.suggest, name="suggest"),
    ],
    "search",
)

urlpatterns = [
    path("search/", include(search_patterns)),
    path("feeds/", include(feed_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    path("media/<path:name>", media.serve_media, name="media"),
    path("", include(page_patterns)),
]
