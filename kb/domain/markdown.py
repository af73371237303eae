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
INLINE_TAGS = {"a", "strong", "em", "code", "del", "s", "br"}
ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
EXTERNAL_REL = "nofollow noopener"
# Headings inside an answer are never as large as the page's own.
HEADING_SHIFT = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}
ESCAPABLE = re.compile(r"([\\`*_\[\]<>#!|~&])")
LINE_START = re.compile(r"^(\s*)(\d*)([-+=.)])", re.MULTILINE)


def _renderer():
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": 20}).enable("strikethrough")

    def link_open(renderer, tokens, index, options, env):
        token = tokens[index]
        if EXTERNAL.match(token.attrGet("href") or ""):
            token.attrSet("rel", EXTERNAL_REL)
        return md.renderer.renderToken(tokens, index, options, env)

    def heading_open(renderer, tokens, index, options, env):
        tokens[index].tag = HEADING_SHIFT[tokens[index].tag]
        return md.renderer.renderToken(tokens, index, options, env)

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
    """Paragraphs, lists, quotes, links and emphasis as safe HTML."""
    if not text:
        return ""
    return sanitized(MARKDOWN.render(text), BLOCK_TAGS | INLINE_TAGS).strip()


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
