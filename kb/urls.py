"""The project's addresses: the admin, the API, and the public site (kb.web.urls)."""

from django.contrib import admin
from django.urls import include, path

from kb.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("kb.web.urls")),
]

handler404 = "kb.web.views.not_found"
