"""The common shape every input format is reduced to: a list of blocks of plain text."""

import re
from dataclasses import dataclass

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
BREAK = "break"

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, a paragraph or a list item; a break marks the border between two posts."""

    kind: str
    text: str = ""
    level: int = 0


@dataclass
class Document:
    blocks: list[Block]
    page_title: str = ""
    source_url: str = ""


def fold_whitespace(text):
    return WHITESPACE.sub(" ", text.replace("\u00a0", " ")).strip()
