"""Plain text and Markdown to blocks, through markdown-it-py; front matter through
python-frontmatter (YAML between `---`, TOML between `+++`).

Plain text is read as Markdown: its blank-line paragraphs, `1.` lists and `**bold**` mean the
same in both. A paragraph's lines are then regrouped where a transcript starts a new turn
without a blank line ("Host: …" under "Ingrid: …"), where a bold question stands on its own
line, or where a date or byline sits on a line of its own.
"""

import re
import tomllib

import frontmatter
from frontmatter.default_handlers import BaseHandler
from markdown_it import MarkdownIt

from .blocks import (
    CONTENTS,
    HEADING,
    ITEM,
    PARAGRAPH,
    RULE,
    Block,
    Document,
    fold_whitespace,
)
from .lines import escape, lines_of, paragraphs_from_lines
from .metadata import metadata_from_front_matter
from .tables import Cell, blocks_of_table

MAX_TITLE_CHARS = 160
TITLE_NEVER_ENDS_WITH = ".!?:;,"
# Leaks: template code, table-of-contents markers, reference links without a definition.
TEMPLATE_CODE = re.compile(
    r"\{\{[<%][^\n]{0,500}?[%>]\}\}|\{%[^\n]{0,500}?%\}|\{\{[^\n]{0,500}?\}\}"
)
TOC_MARKER = re.compile(
    r"^\s*(?:\[TOC\]|\[\[_TOC_\]\]|\{:toc\}|\* TOC|\{\{TOC\}\})\s*$", re.M | re.I
)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]{1,200})\]:\s*\S", re.MULTILINE)
REFERENCE_USE = re.compile(r"(!?)\[([^\[\]\n]{0,300})\]\[([^\[\]\n]{0,200})\]")
CONTENTS_HEADINGS = re.compile(
    r"^(?:table of contents|contents|in this (?:article|post|interview)|on this page|"
    r"inhalt|inhaltsverzeichnis|jump to|toc)\W*$",
    re.IGNORECASE,
)
HTML_TAG = re.compile(r"<[^>\n]{0,500}>")
HTML_DROPPED = re.compile(
    r"<(script|style)\b.{0,20000}?</\1\s*>|<!--.{0,20000}?-->", re.IGNORECASE | re.DOTALL
)
HTML_BLOCK_END = re.compile(
    r"</?(?:p|div|dt|dd|li|h[1-6]|tr|section|article|figure|br)\b[^<>]{0,500}>", re.I
)
HTML_INLINE_MARK = [
    (re.compile(r"</?(?:b|strong)\b[^>]*>", re.I), "**"),
    (re.compile(r"</?(?:i|em)\b[^>]*>", re.I), "*"),
]
MAX_NESTING = 40

PARSER = (
    MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    .enable("strikethrough")
    .enable("table")
)


# Text copied out of a PDF keeps the typesetter's hyphens: "environ-" at a line's end, "ment"
# on the next. A word broken so is joined again (a compound broken at its own hyphen loses it).
LINE_END_HYPHEN = re.compile(r"(?<=[a-z\u00df-\u00ff]{2})-[ \t]*\n[ \t]*(?=[a-z\u00df-\u00ff]+\b)")


def document_from_text(text):
    body, metadata = split_front_matter(text)
    body = LINE_END_HYPHEN.sub("", body)
    return Document(blocks=blocks_from_markdown(body), metadata=metadata)


def split_front_matter(text):
    stripped = text.lstrip()
    if not stripped.startswith(("---", "+++")):
        return text, metadata_from_front_matter({})
    handler = TomlHandler() if stripped.startswith("+++") else None
    try:
        post = frontmatter.loads(stripped, handler=handler)
    except Exception:  # noqa: BLE001 - broken front matter is read as text, never a failure
        return text, metadata_from_front_matter({})
    if not post.metadata:
        return text, metadata_from_front_matter({})
    return post.content, metadata_from_front_matter(post.metadata)


class TomlHandler(BaseHandler):
    """TOML front matter (Hugo's `+++`) read with the standard library's tomllib."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm, **kwargs):
        return tomllib.loads(fm)

    def export(self, metadata, **kwargs):
        raise NotImplementedError


def without_leaks(text):
    """Template code, contents markers and reference links that lead nowhere, taken out."""
    text = TEMPLATE_CODE.sub("", text)
    text = TOC_MARKER.sub("", text)
    defined = {label.strip().lower() for label in REFERENCE_DEFINITION.findall(text)}

    def reference(match):
        image, label, ref = match.groups()
        if (ref or label).strip().lower() in defined:
            return match.group(0)
        return "" if image else label

    return REFERENCE_USE.sub(reference, text)


# A link's address never closed on its line: the same, for "](".
UNCLOSED_DESTINATION = re.compile(r"\]\((?![^\n)]{0,2000}\))")
# A transcript's time codes at the start of a turn: "[00:01:45] PETER: …".
TIMESTAMP = re.compile(r"(?m)^[ \t]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?[ \t]+(?=\S)")
# An opening bracket never closed makes the link parser try it against all that follows.
UNCLOSED_BRACKET = re.compile(r"(?<!\\)\[(?![^\[\]\n]{0,1000}\])")


def blocks_from_markdown(text):
    text = UNCLOSED_BRACKET.sub(r"\\[", without_leaks(TIMESTAMP.sub("", text)))
    text = UNCLOSED_DESTINATION.sub(r"]\\(", text)
    if starts_with_title_line(text):
        first, rest = text.lstrip().split("\n", 1)
        return [*blocks_from_markdown(f"{first}\n\n"), *blocks_from_markdown(rest)]
    walker = TokenWalker()
    walker.walk(PARSER.parse(text))
    return walker.blocks


def starts_with_title_line(text):
    """A document's first line is its title when it stands apart from the next line, even
    without a blank line between them."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) < 2 or not lines[1].strip():
        return False
    first, second = lines[0].strip(), lines[1].strip()
    return (
        len(first) <= MAX_TITLE_CHARS
        and first[:1].isupper()
        and first[-1] not in TITLE_NEVER_ENDS_WITH
        and second[:1].isupper()
        and not re.match(r"^(?:=+|-+|#|\*|>|\d+[.)]\s)", second)
        and not first.startswith(("#", "**", "__", "<"))
    )


