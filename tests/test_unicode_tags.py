"""Defect 1: tags in any script, or made of punctuation only, never break a page."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.builders import case_study

pytestmark = pytest.mark.django_db

TAG_NAMES = ["Straße", "自動車", "!!!", "Ünïcode", "???"]

PAGES = [
    "/",
    "/case-studies/",
    "/industries/automotive/",
    "/search/?q=tagged",
    "/search/suggest/?q=stra",
    "/api/case-studies/",
    "/api/tags/",
    "/sitemap.xml",
    "/feeds/case-studies.atom",
]


@pytest.fixture
def tagged():
    return case_study("Tagged entry", tags=TAG_NAMES)


def test_no_tag_gets_an_empty_slug(tagged):
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == len(TAG_NAMES)
    assert all(slugs), slugs
    assert len(set(slugs)) == len(slugs)


def test_unicode_tags_keep_their_script(tagged):
    assert Tag.objects.get(name="Straße").slug == "straße"
    assert Tag.objects.get(name="自動車").slug == "自動車"


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_with_such_tags(tagged, client, url):
    response = client.get(url)
    assert response.status_code == 200, url


def test_case_study_page_links_every_tag(tagged, client):
    response = client.get(tagged.get_absolute_url())
    assert response.status_code == 200
    for tag in Tag.objects.all():
        assert reverse("kb:tag", args=[tag.slug]) in response.content.decode()


@pytest.mark.parametrize("name", TAG_NAMES)
def test_each_tag_page_feed_and_filter_answer(tagged, client, name):
    tag = Tag.objects.get(name=name)
    page = client.get(reverse("kb:tag", args=[tag.slug]))
    assert page.status_code == 200
    assert tagged.title in page.content.decode()
    feed = client.get(reverse("feeds:tag", args=[tag.slug]))
    assert feed.status_code == 200
    filtered = client.get("/case-studies/", {"tag": tag.slug})
    assert filtered.status_code == 200
    assert filtered.context["page"].paginator.count == 1
    api = client.get("/api/case-studies/", {"tag": tag.slug})
    assert api.status_code == 200
    assert api.json()["count"] == 1


def test_tags_stored_before_get_addresses_from_the_data_migration(tagged, client):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("kb.migrations.0011_tag_addresses")
    Tag.objects.filter(name="!!!").update(slug="")
    Tag.objects.filter(name="???").update(slug="_1")
    migration.give_tags_addresses(apps, None)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert {slugs["!!!"], slugs["???"]} <= {"tag-1", "tag-2", "tag-3"}
    assert slugs["!!!"] != slugs["???"]
    assert client.get("/").status_code == 200


def test_a_second_punctuation_tag_gets_its_own_address():
    first = Tag.objects.create(name="***")
    second = Tag.objects.create(name="+++")
    assert first.slug.startswith("tag-") and second.slug.startswith("tag-")
    assert first.slug != second.slug
