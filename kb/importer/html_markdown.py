"""An HTML page's own text as Markdown, structure kept, page furniture left out: the second
reading of a page, for when the main-content extractor drops part of an interview (short
pages, definition lists, a title above the article).

The tree is walked without recursion; emphasis, links, headings, lists and definition lists
keep their meaning.
"""

import re

NEVER_CONTENT = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "math", "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "head",
    "link", "meta", "audio", "video", "picture", "img", "figcaption", "title",
}  # fmt: skip
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|sidebar|footer|comments?|share|sharing|social|"
    r"breadcrumbs?|cookies?|related|widgets?|advert|ads|newsletter|subscribe|skip-link|pagination|"
    r"meta|byline|sharedaddy|relatedposts|author-box|author-bio|about-author|entry-meta|"
    r"post-meta|tags|tag-links|cat-links|jp-relatedposts|popup|modal|promo)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PARAGRAPHS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "table", "thead",
    "tbody", "tfoot", "tr", "pre", "figure", "address", "details", "summary", "body", "html",
    "center", "dl", "dd", "ul", "ol", "hr",
}  # fmt: skip
STRONG = {"b", "strong"}
EMPHASIS = {"i", "em", "cite"}
CELLS = {"td", "th"}
SPECIAL = re.compile(r"([\\`*\[\]<]|(?<!\w)_|_(?!\w))")
WHITESPACE = re.compile(r"\s+")
LIST_LINE = re.compile(r"^\s+(?:\d+\.|-) ")
SAFE_LINK = re.compile(r"^(?:https?:|mailto:|/|#|\.|[\w\-]+(?:[/.?#]|$))", re.IGNORECASE)


def markdown_of_html(root):
    take_out_furniture(root)
    writer = MarkdownWriter()
    writer.visit(root)
    return writer.text()


def take_out_furniture(root):
    for element in [e for e in root.iter() if is_furniture(e)]:
        if element.getparent() is not None:
            element.drop_tree()


def is_furniture(element):
    if not isinstance(element.tag, str):
        return True
    tag = element.tag.lower()
    if tag in NEVER_CONTENT:
        return True
    if tag == "header":
        return not any(True for _ in element.iterancestors("article", "main")) and not any(
            True for _ in element.iter(*HEADINGS)
        )
    if tag in ("html", "body", "main", "article"):
        return False
    if (element.get("role") or "").lower() in CHROME_ROLES or element.get("hidden") is not None:
        return True
    names = " ".join([element.get("class") or "", element.get("id") or ""])
    return bool(names.strip()) and bool(CHROME_NAMES.search(names))


class MarkdownWriter:
    def __init__(self):
        self.out = []
        self.lists = []  # [ordered, next number]
        self.in_item = 0
        self.marks = []  # (position in out, mark)

    def visit(self, root):
        stack = [(root, False)]
        while stack:
            element, leaving = stack.pop()
            if leaving:
                self.leave(element)
                self.add_text(element.tail)
                continue
            if not isinstance(element.tag, str):
                self.add_text(element.tail)
                continue
            if self.enter(element):
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
            else:
                self.add_text(element.tail)

    def enter(self, element):
        tag = element.tag.lower()
        if tag in HEADINGS:
            text = " ".join(element.text_content().split())
            if text:
                self.block_break()
                self.out.append("#" * HEADINGS[tag] + " " + escape(text))
                self.block_break()
            return False
        if tag == "br":
            self.out.append("\n")
            return False
        if tag == "hr":
            self.block_break()
            self.out.append("---")
            self.block_break()
            return False
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", int_or(element.get("start"), 1)])
            self.block_break()
        elif tag == "li":
            self.start_item()
        elif tag == "dt":
            self.block_break()
            self.open_mark("**")
        elif tag in STRONG:
            self.open_mark("**")
        elif tag in EMPHASIS:
            self.open_mark("*")
        elif tag == "a":
            self.marks.append((len(self.out), "a"))
        elif tag in CELLS:
            self.out.append(" ")
        elif tag in PARAGRAPHS:
            self.paragraph_break()
        self.add_text(element.text)
        return True

    def leave(self, element):
        tag = element.tag.lower()
        if tag in ("ul", "ol"):
            self.lists.pop()
            self.block_break()
        elif tag == "li":
            self.in_item -= 1
        elif tag == "dt":
            self.close_mark()
            self.block_break()
        elif tag in STRONG or tag in EMPHASIS:
            self.close_mark()
        elif tag == "a":
            self.close_link(element.get("href") or "")
        elif tag in PARAGRAPHS:
            self.paragraph_break()

    def start_item(self):
        if not self.lists:
            self.lists.append([False, 1])
        ordered, number = self.lists[-1]
        self.lists[-1][1] += 1
        indent = "   " * (len(self.lists) - 1)
        self.out.append("\n" + indent + (f"{number}. " if ordered else "- "))
        self.in_item += 1

    def paragraph_break(self):
        if self.in_item:
            self.out.append(" ")
        else:
            self.block_break()

    def block_break(self):
        self.out.append("\n\n")

    def open_mark(self, mark):
        self.marks.append((len(self.out), mark))
        self.out.append(mark)

    def close_mark(self):
        if not self.marks:
            return
        position, mark = self.marks.pop()
        inner = "".join(self.out[position + 1 :])
        del self.out[position:]
        if not inner.strip() or "\n\n" in inner:
            self.out.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        self.out.extend([lead, mark, inner.strip(), mark, trail])

    def close_link(self, href):
        if not self.marks:
            return
        position, _ = self.marks.pop()
        inner = "".join(self.out[position:])
        del self.out[position:]
        href = href.strip().replace(" ", "%20").replace(")", "%29")
        if not inner.strip() or not SAFE_LINK.match(href) or "\n\n" in inner:
            self.out.append(inner)
            return
        self.out.append(f"[{inner.strip()}]({href})")

    def add_text(self, text):
        if text:
            self.out.append(escape(WHITESPACE.sub(" ", text)))

    def text(self):
        lines = "".join(self.out).split("\n")
        text = "\n".join(line.rstrip() if LIST_LINE.match(line) else line.strip() for line in lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def escape(text):
    return SPECIAL.sub(r"\\\1", text)


def int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
