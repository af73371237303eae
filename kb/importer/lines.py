"""A paragraph's inline content as lines, and lines as paragraph blocks.

Each line knows its plain text, its Markdown and where emphasis opens and closes, so that a
bold question on a line of its own, a turn starting without a blank line ("Host: …" under
"Ingrid: …"), a date or byline on its own line, and a picture with its caption become blocks
of their own.
"""

import re
from dataclasses import dataclass, field

from .blocks import CAPTION, IMAGE, PARAGRAPH, Block, fold_whitespace
from .turns import BYLINE, DATE_LINE, is_furniture_line, question_shaped

# A line that starts a new turn even without a blank line before it: "Q:", "A:",
# "Interviewer:", "Maria Okafor (CTO, Lakeside):", "JD:".
TURN_START = re.compile(
    r"^(?:[A-Z][\w'\u2019.\-]*(?:\s+(?:[A-Z][\w'\u2019.\-]*|\d{1,2}(?=\s*[:(]))){0,3})"
    r"(?:\s*\([^()\n]{1,150}\))?\s*:\s+\S"
)
MAX_QUESTION_LINES = 3
PREFIXED_QUESTION_AND_ANSWER = re.compile(
    r"^\s*(?P<question>Q(?:uestion)?\s*\d*\s*[:.]\s.{1,400}?\?)\s+(?P<answer>A(?:nswer)?\s*[:.]\s+\S.*)$"
)
ANSWER_LABEL_IN_MARKDOWN = re.compile(r"\s(?=(?:\*\*|__)?A(?:nswer)?\s*[:.](?:\*\*|__)?\s)")
CAPTION_START = re.compile(r"^(?:fig(?:ure|\.)?|photo|image|picture|credit|source|caption)\b", re.I)
ESCAPED = re.compile(r"([\\`*\[\]<]|(?<!\w)_|_(?!\w))")
EMPHASIS_MARKS = {"strong": "**", "em": "*", "s": "~~"}
HTML_EMPHASIS = re.compile(r"^<(/?)(b|strong|i|em)\b[^>]*>$", re.IGNORECASE)
HTML_BREAK = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


@dataclass
class Line:
    md: str = ""
    plain: str = ""
    emphasised_chars: int = 0
    plain_chars: int = 0
    depth_at_start: int = 0
    depth_at_end: int = 0
    starts_emphasised: bool = False
    links: int = 0
    link_chars: int = 0
    images: list[str] = field(default_factory=list)

    @property
    def fully_emphasised(self):
        return self.plain_chars > 0 and self.emphasised_chars == self.plain_chars

    @property
    def image_only(self):
        return bool(self.images) and not self.plain.strip()

    @property
    def links_only(self):
        return self.links > 0 and self.link_chars == self.plain_chars


