"""Plain text and Markdown to blocks: paragraphs, `#` headings, list items and labelled turns."""

import re

from .blocks import BREAK, HEADING, ITEM, PARAGRAPH, Block, Document, fold_whitespace
from .turns import BYLINE, DATE_LINE, is_furniture_line

ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u2013]|\d{1,3}[.)])\s+(\S.*)$")
BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
# A line that starts a new turn even without a blank line before it: "Q:", "A:",
# "Interviewer:", "Maria Okafor (CTO, Lakeside):", optionally in Markdown bold.
TURN_START = re.compile(
    r"^\s*(?:\*\*|__)?(?:[A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*){0,3})"
    r"(?:\s*\([^()\n]{1,150}\))?\s*(?:\*\*|__)?\s*:(?:\*\*|__)?\s+\S"
)
MAX_QUESTION_LINES = 3
MAX_TITLE_CHARS = 160
TITLE_NEVER_ENDS_WITH = ".!?:;,"

BOLD_QUESTION_FIRST = re.compile(
    r"^\s*(?P<question>(\*\*|__)[^*_]{1,400}?\?\2)\s+(?P<answer>\S.*)$"
)
PREFIXED_QUESTION_AND_ANSWER = re.compile(
    r"^\s*(?P<question>(?:\*\*)?Q(?:uestion)?\s*\d*\s*:.{1,400}?\?(?:\*\*)?)\s+"
    r"(?P<answer>(?:\*\*)?A(?:nswer)?\s*:(?:\*\*)?\s+\S.*)$"
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
MARKDOWN_CODE = re.compile(r"`([^`\n]+)`")


def document_from_text(text):
    return Document(blocks=blocks_from_text(text))


def blocks_from_text(text):
    blocks = []
    for chunk in split_at_blank_lines(text):
        if not blocks and starts_with_title_line(chunk):
            blocks.append(Block(PARAGRAPH, clean_inline(chunk.pop(0))))
        blocks.extend(blocks_from_chunk(chunk))
    return blocks


def starts_with_title_line(lines):
    """A document's first line is its title when it stands apart from the next line, even
    without a blank line between them."""
    if len(lines) < 2 or ATX_HEADING.match(lines[0]) or SETEXT_UNDERLINE.match(lines[1]):
        return False
    first, second = lines[0].strip(), lines[1].strip()
    return (
        len(first) <= MAX_TITLE_CHARS
        and first[:1].isupper()
        and first[-1] not in TITLE_NEVER_ENDS_WITH
        and second[:1].isupper()
    )


def split_at_blank_lines(text):
    chunk = []
    for line in text.split("\n"):
        line = BLOCKQUOTE.sub("", line)
        if line.strip():
            chunk.append(line)
        elif chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def blocks_from_chunk(lines):
    """Blocks from lines with no blank line between them."""
    blocks = []
    paragraph = []

    def flush():
        if paragraph:
            blocks.extend(paragraphs_from_lines(paragraph))
            paragraph.clear()

    for line in lines:
        if RULE.match(line) and not paragraph:
            flush()
            blocks.append(Block(BREAK))
        elif heading := ATX_HEADING.match(line):
            flush()
            blocks.append(Block(HEADING, clean_inline(heading.group(2)), len(heading.group(1))))
        elif SETEXT_UNDERLINE.match(line) and len(paragraph) == 1:
            level = 1 if line.strip().startswith("=") else 2
            blocks.append(Block(HEADING, clean_inline(paragraph.pop()), level))
        elif item := LIST_ITEM.match(line):
            flush()
            blocks.append(Block(ITEM, clean_inline(item.group(1))))
        elif blocks and blocks[-1].kind == ITEM and not paragraph and line[:1].isspace():
            continued = blocks.pop()
            blocks.append(Block(ITEM, clean_inline(f"{continued.text} {line}")))
        else:
            paragraph.append(line)
    flush()
    return blocks


def paragraphs_from_lines(lines, clean=None):
    """Paragraph blocks from consecutive lines: a new one starts at each labelled turn, and a
    short question at the top of a paragraph stands apart from the answer below it."""
    clean = clean or clean_inline
    paragraphs = []
    current = []
    last = len(lines) - 1
    for index, line in enumerate(lines):
        if current and (TURN_START.match(line) or is_metadata_line(line)):
            paragraphs.append(current)
            current = []
        current.append(line)
        if is_metadata_line(line):
            paragraphs.append(current)
            current = []
            continue
        if (
            not paragraphs
            and index < last
            and len(current) <= MAX_QUESTION_LINES
            and question_line(line)
        ):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    texts = (
        clean(part)
        for paragraph in paragraphs
        for part in question_and_answer_in_one(" ".join(paragraph))
    )
    return [Block(PARAGRAPH, text) for text in texts if text]


def question_and_answer_in_one(text):
    """A paragraph that holds a question and its answer ("**Why Xen?** Because…",
    "Q: Why Xen? A: Because…") as two parts; any other paragraph as one."""
    match = BOLD_QUESTION_FIRST.match(text) or PREFIXED_QUESTION_AND_ANSWER.match(text)
    return [match.group("question"), match.group("answer")] if match else [text]


def is_metadata_line(line):
    """A date, a byline or page furniture on a line of its own, as in "April 12, 2021"."""
    line = line.strip()
    return bool(DATE_LINE.match(line) or BYLINE.match(line)) or is_furniture_line(line)


def question_line(line):
    return line.rstrip().rstrip("*_").endswith("?")


def clean_inline(text):
    """Markdown's inline markup removed: emphasis, links, images and code spans."""
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_CODE.sub(r"\1", text)
    text = MARKDOWN_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return fold_whitespace(text)
