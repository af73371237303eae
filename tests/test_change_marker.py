"""The token naming the knowledge base's state (kb.web.change_marker): where it is read, and
what happens when it changes or goes missing."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from kb.web import change_marker
from kb.web.change_marker import CacheMarker, FileMarker


def test_a_file_marker_keeps_its_token_until_moved_on(tmp_path):
    marker = FileMarker(tmp_path / "kb.sqlite3")
    first = marker.token()

    assert marker.token() == first
    marker.bump()
    assert marker.token() not in ("", first)


def test_a_removed_file_marker_comes_back_with_a_new_token(tmp_path):
    marker = FileMarker(tmp_path / "kb.sqlite3")
    first = marker.token()

    marker.path.unlink()

    assert marker.token() not in ("", first)
    assert [path.name for path in tmp_path.iterdir()] == ["kb.sqlite3.page-state"]


@pytest.mark.django_db
def test_a_memory_cache_on_a_database_in_memory_reads_the_database():
    # Each process has its own memory and nothing else is shared but the database.
    memory = LocMemCache("marker-test", {})

    assert change_marker.marker(memory) is None


def test_a_shared_cache_holds_the_marker():
    redis = RedisCache("redis://127.0.0.1:1/0", {})  # never reached: only its kind matters

    assert isinstance(change_marker.marker(redis), CacheMarker)