def lines_of(children):
    lines = [Line()]
    depth = 0
    in_link = 0
    hrefs = []
    for token in children:
        line = lines[-1]
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            line.depth_at_end = depth
            lines.append(Line(depth_at_start=depth))
        elif kind == "text" or kind == "code_inline":
            add_text(line, token.content, depth, in_link)
        elif kind.endswith("_open") and kind[:-5] in EMPHASIS_MARKS:
            depth = open_emphasis(line, depth, EMPHASIS_MARKS[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in EMPHASIS_MARKS:
            line.md += EMPHASIS_MARKS[kind[:-6]]
            depth = max(0, depth - 1)
        elif kind == "link_open":
            hrefs.append(token.attrGet("href") or "")
            in_link += 1
            line.links += 1
            line.md += "["
        elif kind == "link_close":
            in_link = max(0, in_link - 1)
            line.md += f"]({safe_href(hrefs.pop() if hrefs else '')})"
        elif kind == "image":
            line.images.append(fold_whitespace(token.content))
        elif kind == "html_inline":
            depth = html_inline(lines, token.content, depth)
    lines[-1].depth_at_end = depth
    for line in lines:
        line.plain = fold_whitespace(line.plain)
        line.md = line.md.strip()
    return [line for line in lines if line.plain or line.images]


def open_emphasis(line, depth, mark):
    if not line.plain.strip():
        line.starts_emphasised = True
    line.md += mark
    return depth + 1


def add_text(line, content, depth, in_link):
    line.plain += content
    line.md += escape(content)
    visible = len(content.strip())
    line.plain_chars += visible
    if depth:
        line.emphasised_chars += visible
    if in_link:
        line.link_chars += visible


def html_inline(lines, tag, depth):
    line = lines[-1]
    if HTML_BREAK.match(tag):
        line.depth_at_end = depth
        lines.append(Line(depth_at_start=depth))
        return depth
    if match := HTML_EMPHASIS.match(tag):
        mark = "**" if match.group(2).lower() in ("b", "strong") else "*"
        if match.group(1):
            line.md += mark
            return max(0, depth - 1)
        return open_emphasis(line, depth, mark)
    return depth


def safe_href(href):
    return href.replace(" ", "%20").replace(")", "%29")


def escape(text):
    return ESCAPED.sub(r"\\\1", text)


# Lines to paragraphs


def paragraphs_from_lines(lines, quoted=False):
    """Paragraph blocks from a paragraph's lines: a new one starts at each labelled turn, at a
    date or byline, around a bold question on its own line, and after a short question at the
    top of a paragraph. An image on its own line is an image, and an emphasised line right
    under it is its caption."""
    blocks = []
    current = []
    previous_image = False

    def flush():
        if current:
            blocks.extend(split_question_and_answer(block_of(current, quoted)))
            current.clear()

    for index, line in enumerate(lines):
        if line.image_only:
            flush()
            blocks.append(Block(IMAGE, " ".join(line.images)))
            previous_image = True
            continue
        if previous_image and is_caption(line):
            flush()
            blocks.append(Block(CAPTION, line.plain))
            previous_image = False
            continue
        previous_image = False
        if current and starts_new_paragraph(current[-1], line):
            flush()
        current.append(line)
        if is_metadata_line(line.plain) or (
            not blocks
            and index < len(lines) - 1
            and len(current) <= MAX_QUESTION_LINES
            and line.plain.rstrip("*_ ").endswith("?")
            and not line.fully_emphasised
        ):
            flush()
    flush()
    return blocks


def is_caption(line):
    return line.fully_emphasised or bool(CAPTION_START.match(line.plain))


def starts_new_paragraph(previous, line):
    if TURN_START.match(line.plain) or is_metadata_line(line.plain):
        return True
    if is_metadata_line(previous.plain):
        return True
    if previous.fully_emphasised and previous.depth_at_end == 0:
        return True
    return line.fully_emphasised and line.depth_at_start == 0 and not previous.fully_emphasised


def is_metadata_line(line):
    """A date, a byline or page furniture on a line of its own, as in "April 12, 2021"."""
    line = line.strip()
    return bool(DATE_LINE.match(line) or BYLINE.match(line)) or is_furniture_line(line)


def block_of(lines, quoted):
    text = fold_whitespace(" ".join(line.plain for line in lines))
    md = " ".join(line.md for line in lines if line.md)
    emphasised = all(line.fully_emphasised for line in lines)
    return Block(PARAGRAPH, text, markdown=md, emphasised=emphasised, quoted=quoted)


def split_question_and_answer(block):
    """A paragraph that holds a question and its answer ("**Why Xen?** Because…",
    "Q: Why Xen? A: Because…") as two blocks; any other paragraph as one."""
    if not block.emphasised and (parts := emphasised_lead(block.md)):
        question, answer = parts
        plain_question = fold_whitespace(strip_markup(question))
        if question_shaped(plain_question, strict=False):
            answer_text = block.text[len(plain_question) :].strip()
            return [
                Block(PARAGRAPH, plain_question, markdown=question, emphasised=True),
                Block(PARAGRAPH, answer_text, markdown=answer.strip(), quoted=block.quoted),
            ]
    if match := PREFIXED_QUESTION_AND_ANSWER.match(block.text):
        split = ANSWER_LABEL_IN_MARKDOWN.split(block.md, maxsplit=1)
        answer_md = split[1] if len(split) == 2 else match.group("answer")
        return [
            Block(PARAGRAPH, match.group("question")),
            Block(PARAGRAPH, match.group("answer"), markdown=answer_md),
        ]
    return [block]


LEADING_EMPHASIS = re.compile(r"^(\*\*|__)(?P<lead>(?:(?!\1).){1,400}?)\1(?P<rest>\s+\S.*)$", re.S)


def emphasised_lead(md):
    match = LEADING_EMPHASIS.match(md)
    if not match or not match.group("lead").strip():
        return None
    return match.group(1) + match.group("lead") + match.group(1), match.group("rest")


def strip_markup(md):
    """Plain text of a short Markdown span: emphasis marks and escapes removed."""
    md = re.sub(r"\\([\\`*\[\]<_])", r"\1", re.sub(r"(?<!\\)(\*\*|__|\*|~~)", "", md))
    return re.sub(r"(?<!\w)_|_(?!\w)", "", md)
