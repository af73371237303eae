"""The common shape every input format is reduced to: a document of blocks.

A block is a heading, a paragraph, a list item, a table, a rule, an image, a caption or a break
(the border between two articles of a page). Each block carries its plain text, which the detector
reads, and its Markdown, which answers keep (lists, links, emphasis).
"""

import re
from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
BREAK = "break"
RULE = "rule"
IMAGE = "image"
CAPTION = "caption"
CONTENTS = "contents"
TABLE = "table"  # kept whole as a Markdown table (kb.importer.tables)

WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Block:
    """`emphasised`: the whole block is bold or italic. `number`: an ordered list item's
    number (0 for a bulleted one). `level`: a heading's level or a list item's depth."""

    kind: str
    text: str = ""
    level: int = 0
    markdown: str = ""
    emphasised: bool = False
    number: int = 0
    quoted: bool = False

    @property
    def md(self):
        return self.markdown or self.text


@dataclass
class Metadata:
    """What the document says about itself, outside its text: front matter or HTML head."""

    title: str = ""
    date: str = ""
    source_url: str = ""
    site_name: str = ""
    author: str = ""
    organization: str = ""
    interviewees: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Document:
    blocks: list[Block]
    page_title: str = ""
    source_url: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    several_articles: bool = False


def fold_whitespace(text):
    return WHITESPACE.sub(" ", text.replace("\u00a0", " ")).strip()
