"""Who speaks in a block: a question, an answer, a labelled speaker, or page furniture."""

import re
from collections import Counter
from dataclasses import dataclass

from .blocks import HEADING, ITEM, PARAGRAPH, TABLE

# "Q:", "Q.", "Q)", "Q –" or "Question 3:", but not "Q-learning" or "A-list".
LABEL_END = r"\s*\d*\s*(?:[:)\]]|\.(?=\s)|[\u2013\u2014-](?=\s))\s*"
QUESTION_PREFIX = re.compile(rf"^(?:Q|Question|Frage){LABEL_END}(?P<text>\S.*)$")
NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+(?P<text>\S.*)$")
ANSWER_PREFIX = re.compile(rf"^(?:A|Answer|Antwort){LABEL_END}(?P<text>\S.*)$")
SPEAKER_LABEL = re.compile(
    r"^(?P<name>[A-Z][\w'\u2019.\-]*"
    r"(?:\s+(?:[A-Z][\w'\u2019.\-]*|de|van|von|da|di|del|le|la|\d{1,2}(?=\s*[:(]))){0,4})"
    r"\s*(?:\((?P<role>[^()]{1,150})\))?\s*:\s+(?P<text>\S.*)$"
)
INITIALS = re.compile(r"^[A-Z]{1,4}$")
INTERVIEWER_NAMES = {"interviewer", "q", "question", "host", "moderator", "editor", "we", "us"}
# Labels that introduce page furniture, not a speaker's turn.
NOT_SPEAKERS = {
    "tags", "tag", "keywords", "categories", "category", "filed under", "posted in", "note",
    "update", "updated", "source", "photo", "image", "credit", "credits", "date", "by",
    "author", "location", "disclaimer", "summary", "introduction", "background", "read more",
    "related", "share", "see also", "interview", "transcript", "a", "answer", "question",
    "warning", "tip", "important", "caption", "figure", "edit", "edited", "ps",
    "contents", "table of contents", "about", "bio", "disclosure", "sponsored", "listen",
    "watch", "video", "audio", "download", "example", "result", "results", "step", "why",
    "what", "how", "when", "where", "who", "the interview", "the answer", "the short answer",
}  # fmt: skip
# Interviewer labels, never a speaker with answers.
QUESTION_LABELS = {"q", "question", "frage"}
TAG_LINE = re.compile(
    r"^(?:(?:tags?|keywords|categories|category|topics?)\s*:|filed under|posted in|tagged)"
    r"\s*(?P<list>\S.*)$",
    re.IGNORECASE,
)
# Lines that belong to the page around a post: they end an interview. Only short lines that
# start with a capital count: "copyright law made it hard…" in an answer is not furniture.
FURNITURE = re.compile(
    r"^(?=[A-Z\d\u00a9])(?i:"
    r"(?:tags?|keywords|categories|category|topics?)\s*:\s*\S|"
    r"(?:filed under|posted in|tagged)\s+\S|"
    r"share (?:this|on)\b|comments? (?:are )?closed|leave a (?:comment|reply)|\d+ comments?$|"
    r"no comments|related (?:posts|articles|stories)|"
    r"(?:read more|continue reading|previous post|next post|older posts|newer posts|"
    r"back to top)\W*(?:$|[\u00bb\u2192>:])|"
    r"\u00a9|copyright (?:\u00a9|\(c\)|\d{4})|all rights reserved|"
    r"(?:subscribe to|sign up for) (?:our|the) "
    r"(?:newsletter|blog|feed|mailing list|podcast|updates))"
)
MAX_FURNITURE_CHARS = 200
# What often follows an interview in the same post: the company's boilerplate, an editor's note.
AFTERWORD = re.compile(
    r"^(?:About (?:the )?[A-Z][^:.]{1,60}:\s|Editor['\u2019]s note\b|"
    r"This interview (?:was|has been) (?:edited|condensed|translated))"
)
DATE_LINE = re.compile(
    r"^(?:(?:posted|published|updated)\s+(?:on\s+)?)?(?:\w+,?\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2},?\s+)?\d{4}(?:\s*(?:by|\||\u00b7|\u2022|-|\u2013|\u2014)\s.{0,60})?$|"
    r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}/\d{1,2}/\d{2,4}$",
    re.IGNORECASE,
)
# "By Jane Writer, March 3, 2021" or "Posted by admin | 2 comments", not "By the time we…".
BYLINE = re.compile(
    r"^(?i:by|written by|posted by|interview by|words by)\s+[\w.'\u2019-]+"
    r"(?:\s+[A-Z][\w.'\u2019-]*){0,3}(?:\s*[,|\u2013\u2014-].{0,60}|\s+(?:on|at|in)\s.{0,60})?$"
)
SENTENCE_END = ".!?:;,\"\u201d\u2019')\u2026"
PROMPTS = re.compile(
    r"^(?:tell (?:us|me|our readers)|please (?:tell|describe|explain|share|introduce|walk|give)|"
    r"describe|explain|talk (?:us|me) through|walk (?:us|me) through|give us|share (?:with us|"
    r"your|some|a )|introduce (?:yourself|your)|let['\u2019]s (?:talk|start|begin)|"
    r"could you (?:tell|describe|explain|share|give|walk|introduce)|"
    r"your (?:advice|tips?|thoughts|take|message|views?|predictions?|recommendations?)|"
    r"one (?:last|final) (?:question|thing))\b",
    re.IGNORECASE,
)
# A question without its question mark still starts like one: "What made you choose Xen",
# "How did it start", "Any final words" (not a title such as "How Acme runs its trains").
INTERROGATIVE = re.compile(
    r"^(?:(?:so,?\s+|and\s+|finally,?\s+|lastly,?\s+)?(?:what|why|how|when|where|which|who|whom|whose)\s+"
    r"(?:\w+\s+){0,2}?(?:do|does|did|is|are|was|were|can|could|would|should|will|have|has|had|"
    r"made|makes|make|led|brought|drove|you|your|yourself)\b|"
    r"(?:do|does|did|is|are|was|were|can|could|would|should|will|have|has|had)\s+"
    r"(?:you|your|there|it|the|we|they|this|that)\b|any\s+(?:final|last|other|closing|advice|tips?)\b)",
    re.IGNORECASE,
)
MAX_QUESTION_CHARS = 400
MAX_TITLE_CHARS = 160
MAX_PROMPT_CHARS = 200


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str
    text: str


