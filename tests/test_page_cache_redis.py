"""The page cache on a real Redis server (Django's RedisCache), as on several web machines."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from tests.builders import case_study
from tests.redis_server import redis_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_redis(redis_url):  # noqa: F811
    settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "kb-test",
        }
    }
    with override_settings(CACHES=settings):
        caches["default"].clear()
        yield redis.Redis.from_url(redis_url)
        caches["default"].clear()


def test_pages_are_stored_in_redis_and_served_from_it(on_redis, client, django_assert_num_queries):
    entry = case_study("Cockpit on Xen")
    first = client.get(f"/case-studies/{entry.slug}/")

    assert len(on_redis.keys("kb-test:*kb.page.*")) == 1
    with django_assert_num_queries(0):  # the state's token is read from Redis too
        again = client.get(f"/case-studies/{entry.slug}/")
    assert again.content == first.content and again["X-Page-Cache"] == "hit"


def test_a_304_from_redis_runs_no_query(on_redis, client, django_assert_num_queries):
    case_study("Cockpit on Xen")
    etag = client.get("/case-studies/")["ETag"]

    with django_assert_num_queries(0):
        answer = client.get("/case-studies/", headers={"if-none-match": etag})

    assert answer.status_code == 304


def test_a_flushed_redis_serves_current_pages(on_redis, client):
    entry = case_study("Cockpit on Xen")
    client.get("/")
    on_redis.flushdb()

    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    entry.title = "Cockpit after the flush"
    entry.save()
    assert "Cockpit after the flush" in client.get("/").content.decode()


def test_pages_stored_before_the_marker_was_evicted_are_never_served(on_redis, client):
    case_study("Cockpit on Xen")
    client.get("/")
    for key in on_redis.keys("kb-test:*kb.state.*"):
        on_redis.delete(key)  # as an LRU eviction would, leaving the pages

    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_save_is_never_hidden_by_a_page_in_redis(on_redis, client):
    entry = case_study("Cockpit on Xen")
    client.get("/")

    entry.title = "Cockpit and cluster on Xen"
    entry.save()

    assert "Cockpit and cluster on Xen" in client.get("/").content.decode()


def test_an_editor_page_never_enters_redis(on_redis, editor_client):
    case_study("Cockpit on Xen")
    editor_client.get("/")

    assert on_redis.keys("kb-test:*kb.page.*") == []
