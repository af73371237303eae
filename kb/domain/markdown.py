"""Stored Markdown to safe HTML: one function for every page that shows an answer, an
introduction, a summary, a benefit or a challenge.

markdown-it-py renders CommonMark with raw HTML turned off; nh3 then keeps only the tags a
text needs, drops any link that is not http, https or mailto (no `javascript:`), and external
links get rel="nofollow noopener".
"""

import html
import re

import nh3
from markdown_it import MarkdownIt

BLOCK_TAGS = {"p", "br", "ul", "ol", "li", "blockquote", "h3", "h4", "h5", "h6", "hr", "pre"}
TABLE_TAGS = {"div", "table", "thead", "tbody", "tr", "th", "td"}
INLINE_TAGS = {"a", "strong", "em", "code", "del", "s", "br"}
# Raw HTML is off: a <div> only ever comes from the table rule below.
ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "ol": {"start"},
    "div": {"class", "tabindex", "role", "aria-label"},
    "th": {"scope"},
}
# A wide table scrolls inside its own box on a phone; the box takes the keyboard's focus so it
# can be scrolled without a mouse.
TABLE_BOX = '<div class="table-scroll" tabindex="0" role="region" aria-label="Table">'
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
EXTERNAL_REL = "nofollow noopener"
# Headings inside an answer are never as large as the page's own.
HEADING_SHIFT = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}
ESCAPABLE = re.compile(r"([\\`*_\[\]<>#!|~&])")
LINE_START = re.compile(r"^(\s*)(\d*)([-+=.)])", re.MULTILINE)


def _renderer():
    md = (
        MarkdownIt("commonmark", {"html": False, "maxNesting": 20})
        .enable("strikethrough")
        .enable("table")
    )

    def link_open(renderer, tokens, index, options, env):
        token = tokens[index]
        if EXTERNAL.match(token.attrGet("href") or ""):
            token.attrSet("rel", EXTERNAL_REL)
        return md.renderer.renderToken(tokens, index, options, env)

    def heading_open(renderer, tokens, index, options, env):
        tokens[index].tag = HEADING_SHIFT[tokens[index].tag]
        return md.renderer.renderToken(tokens, index, options, env)

    def table_open(renderer, tokens, index, options, env):
        return TABLE_BOX + md.renderer.renderToken(tokens, index, options, env)

    def table_close(renderer, tokens, index, options, env):
        return md.renderer.renderToken(tokens, index, options, env) + "</div>"

    def th_open(renderer, tokens, index, options, env):
        tokens[index].attrs = {"scope": "col"}  # and no inline style: alignment is not kept
        return md.renderer.renderToken(tokens, index, options, env)

    def td_open(renderer, tokens, index, options, env):
        tokens[index].attrs = {}
        return md.renderer.renderToken(tokens, index, options, env)

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)
    md.add_render_rule("th_open", th_open)
    md.add_render_rule("td_open", td_open)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_open)
    return md


MARKDOWN = _renderer()


def sanitized(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes={tag: attrs for tag, attrs in ATTRIBUTES.items() if tag in tags},
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


def render_markdown(text):
    """Paragraphs, lists, quotes, tables, links and emphasis as safe HTML."""
    if not text:
        return ""
    return sanitized(MARKDOWN.render(text), BLOCK_TAGS | TABLE_TAGS | INLINE_TAGS).strip()


def render_markdown_inline(text):
    """Links and emphasis only, for text shown inside a line (a benefit, a challenge)."""
    if not text:
        return ""
    return sanitized(MARKDOWN.renderInline(text), INLINE_TAGS).strip()


def plain_text(text):
    """Markdown as the words a reader sees, for places that show no markup: feeds, a page's
    description for search engines and shares."""
    if not text:
        return ""
    words = html.unescape(nh3.clean(MARKDOWN.render(text), tags=set()))
    return " ".join(words.split())


def markdown_from_plain_text(text, *, line_breaks=True):
    """Plain text as Markdown that shows the same: every character that Markdown would read
    as markup escaped; with `line_breaks`, single newlines kept as line breaks (as Django's
    `linebreaks` filter showed them)."""
    if not text:
        return text
    escaped = ESCAPABLE.sub(r"\\\1", text.replace("\r\n", "\n"))
    escaped = LINE_START.sub(r"\1\2\\\3", escaped)
    paragraphs = re.split(r"\n\s*\n", escaped.strip())
    joiner = "\\\n" if line_breaks else "\n"
    return "\n\n".join(
        joiner.join(line.strip() for line in paragraph.split("\n") if line.strip())
        for paragraph in paragraphs
    )
