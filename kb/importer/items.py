"""Benefits and challenges proposed from the answers to questions that ask about them."""

import re

BENEFIT_QUESTION = re.compile(
    r"benefit|advantage|\bgain|why did you (?:choose|pick|select|go with|opt|decide|move|"
    r"switch|add|adopt|use|introduce|virtuali[sz]e)|\bgive you\b|\bgot out of\b|\bpa(?:y|id) off|"
    r"\bvalue\b|\bimprove|\bsav(?:e|ed|ings)\b|"
    r"what (?:has|have|did|does) .{1,60}\b(?:change|bring|give|deliver|do) for|"
    r"\b(?:choose|chose|pick|picked|select|selected)\b.{0,40}\bwhy\b|"
    r"^why (?!(?:did|do|does|is|was|were|are|has|have|had|would|could|should|not|it)\b)"
    r"[\w\- ]{1,40}\?$",
    re.IGNORECASE,
)
CHALLENGE_QUESTION = re.compile(
    r"challeng|difficult|\bproblems?\b|\bhard(?:est|er)?\b|\blessons?\b|\bcosts?\b|obstacle|"
    r"pitfall|struggl|\bissues?\b|went wrong|\bpain|trade-?offs?|drawbacks?|downsides?|\brisks?\b|"
    r"surpris|mistake|do differently",
    re.IGNORECASE,
)
# "What problem were you trying to solve?" asks for the motivation, not for the project's
# own challenges.
MOTIVATION_QUESTION = re.compile(
    r"(?:trying|try|tried|set out|wanted|want|needed|need|meant|hoping) to (?:solve|fix|address)",
    re.IGNORECASE,
)
ORDINAL = (
    r"(?:First(?:ly)?|Second(?:ly)?|Third(?:ly)?|Fourth(?:ly)?|Fifth(?:ly)?|Next|Then|Also|"
    r"Besides|Moreover|Furthermore|In addition|On top of that|Plus|Finally|Lastly|"
    r"Last but not least|Last|And finally|And last)"
)
STRONG_ORDINAL = re.compile(r"^(?:Second|Third|Fourth|Fifth|Finally|Lastly|Last|And)", re.I)
ENUMERATION_MARKER = re.compile(rf"(?:(?<=[.!?;]\s)|^)(?P<marker>{ORDINAL})\b,?\s*")
LEAD_IN = re.compile(
    r"^(?:there (?:are|were) )?(?:two|three|four|five|several|a few|many|some|a couple of)\b",
    re.IGNORECASE,
)
LEAD_IN_MAX_WORDS = 5


def benefit_items(qa):
    return [
        item for question, answer in qa if asks_for_benefits(question) for item in items_of(answer)
    ]


def challenge_items(qa):
    return [
        item
        for question, answer in qa
        if asks_for_challenges(question)
        for item in items_of(answer)
    ]


def asks_for_benefits(question):
    return bool(BENEFIT_QUESTION.search(question))


def asks_for_challenges(question):
    return bool(CHALLENGE_QUESTION.search(question)) and not MOTIVATION_QUESTION.search(question)


def items_of(answer):
    """Separate items of an answer: its list items, else its "first … second … finally"
    enumeration, else its paragraphs."""
    paragraphs = [paragraph.strip() for paragraph in answer.split("\n\n") if paragraph.strip()]
    listed = [
        line.strip()
        for paragraph in paragraphs
        if "\n" in paragraph
        for line in paragraph.split("\n")
        if line.strip()
    ]
    if listed:
        return listed
    enumerated = enumerated_items(" ".join(paragraphs))
    if len(enumerated) >= 2:
        return enumerated
    not_lead_ins = [paragraph for paragraph in paragraphs if not paragraph.endswith(":")]
    return not_lead_ins or paragraphs


def enumerated_items(text):
    markers = list(ENUMERATION_MARKER.finditer(text))
    if len(markers) < 2 or not any(STRONG_ORDINAL.match(m.group("marker")) for m in markers):
        return []
    items = []
    preamble = text[: markers[0].start()].strip()
    if preamble and not is_lead_in(preamble):
        items.append(preamble)
    ends = [m.start() for m in markers[1:]] + [len(text)]
    for marker, end in zip(markers, ends, strict=True):
        item = text[marker.end() : end].strip()
        if item:
            items.append(item[0].upper() + item[1:])
    return items


def is_lead_in(text):
    """An announcement of the list ("Three things.", "There were two:"), not an item."""
    return (
        text.endswith(":")
        or len(text.split()) <= LEAD_IN_MAX_WORDS
        or bool(LEAD_IN.match(text) and len(text.split()) <= 2 * LEAD_IN_MAX_WORDS)
    )
