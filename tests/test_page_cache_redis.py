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
    with django_assert_num_queries(1):  # the knowledge base's state, nothing else
        again = client.get(f"/case-studies/{entry.slug}/")
    assert again.content == first.content and again["X-Page-Cache"] == "hit"


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
