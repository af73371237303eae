"""A search reaches the database through few of the project's modules, without doubling back
(measured as bench/search_road.py does: a profiler hook and Django's execute_wrapper)."""

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command

BENCH = Path(__file__).resolve().parent.parent / "bench" / "search_road.py"
spec = importlib.util.spec_from_file_location("search_road", BENCH)
search_road = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_road)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_a_search_runs_its_full_text_queries_few_modules_deep(demo, client):
    client.get(search_road.WARM_UP_URL)
    road = search_road.road_of(client, search_road.URL)
    stacks = road.full_text_stacks
    assert stacks, "the search ran no full-text query: nothing was measured"
    assert len(road.full_text_roads) == len(stacks)  # each under the search view
    for stack in stacks:
        assert len(set(stack)) == len(stack), f"a module twice: {stack}"
    for below_view in road.full_text_roads:
        assert len(below_view) <= search_road.MAX_DEPTH, below_view


def test_a_search_request_moves_between_few_modules(demo, client):
    client.get(search_road.WARM_UP_URL)
    road = search_road.road_of(client, search_road.URL)
    assert "kb.search" in road.modules
    assert search_road.MAX_MOVES <= 30  # the "about 30 or fewer"
    assert len(road.moves) <= search_road.MAX_MOVES, search_road.report(road, search_road.URL)