def speaker_of(block):
    if block.kind != PARAGRAPH:
        return None
    match = SPEAKER_LABEL.match(block.text)
    if not match or match.group("name").lower() in NOT_SPEAKERS:
        return None
    name = match.group("name").rstrip(".")
    return Speaker(name, (match.group("role") or "").strip(), match.group("text"))


def question_prefixed(block):
    if block.kind == ITEM:
        return None
    match = QUESTION_PREFIX.match(block.text)
    return match.group("text") if match else None


def without_answer_prefix(text):
    match = ANSWER_PREFIX.match(text)
    return match.group("text") if match else text


def ends_with_question_mark(text):
    return text.rstrip(" *_\"'\u201d\u2019)").endswith("?")


def ends_post(block):
    """Page furniture that follows a post: tags, share links, comments, copyright."""
    return is_furniture_line(block.text) and block.kind != HEADING


def is_furniture_line(text):
    return len(text) <= MAX_FURNITURE_CHARS and bool(FURNITURE.match(text))


def is_afterword(block):
    return block.kind == PARAGRAPH and bool(AFTERWORD.match(block.text))


def is_dateline_or_byline(block):
    return block.kind != HEADING and bool(DATE_LINE.match(block.text) or BYLINE.match(block.text))


def is_furniture(block):
    return ends_post(block) or is_dateline_or_byline(block)


def listed_tags(block):
    """The tags a line such as "Tags: robotics, real-time" lists."""
    match = ends_post(block) and TAG_LINE.match(block.text)
    if not match:
        return []
    return [tag.strip(" .#") for tag in re.split(r"[,;|]", match.group("list")) if tag.strip(" .#")]


def is_title_like(block):
    """A short line standing alone, without a sentence's final punctuation: a post's title."""
    text = block.text
    return (
        block.kind == PARAGRAPH
        and len(text) <= MAX_TITLE_CHARS
        and text[:1].isupper()
        and text[-1] not in SENTENCE_END
        and not is_furniture(block)
        and not QUESTION_PREFIX.match(text)
        and not ANSWER_PREFIX.match(text)
    )


NAME_WITH_INITIALS = re.compile(
    r"(?P<name>[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+){1,3})\s+\((?P<initials>[A-Z]{1,4})\)"
)


def initials_of_labels(labels):
    """ "RTN" for "RailTech News", "ML" for "Maya Lind" when both label turns."""
    longer = {}
    for label in labels:
        capitals = "".join(char for char in label if char.isupper())
        if len(capitals) >= 2 and not label.isupper():
            longer.setdefault(capitals, label)
    return {label: longer[label] for label in labels if label.isupper() and label in longer}


def introduced_initials(blocks, labels):
    """Initials that the text introduces ("Beatrix Nolan (BN) spoke with…") and that label
    turns, by the initials."""
    found = {}
    for block in blocks:
        if "(" in block.text:
            for match in NAME_WITH_INITIALS.finditer(block.text):
                if match.group("initials") in labels:
                    found.setdefault(match.group("initials"), match.group("name"))
    return found


