"""Defect 10: merging tags moves their case studies to one tag, and the search follows."""

import pytest
from taggit.models import Tag

from kb.search import search
from tests.builders import case_study

pytestmark = pytest.mark.django_db
TAGS = "/admin/taggit/tag/"


@pytest.fixture
def entries():
    return {
        "gpu": case_study("Graphics shared", tags=["GPU sharing"]),
        "both": case_study("Both spellings", tags=["GPU sharing", "gpu-sharing"]),
        "dash": case_study("Dashed", tags=["gpu-sharing"]),
    }


def merge(client, tags, into):
    data = {"action": "merge_selected", "_selected_action": [str(t.pk) for t in tags]}
    if into is not None:
        data["into"] = into
    return client.post(TAGS, data, follow=True)


def test_merging_moves_every_case_study_to_one_tag(editor_client, entries):
    tags = list(Tag.objects.all())
    asked = merge(editor_client, tags, None)
    assert asked.status_code == 200
    assert "Merge into the tag named" in asked.content.decode()

    done = merge(editor_client, tags, "GPU sharing")
    assert done.status_code == 200
    assert "newly tagged with it" in done.content.decode()
    assert list(Tag.objects.values_list("name", flat=True)) == ["GPU sharing"]
    for entry in entries.values():
        assert [t.name for t in entry.tags.all()] == ["GPU sharing"]


def test_the_search_index_follows_a_merge(editor_client, entries):
    merge(editor_client, list(Tag.objects.all()), "virtual graphics")
    found = search("virtual graphics", correct=False)
    assert found.results.total == 3


def test_a_merge_without_a_name_says_so_and_changes_nothing(editor_client, entries):
    response = merge(editor_client, list(Tag.objects.all()), "")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Tag.objects.count() == 2


def test_a_merge_with_nothing_selected_says_so(editor_client, entries):
    data = {"action": "merge_selected", "index": "0", "into": "x"}  # as the list page posts
    response = editor_client.post(TAGS, data, follow=True)
    assert response.status_code == 200
    assert "Items must be selected" in response.content.decode()
    assert Tag.objects.count() == 2


def test_a_merge_into_a_name_too_long_is_refused(editor_client, entries):
    response = merge(editor_client, list(Tag.objects.all()), "x" * 101)
    assert response.status_code == 200
    assert Tag.objects.count() == 2
