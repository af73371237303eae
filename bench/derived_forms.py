"""What derived forms do to precision: for each word of the knowledge base's word list long
enough to have a derived root (kb.search.variants.derived_root), the other words that root
joins it with, and how many more case studies a search for it finds with the root.

    DATABASE_URL=sqlite:///$PWD/var/bench-2k.sqlite3 .venv/bin/python bench/derived_forms.py

Derived forms are searched only when no case study has every word as typed; a joined word
that is not a form of the same word is a false friend. The script prints every root that joins
words, then the totals; reading the list tells which joins are false friends.
"""

import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from kb.search import backend  # noqa: E402
from kb.search.backend import WORDS, fetch_all  # noqa: E402
from kb.search.query import Term, parse  # noqa: E402
from kb.search.variants import derived_root, with_alternatives  # noqa: E402


def families(words):
    """{root: [words sharing it as a prefix]} for roots that join two words or more."""
    roots = {word: derived_root(word) for word in words}
    joined = defaultdict(list)
    for root in set(filter(None, roots.values())):
        joined[root] = [word for word in words if word.startswith(root)]
    return {root: found for root, found in joined.items() if len(found) > 1}


def matches(word, root=None):
    parsed = parse(word)
    if root:
        term = with_alternatives(parsed.include[0], [Term(root, is_prefix=True)])
        parsed = parsed.__class__(parsed.text, (term,))
    return len(backend().match_ids(parsed))


def main():
    words = sorted(row[0] for row in fetch_all(f"SELECT word FROM {WORDS}", []))
    joined = families(words)
    extra_total = exact_total = 0
    for root, found in sorted(joined.items()):
        exact = {word: matches(word) for word in found}
        derived = matches(found[0], root)
        exact_total += max(exact.values())
        extra_total += derived - max(exact.values())
        print(f"{root + '*':16} {derived:6} case studies; {', '.join(found)}")
    print(
        f"\n{len(words)} words, {len(joined)} roots joining {sum(map(len, joined.values()))} "
        f"words; a root finds {extra_total} more case studies than its commonest word "
        f"alone ({exact_total})."
    )


if __name__ == "__main__":
    main()
