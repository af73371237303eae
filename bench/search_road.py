"""The road a search takes through the project's modules: how deep the project's part of the
call stack is when the full-text query runs, and how often a whole request moves from one of
the project's modules to another.

    .venv/bin/python bench/search_road.py ["/search/?q=gpu+sharing"]

It builds a throwaway database (SQLite in memory, or PostgreSQL when DATABASE_URL names one)
with the demo content, warms the process up with another search, then records one request:
`sys.setprofile` notes every call and return in a module under kb/, and Django's
`connection.execute_wrapper` notes the project's stack at each SQL statement. The limits
(tests/test_search_road.py asserts them): at most MAX_DEPTH modules, none twice, when the
full-text query runs; at most MAX_MOVES moves in the request (before this layout: 46 moves,
the full-text query 8 modules deep with kb.search three times; then 34 on SQLite, 37 on
PostgreSQL).
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = str(ROOT / "kb") + os.sep
MAX_DEPTH = 5  # from the search view down (its decorators, page cache and redirects, above it)
VIEW = "kb.web.search_views"
# The search itself (view, search, listing, backends, with the glossary and the words' other
# forms in kb.search.variants) makes 24, the page cache 4.
MAX_MOVES = 30  # SQLite 28; PostgreSQL 29 (a second snippet query, for the interview)
URL = "/search/?q=gpu+sharing"
WARM_UP_URL = "/search/?q=hypervisor"

_modules = {}


def module_of(frame):
    """The dotted name of the project module running `frame`, or None outside the project."""
    filename = frame.f_code.co_filename
    if filename not in _modules:
        name = None
        if filename.startswith(PROJECT) and filename.endswith(".py"):
            name = "kb." + filename[len(PROJECT) : -3].replace(os.sep, ".")
            name = name.removesuffix(".__init__")
        _modules[filename] = name
    return _modules[filename]


def project_stack(frame):
    """The project's modules on the stack, outermost first, consecutive frames of one module
    counted once (a module calling its own functions goes no deeper)."""
    modules = []
    while frame is not None:
        module = module_of(frame)
        if module and (not modules or modules[-1] != module):
            modules.append(module)
        frame = frame.f_back
    return modules[::-1]


def is_full_text(sql):
    return " MATCH " in sql or "@@" in sql


class Road:
    """What one request did: its moves between the project's modules, and its SQL.

    A move is a call from a function of one project module straight into a function of
    another (Django calling the project, from a template or a middleware, is not a move)."""

    def __init__(self):
        self.moves = []  # (from module, to module)
        self.queries = []  # (sql, project stack)

    def profile(self, frame, event, arg):
        if event != "call" or frame.f_back is None:
            return
        callee, caller = module_of(frame), module_of(frame.f_back)
        if callee and caller and callee != caller:
            self.moves.append((caller, callee))

    def record_query(self, execute, sql, params, many, context):
        self.queries.append((sql, project_stack(sys._getframe(1))))
        return execute(sql, params, many, context)

    @property
    def modules(self):
        return sorted({module for move in self.moves for module in move})

    @property
    def returns(self):
        """Moves into a module the request had already left."""
        seen, returns = set(), 0
        for caller, callee in self.moves:
            seen.add(caller)
            returns += callee in seen
            seen.add(callee)
        return returns

    @property
    def full_text_roads(self):
        """The full-text queries' stacks from the search view down."""
        return [stack[stack.index(VIEW) :] for stack in self.full_text_stacks if VIEW in stack]

    @property
    def full_text_stacks(self):
        return [stack for sql, stack in self.queries if is_full_text(sql)]


@contextmanager
def recording():
    from django.db import connection

    road = Road()
    with connection.execute_wrapper(road.record_query):
        sys.setprofile(road.profile)
        try:
            yield road
        finally:
            sys.setprofile(None)


def road_of(client, url):
    """Road of one GET of `url` by the Django test client."""
    with recording() as road:
        response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    return road


def report(road, url):
    lines = [
        f"{url}: {len(road.moves)} moves between {len(road.modules)} project modules "
        f"(limit {MAX_MOVES}), {road.returns} of them back to a module it had left; "
        f"{len(road.queries)} SQL statements",
        "modules: " + ", ".join(road.modules),
    ]
    for stack in road.full_text_stacks:
        twice = len(set(stack)) < len(stack)
        below_view = stack[stack.index(VIEW) :] if VIEW in stack else stack
        lines.append(
            f"full-text query {len(below_view)} modules deep from the view (limit {MAX_DEPTH}), "
            f"{len(stack)} in all"
            + (" with a module twice" if twice else "")
            + ": "
            + " -> ".join(stack)
        )
    return "\n".join(lines)


def main(url):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    try:
        call_command("load_demo", verbosity=0)
        client = Client()
        client.get(WARM_UP_URL)
        print(report(road_of(client, url), url))
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else URL)
