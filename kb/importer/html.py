"""HTML to blocks: the page's main content through trafilatura, as Markdown, then the same
blocks as a Markdown file.

trafilatura knows page furniture (navigation, share buttons, comments, author boxes, related
posts) from thousands of real sites and keeps headings, lists, emphasis and links. The page is
parsed once with lxml; a page nested thousands of levels deep is flattened first, so nothing
below it recurses without bound. A page with several outermost <article> elements (a blog
archive) is read article by article, with a break between them.
"""

import copy
import logging
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .blocks import BREAK, Block, Document, Metadata, fold_whitespace
from .html_markdown import markdown_of_html
from .metadata import date_in_text, without_site_name
from .plaintext import blocks_from_markdown

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_DEPTH = 60
EXTRACTOR_MAX_CHARS = 2_000_000
NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "math", "textarea", "select")
EXTRACT_OPTIONS = {
    "output_format": "markdown",
    "include_formatting": True,
    "include_links": True,
    "include_images": True,
    "include_tables": True,
    "include_comments": False,
    "favor_recall": True,
    "deduplicate": False,
    "with_metadata": False,
}
# trafilatura logs a warning for every page it finds too short; that is no news here.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
DATE_META = (
    "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "pubdate", "publish-date", "sailthru.date", "og:published_time", "publication_date",
)  # fmt: skip
# Bylines and date lines, which the content readers leave out as page furniture.
DATED_ELEMENTS = (
    "//*[contains(@class, 'byline') or contains(@class, 'date') or contains(@class, 'meta')"
    " or contains(@class, 'posted') or contains(@class, 'published')]"
)
TITLE_META = ("og:title", "twitter:title", "dc.title")
PARSER_OPTIONS = {"huge_tree": True, "remove_comments": True, "remove_pis": True}


def documents_from_html(html):
    """Two readings of the page: its main content as the extractor sees it, and all of its
    text but the furniture. The parser takes the one that holds more of the interview. A page
    larger than any real interview's gets the second, faster reading only."""
    tree = parse_html(html)
    if tree is None:
        return [Document(blocks=[])]
    metadata = metadata_of(tree)
    etree.strip_elements(tree, *NEVER_TEXT, with_tail=False)
    flatten_deep_nesting(tree)
    word_titles_as_headings(tree)
    articles = outermost_articles(tree)
    reads = [main_content, markdown_of_html] if len(html) <= EXTRACTOR_MAX_CHARS else []
    reads = reads or [markdown_of_html]
    readings = []
    for read in reads:
        roots = articles if len(articles) > 1 else [tree]
        # The last reading may change the tree; the ones before it read copies.
        copies = roots if read is reads[-1] else [copy.deepcopy(root) for root in roots]
        blocks = []
        for root in copies:
            blocks.extend(blocks_from_markdown(read(root)))
            if len(copies) > 1:
                blocks.append(Block(BREAK))
        readings.append(
            Document(
                blocks=blocks,
                page_title=metadata.title or "",
                source_url=metadata.source_url,
                metadata=metadata,
                several_articles=len(articles) > 1,
            )
        )
    return readings


# A document Word saved as a web page sets its title as a paragraph of the "Title" style; its
# <title> is the file's properties, often a working name.
WORD_TITLE = "//p[contains(@class, 'MsoTitle')]"


def word_title(tree):
    found = tree.xpath(WORD_TITLE)
    return fold_whitespace(found[0].text_content()) if found else ""


def word_titles_as_headings(tree):
    for paragraph in tree.xpath(WORD_TITLE):
        paragraph.tag = "h1"


def parse_html(html):
    parser = lxml_html.HTMLParser(**PARSER_OPTIONS)
    html = CONTROL_CHARACTERS.sub("", limited_nesting(html))
    try:
        return lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None


TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]{0,30})\b[^<>]{0,2000}?(/?)>")
# Tags that close themselves or are closed by the next of their kind: they never nest deep.
NOT_NESTING = {
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "img", "hr", "input", "meta",
    "link", "wbr", "source", "col", "area", "base", "param", "track", "embed",
}  # fmt: skip
MAX_SOURCE_DEPTH = 200


def limited_nesting(html):
    """Tags opened deeper than MAX_SOURCE_DEPTH dropped, with as many closing tags: the HTML
    parser gives up on text nested thousands of levels deep, and the text must survive."""
    depth = 0
    excess = 0

    def keep_or_drop(match):
        nonlocal depth, excess
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in NOT_NESTING or self_closing:
            return match.group(0)
        if closing:
            if excess:
                excess -= 1
                return ""
            depth = max(0, depth - 1)
            return match.group(0)
        if depth >= MAX_SOURCE_DEPTH:
            excess += 1
            return ""
        depth += 1
        return match.group(0)

    return TAG.sub(keep_or_drop, html)


def main_content(tree):
    """The main content as Markdown, as trafilatura finds it ("" if it finds none)."""
    definitions_as_paragraphs(tree)
    try:
        return trafilatura.extract(tree, **EXTRACT_OPTIONS) or ""
    except (RecursionError, ValueError, TypeError):
        return ""


def flatten_deep_nesting(tree):
    """Elements nested deeper than MAX_DEPTH become text: extractors recurse, and a page of
    thousands of unclosed tags must not take them down. One pass, linear in the page."""
    depth = 0
    too_deep = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == MAX_DEPTH:
                too_deep.append(element)
        else:
            depth -= 1
    for element in too_deep:
        text = "\n\n".join(part.strip() for part in element.itertext() if part.strip())
        tail = element.tail
        element.clear()
        element.tag = "div"
        for paragraph in text.split("\n\n")[:5000]:
            etree.SubElement(element, "p").text = paragraph
        element.tail = tail


def definitions_as_paragraphs(tree):
    """<dt>question</dt><dd>answer</dd> as a bold paragraph and a paragraph."""
    for term in list(tree.iter("dt")):
        term.tag = "p"
        bold = lxml_html.Element("strong")
        bold.text, term.text = term.text, None
        for child in list(term):
            bold.append(child)
        term.append(bold)
    for element in list(tree.iter("dd", "dl")):
        element.tag = "div"


def outermost_articles(tree):
    return tree.xpath("//article[not(ancestor::article)]")


def metadata_of(tree):
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = fold_whitespace(meta.get("content"))
    site_name = metas.get("og:site_name", "")
    title = next((metas[key] for key in TITLE_META if metas.get(key)), "")
    title = title or word_title(tree) or fold_whitespace(tree.findtext(".//title") or "")
    return Metadata(
        title=without_site_name(title, site_name),
        date=published_date(tree, metas),
        source_url=canonical_url(tree, metas),
        site_name=site_name,
        author=metas.get("author", "") if not metas.get("author", "").startswith("http") else "",
    )


def canonical_url(tree, metas):
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    url = metas.get("og:url", "")
    return url if re.match(r"^https?://", url) else ""


def published_date(tree, metas):
    for key in DATE_META:
        if metas.get(key) and (date := date_in_text(metas[key])):
            return date
    for time in tree.iter("time"):
        if date := date_in_text(time.get("datetime") or time.text_content() or ""):
            return date
    for element in tree.xpath(DATED_ELEMENTS)[:20]:
        if date := date_in_text(element.text_content()[:200]):
            return date
    return ""
