from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from kb import views
from kb.api import api
from kb.feeds import feed_urls
from kb.sitemaps import SITEMAPS, robots_txt

app_patterns = (
    [
        path("", views.home, name="home"),
        path("case-studies/", views.case_study_list, name="case-studies"),
        path("case-studies/<slug:slug>/", views.case_study_detail, name="case-study"),
        path("industries/<slug:slug>/", views.industry_detail, name="industry"),
        path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    ],
    "kb",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", include("kb.search.urls")),
    path("api/", api.urls),
    path("feeds/", include(feed_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    path("", include(app_patterns)),
]

handler404 = "kb.views.not_found"
