"""Answers and introductions as Markdown: paragraphs, bulleted and numbered lists, links and
emphasis kept; speaker labels and "A:" prefixes taken off."""

import re

from .blocks import HEADING, ITEM
from .turns import ANSWER_PREFIX

MARKUP = "*_~"


def answer_markdown(blocks, speakers):
    """The answer's Markdown; where several people answer one question (a round table), each
    part keeps who said it, in bold."""
    voices = {turn.name for block in blocks if (turn := speakers.turn(block))}
    if len(voices) < 2:
        return joined(blocks, lambda block: answer_part(block, speakers))
    return joined(blocks, lambda block: attributed_part(block, speakers))


def attributed_part(block, speakers):
    part = answer_part(block, speakers)
    turn = speakers.turn(block)
    return f"**{escape_plain(turn.name)}:** {part}" if turn and part else part


def introduction_markdown(blocks):
    return joined(blocks, lambda block: unemphasised(block) if block.emphasised else block.md)


WHOLLY_EMPHASISED = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+)\1$", re.DOTALL)


def unemphasised(block):
    """A standfirst set in italics or bold as a whole reads as plain text on our page."""
    match = WHOLLY_EMPHASISED.match(block.md)
    if match and match.group(1)[0] not in match.group("inner"):
        return match.group("inner")
    return block.md


def joined(blocks, markdown_of):
    text = ""
    for previous, block in zip([None, *blocks], blocks, strict=False):
        part = markdown_of(block)
        if not part:
            continue
        if previous is not None and text:
            text += "\n" if block.kind == ITEM and previous.kind == ITEM else "\n\n"
        text += list_marker(block) + part if block.kind == ITEM else heading_marker(block) + part
    return text.strip()


def list_marker(block):
    indent = "   " * max(0, block.level - 1)
    return f"{indent}{block.number}. " if block.number else f"{indent}- "


def heading_marker(block):
    return "#" * min(6, max(3, block.level)) + " " if block.kind == HEADING else ""


def answer_part(block, speakers):
    """The block's Markdown without the speaker's label or answer prefix before it."""
    turn = speakers.turn(block)
    if turn:
        remainder = turn.text
    elif match := ANSWER_PREFIX.match(block.text):
        remainder = match.group("text")
    else:
        return block.md
    if block.emphasised or not block.markdown:
        return escape_plain(remainder)
    label_chars = count_visible(block.text[: len(block.text) - len(remainder)])
    return balanced(markdown_after(block.md, label_chars)) or escape_plain(remainder)


def count_visible(text):
    return sum(1 for char in text if not char.isspace())


def markdown_after(md, visible):
    """`md` after its first `visible` non-space characters of text (markup not counted)."""
    index, seen = 0, 0
    while index < len(md) and seen < visible:
        char = md[index]
        if char == "\\" and index + 1 < len(md):
            seen += 1
            index += 2
            continue
        if char in MARKUP or char.isspace() or char == "[":
            index += 1
            continue
        if char == "]" and md.startswith("](", index):
            index = skip_link_address(md, index)
            continue
        seen += 1
        index += 1
    rest = md[index:]
    while rest and (rest[0] in MARKUP or rest[0].isspace()):
        rest = rest[1:]
    return rest


def skip_link_address(md, index):
    end = md.find(")", index)
    return len(md) if end < 0 else end + 1


def balanced(md):
    """Emphasis marks left open by taking the label off are dropped."""
    for mark in ("**", "__"):
        if md.count(mark) % 2:
            md = md.replace(mark, "", 1) if md.find(mark) > 0 else md[len(mark) :]
    return md.strip()


def escape_plain(text):
    return re.sub(r"([\\`*\[\]<])", r"\\\1", text)