class Speakers:
    """The labelled speakers of a transcript, and which of them asks the questions.

    "Jane Doe (JD): …" introduces JD as Jane Doe's initials, "Maria Okafor (CTO, Lakeside): …"
    a role; later turns labelled "JD:", "Maria:" or "Okafor:" are theirs.
    """

    def __init__(self, blocks):
        labelled = [(block, turn) for block in blocks if (turn := speaker_of(block))]
        labels = {turn.name for _, turn in labelled}
        self.aliases = {**initials_of_labels(labels), **introduced_initials(blocks, labels)}
        self.full_roles = {}
        for _, turn in labelled:
            if INITIALS.match(turn.role) and turn.role != turn.name:
                self.aliases.setdefault(turn.role, turn.name)
            elif turn.role:
                self.full_roles.setdefault(turn.name, turn.role)
        turns = [(block, self.resolved(turn)) for block, turn in labelled]
        counts = Counter(turn.name for _, turn in turns)
        names = {
            turn.name
            for _, turn in turns
            if counts[turn.name] >= 2 or turn.role or turn.name.lower() in INTERVIEWER_NAMES
        }
        # "Maria Okafor (CTO, …):" first, then just "Maria:" or "Okafor:".
        self.short_forms = {
            part: name
            for name in names
            if " " in name
            for part in (name.split()[0], name.split()[-1])
        }
        self.names = names | {turn.name for _, turn in turns if turn.name in self.short_forms}
        self.interviewer = self.find_interviewer(turns)
        self.roles = [
            turn.role
            for _, turn in turns
            if turn.role and self.canonical(turn.name) != self.interviewer
        ]
        self.order = list(
            dict.fromkeys(self.canonical(turn.name) for _, turn in turns if turn.name in self.names)
        )

    def resolved(self, turn):
        role = "" if INITIALS.match(turn.role) else turn.role
        return Speaker(self.aliases.get(turn.name, turn.name), role, turn.text)

    def canonical(self, name):
        name = self.aliases.get(name, name)
        return self.short_forms.get(name, name) if " " not in name else name

    def find_interviewer(self, turns):
        turns = [(block, turn) for block, turn in turns if turn.name in self.names]
        speakers = {self.canonical(turn.name) for _, turn in turns}
        if len(speakers) == 1 and next(iter(speakers)).lower() in INTERVIEWER_NAMES - {"we", "us"}:
            # "Interviewer: …" asks; the answers follow without a label.
            return next(iter(speakers))
        if len(speakers) < 2:
            return None
        for _, turn in turns:
            if turn.name.lower() in INTERVIEWER_NAMES:
                return turn.name
        emphasised = Counter(self.canonical(turn.name) for block, turn in turns if block.emphasised)
        if emphasised and len(emphasised) == 1:
            return emphasised.most_common(1)[0][0]
        asked = Counter(
            self.canonical(turn.name) for _, turn in turns if ends_with_question_mark(turn.text)
        )
        return asked.most_common(1)[0][0] if asked else None

    def turn(self, block):
        """The speaker's turn in `block`, if it is labelled with one of the speakers, with the
        speaker's full name."""
        speaker = speaker_of(block)
        if not speaker or self.aliases.get(speaker.name, speaker.name) not in self.names:
            return None
        name = self.canonical(speaker.name)
        role = "" if INITIALS.match(speaker.role) else speaker.role
        return Speaker(name, role or self.full_roles.get(name, ""), speaker.text)

    def role_of(self, name):
        return self.full_roles.get(name, "")


def question_shaped(text, strict=True):
    """Whether `text` reads as a question: it ends with "?", or (unless `strict`) it is a
    prompt ("Tell us about…", "Describe the project.") or starts like a question."""
    if not text or len(text) > MAX_QUESTION_CHARS:
        return False
    if ends_with_question_mark(text):
        return True
    if len(text) > MAX_PROMPT_CHARS or text.endswith(":"):
        return False
    return bool(PROMPTS.match(text)) or (not strict and bool(INTERROGATIVE.match(text)))


def plain_question(block):
    """A paragraph or heading that is a question by its shape alone."""
    if block.kind in (ITEM, TABLE) or len(block.text) > MAX_QUESTION_CHARS:
        return False
    if speaker_of(block) or ANSWER_PREFIX.match(block.text):
        return False
    return ends_with_question_mark(block.text) or (
        len(block.text) <= MAX_PROMPT_CHARS
        and bool(PROMPTS.match(block.text))
        and not block.text.endswith(":")
    )
