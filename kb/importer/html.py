"""HTML to blocks: the page's own text, without scripts, styles, navigation or footers.

Headings and list items keep their role; a page with several <article> elements (a blog
archive) gets a break between articles so the parser can tell the posts apart.
"""

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from .blocks import BREAK, HEADING, ITEM, PARAGRAPH, Block, Document, fold_whitespace
from .plaintext import paragraphs_from_lines

NEVER_CONTENT = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "math", "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "head",
    "link", "meta", "audio", "video", "picture", "img",
]  # fmt: skip
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|sidebar|footer|comments?|share|sharing|social|"
    r"breadcrumbs?|cookies?|related|widgets?|advert|ads|newsletter|subscribe|skip-link|pagination|"
    r"meta|byline|sharedaddy|relatedposts)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "ul", "ol", "li", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "pre", "figure",
    "figcaption", "hr", "address", "details", "summary", "body", "html", "center",
}  # fmt: skip
EMPHASIS = {"b", "strong", "em", "i"}
NOT_TEXT = (Comment, Doctype, Declaration, ProcessingInstruction, CData)


def document_from_html(html):
    soup = BeautifulSoup(html, "html.parser")
    page_title = fold_whitespace(soup.title.get_text()) if soup.title else ""
    source_url = canonical_url(soup)
    remove_chrome(soup)
    collector = BlockCollector()
    articles = soup.find_all("article")
    outermost = [article for article in articles if not article.find_parent("article")]
    if outermost:
        for article in outermost:
            collector.visit(article)
            collector.add_break()
    else:
        collector.visit(soup.find("main") or soup.body or soup)
    return Document(blocks=collector.blocks, page_title=page_title, source_url=source_url)


def canonical_url(soup):
    link = soup.find("link", rel="canonical", href=True)
    if link:
        return link["href"].strip()
    meta = soup.find("meta", attrs={"property": "og:url", "content": True})
    return meta["content"].strip() if meta else ""


def remove_chrome(soup):
    take_out(soup.find_all(NEVER_CONTENT))
    take_out(soup.find_all(is_chrome))


def take_out(tags):
    """Remove tags from the tree. Each parent's children are listed once: bs4 on its own looks
    every tag up among its siblings, which takes minutes on a page of tens of thousands."""
    by_parent = {}
    for tag in tags:
        if tag.parent is not None:
            by_parent.setdefault(id(tag.parent), (tag.parent, set()))[1].add(id(tag))
    for parent, leaving in by_parent.values():
        positions = [n for n, child in enumerate(parent.contents) if id(child) in leaving]
        for position in reversed(positions):
            parent.contents[position].extract(_self_index=position)


def is_chrome(tag):
    if tag.name == "header":
        # A page's banner is chrome; an article's own header holds its title.
        return tag.find_parent(["article", "main"]) is None and not tag.find(HEADINGS)
    if tag.name in ("html", "body", "main", "article"):
        return False
    if (tag.get("role") or "").lower() in CHROME_ROLES or tag.has_attr("hidden"):
        return True
    names = " ".join([*tag.get("class", []), tag.get("id") or ""])
    return bool(names.strip()) and bool(CHROME_NAMES.search(names))


class BlockCollector:
    """Walks the tree in document order, without recursion (pages can nest very deeply)."""

    def __init__(self):
        self.blocks = []
        self.buffer = []
        self.kinds = [PARAGRAPH]
        self.leading_emphasis = set()

    def visit(self, root):
        stack = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.leave(node)
            elif isinstance(node, NOT_TEXT):
                continue
            elif isinstance(node, NavigableString):
                self.buffer.append(str(node))
            elif isinstance(node, Tag) and self.enter(node):
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))

    def enter(self, tag):
        """Handle the start of `tag`; True when its children are still to be visited."""
        if tag.name == "br":
            self.buffer.append("\n")
            return False
        if tag.name in HEADINGS:
            self.flush()
            text = fold_whitespace(tag.get_text(" "))
            if text:
                self.blocks.append(Block(HEADING, text, HEADINGS[tag.name]))
            return False
        if tag.name == "li":
            self.flush()
            self.kinds.append(ITEM)
        elif tag.name in BLOCK_TAGS:
            self.flush()
        elif tag.name in EMPHASIS and not "".join(self.buffer).strip():
            self.leading_emphasis.add(id(tag))
        return True

    def leave(self, tag):
        if id(tag) in self.leading_emphasis and tag.get_text().rstrip().endswith("?"):
            # "<p><b>Why Xen?</b> Because…</p>": the bold question stands apart from its answer.
            self.buffer.append("\n")
        if tag.name == "li":
            self.flush()
            self.kinds.pop()
        elif tag.name in BLOCK_TAGS:
            self.flush()

    def flush(self):
        text = "".join(self.buffer)
        self.buffer = []
        if not text.strip():
            return
        if self.kinds[-1] == ITEM:
            self.blocks.append(Block(ITEM, fold_whitespace(text)))
        else:
            lines = [line for line in text.split("\n") if line.strip()]
            self.blocks.extend(paragraphs_from_lines(lines, clean=fold_whitespace))

    def add_break(self):
        self.flush()
        if self.blocks and self.blocks[-1].kind != BREAK:
            self.blocks.append(Block(BREAK))