class TokenWalker:
    """markdown-it's flat token stream to blocks."""

    def __init__(self):
        self.blocks = []
        self.lists = []  # [ordered, next number, contents]
        self.items = []  # paragraphs seen in each open list item
        self.quotes = 0
        self.heading = 0
        self.contents_next = False
        self.table = None  # (heading row, rows) of the table being read

    def walk(self, tokens):
        for token in tokens:
            handler = getattr(self, f"on_{token.type}", None)
            if handler:
                handler(token)

    def on_heading_open(self, token):
        self.heading = int(token.tag[1])

    def on_heading_close(self, token):
        self.heading = 0

    def on_bullet_list_open(self, token):
        self.lists.append([False, 0, self.contents_next])

    def on_ordered_list_open(self, token):
        self.lists.append([True, int(token.attrGet("start") or 1), self.contents_next])

    def on_bullet_list_close(self, token):
        self.lists.pop()
        self.contents_next = False

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, token):
        self.items.append(0)

    def on_list_item_close(self, token):
        self.items.pop()
        if self.lists and self.lists[-1][0]:
            self.lists[-1][1] += 1

    def on_blockquote_open(self, token):
        self.quotes += 1

    def on_blockquote_close(self, token):
        self.quotes -= 1

    def on_table_open(self, token):
        self.table = ([], [])

    def on_tr_open(self, token):
        self.table[1].append([])

    def on_thead_close(self, token):
        header, rows = self.table
        if rows:
            header.extend(rows.pop())

    def on_td_open(self, token):
        self.table[1][-1].append(Cell())

    on_th_open = on_td_open

    def on_table_close(self, token):
        self.blocks.extend(blocks_of_table(*self.table))
        self.table = None

    def on_hr(self, token):
        self.blocks.append(Block(RULE))

    def on_code_block(self, token):
        self.blocks.extend(blocks_from_markdown(dedent(token.content)))

    def on_fence(self, token):
        for part in re.split(r"\n\s*\n", token.content):
            if part.strip():
                self.blocks.append(Block(PARAGRAPH, fold_whitespace(part), markdown=escape(part)))

    def on_html_block(self, token):
        self.blocks.extend(blocks_from_markdown(markdown_from_html_fragment(token.content)))

    def on_inline(self, token):
        lines = lines_of(token.children or [])
        if self.table is not None:
            cell = self.table[1][-1][-1]
            cell.text = fold_whitespace(" ".join(line.plain for line in lines))
            cell.markdown = fold_whitespace(" ".join(line.md for line in lines))
            return
        if self.heading:
            text = fold_whitespace(" ".join(line.plain for line in lines))
            if text:
                self.contents_next = bool(CONTENTS_HEADINGS.match(text))
                md = fold_whitespace(" ".join(line.md for line in lines))
                self.blocks.append(Block(HEADING, text, self.heading, md))
            return
        if self.items and self.items[-1] == 0:
            self.items[-1] += 1
            self.add_item(lines)
            return
        if self.items:
            self.items[-1] += 1
        self.blocks.extend(paragraphs_from_lines(lines, quoted=self.quotes > 0))
        self.contents_next = False

    def add_item(self, lines):
        ordered, number, contents = self.lists[-1] if self.lists else (False, 0, False)
        text = fold_whitespace(" ".join(line.plain for line in lines))
        if not text:
            return
        md = " ".join(line.md.strip() for line in lines if line.md.strip())
        links_only = all(line.links_only for line in lines)
        kind = CONTENTS if contents or links_only else ITEM
        emphasised = all(line.fully_emphasised for line in lines if line.plain.strip())
        self.blocks.append(
            Block(kind, text, len(self.lists), md, emphasised, number if ordered else 0)
        )


def dedent(text):
    lines = text.split("\n")
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines)


def markdown_from_html_fragment(html):
    """A raw HTML block inside Markdown (a `<dl>`, a `<p><b>AB</b>: …</p>`): bold and italics
    kept as Markdown, every block element a paragraph of its own, other tags dropped."""
    html = HTML_DROPPED.sub("", html)
    html = re.sub(r"<dt\b[^<>]{0,500}>", "\n\n**", html, flags=re.I)
    html = re.sub(r"</dt\s*>", "**\n\n", html, flags=re.I)
    html = HTML_BLOCK_END.sub("\n\n", html)
    for pattern, mark in HTML_INLINE_MARK:
        html = pattern.sub(mark, html)
    html = HTML_TAG.sub("", html)
    from html import unescape

    return "\n\n".join(
        " ".join(part.split()) for part in unescape(html).split("\n\n") if part.strip()
    )
