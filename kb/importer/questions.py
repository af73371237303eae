"""Which blocks are the questions: in the style the document uses (labels, an interviewer's
turns, numbered items, bold or italic paragraphs, headings, or plain question marks)."""

import re

from .blocks import HEADING, ITEM, PARAGRAPH, TABLE
from .turns import NUMBERED, QUESTION_PREFIX, plain_question, question_shaped

# A more telling style wins over plain question marks unless it finds far fewer questions
# (an answer may hold a rhetorical question; a bold question may lack its mark).
PREFERRED_SHARE = 0.6
MAX_UNSHAPED_CHARS = 200
EDGE_MARKUP = " \t*_~\"'\u201c\u201d\u2018\u2019`>#|\u00bb\u00ab"


def question_prefixed(block):
    if block.kind in (ITEM, TABLE):
        return None
    match = QUESTION_PREFIX.match(block.text)
    return match.group("text") if match else None


def numbered_question(block):
    if block.kind == ITEM and block.number and question_shaped(block.text, strict=False):
        return block.text
    if block.kind == PARAGRAPH and (match := NUMBERED.match(block.text)):
        return match.group("text") if question_shaped(match.group("text"), strict=False) else None
    return None


def emphasised_question(block):
    if block.kind == PARAGRAPH and block.emphasised and question_shaped(block.text, strict=False):
        return block.text
    return None


def heading_question(block):
    if block.kind == HEADING and question_shaped(block.text, strict=False):
        return block.text
    return None


def plain_paragraph_question(block):
    return block.text if block.kind != HEADING and plain_question(block) else None


def find_questions(blocks, asks):
    """Question texts by block index, in the style the document uses most. `asks(block)` is
    the interviewer's turn in a block, if any."""
    styles = [
        question_prefixed,
        lambda block: turn.text if (turn := asks(block)) else question_prefixed(block),
        numbered_question,
        emphasised_question,
        heading_question,
        plain_paragraph_question,
    ]
    found = [
        answered({i: text for i, b in enumerate(blocks) if (text := style(b))}, blocks)
        for style in styles
    ]
    best = max(len(questions) for questions in found)
    enough = max(2, PREFERRED_SHARE * best) if best >= 2 else best
    chosen = next(questions for questions in found if len(questions) >= enough)
    if chosen is found[3]:
        chosen = with_unshaped_emphasised(chosen, blocks)
    elif chosen is found[4]:
        chosen = with_unshaped_headings(chosen, blocks)
    return {index: clean_question(text) for index, text in chosen.items()}


def with_unshaped_emphasised(questions, blocks):
    """Where bold or italic paragraphs ask the questions, one that does not read like a
    question ("Your advice for teams starting out.") asks one too, when plain text answers it."""
    if len(questions) < 2:
        return questions
    first = min(questions)
    more = {
        i: block.text
        for i, block in enumerate(blocks[:-1])
        if i > first
        and block.kind == PARAGRAPH
        and block.emphasised
        and len(block.text) <= MAX_UNSHAPED_CHARS
        and blocks[i + 1].kind in (PARAGRAPH, ITEM)
        and not blocks[i + 1].emphasised
    }
    return dict(sorted({**more, **questions}.items()))


def with_unshaped_headings(questions, blocks):
    """Where headings ask the questions, a heading of the same level between them that does
    not read like a question ("How the new controller is split") asks one too."""
    if len(questions) < 2:
        return questions
    first, last = min(questions), max(questions)
    levels = {blocks[i].level for i in questions}
    more = {
        i: block.text
        for i, block in enumerate(blocks[:-1])
        if first < i < last
        and block.kind == HEADING
        and block.level in levels
        and blocks[i + 1].kind in (PARAGRAPH, ITEM)
        and not UNSHAPED_NEVER.match(block.text)
    }
    return dict(sorted({**more, **questions}.items()))


UNSHAPED_NEVER = re.compile(
    r"^(?:about\b|the interview\b|interview\b|contents\b|closing\b|conclusion\b|part\s)",
    re.IGNORECASE,
)


def answered(questions, blocks):
    """A list of numbered questions with no answers between them is a list, not an interview:
    numbered items count only when something other than an item follows one of them."""
    items = [i for i in questions if blocks[i].kind == ITEM]
    if not items:
        return questions
    followed = any(i + 1 < len(blocks) and blocks[i + 1].kind != ITEM for i in items)
    return questions if followed else {i: t for i, t in questions.items() if blocks[i].kind != ITEM}


def clean_question(text):
    text = re.sub(r"^(?:Q|Question)\s*\d*\s*[:.)\u2013\u2014-]\s+", "", text.strip(EDGE_MARKUP))
    return text.strip(EDGE_MARKUP)
