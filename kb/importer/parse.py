"""Blocks of text to the interviews they hold: title, introduction, questions and answers,
people, source, and what they suggest (organization, benefits, challenges, industry,
platforms, tags)."""

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field

from .answers import answer_markdown, introduction_markdown
from .blocks import BREAK, CAPTION, CONTENTS, HEADING, IMAGE, ITEM, PARAGRAPH, RULE
from .html import documents_from_html
from .metadata import date_in_text
from .people import Person, people_of
from .plaintext import CONTENTS_HEADINGS, document_from_text
from .questions import find_questions
from .reading import ImportProblem
from .suggestions import add_declared_people, suggest
from .turns import (
    Speakers,
    ends_post,
    is_afterword,
    is_dateline_or_byline,
    is_furniture,
    is_title_like,
    listed_tags,
    question_shaped,
)
from .vocabulary import Vocabulary

RECOGNISED_SHAPES = (
    "The importer recognises questions that end with \u201c?\u201d, lines starting with "
    "\u201cQ:\u201d, numbered, bold or italic questions, headings that ask a question, and "
    "transcripts with speaker labels such as \u201cInterviewer:\u201d."
)
NO_ANSWERS = (
    "Questions were found, but no answers after them. Put each answer in the paragraphs "
    "that follow its question."
)
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<\?xml|<!--|<head|<body)", re.IGNORECASE)
HTML_BLOCK_TAG = re.compile(r"</(?:p|div|h[1-6]|li|article|body|section|dl|dd)>", re.IGNORECASE)
SECTION_NAME_MAX_WORDS = 4
SECTION_LABELS = re.compile(
    r"^(?:the\s+)?(?:interview|q\s*&\s*a|q\s+and\s+a|transcript|introduction|intro|background|"
    r"closing(?: thoughts)?|conclusion|summary|part\s+\w+|final thoughts|the conversation|"
    r"about (?:the|this) interview|about (?:the )?(?:company|us|them|the guests?)|highlights|"
    r"key takeaways|overview|(?:the )?questions|(?:the )?company|company profile)\W*$",
    re.IGNORECASE,
)
# An italic or bold closing line after the last answer: the editor's, not the interviewee's.
CLOSING = re.compile(
    r"^(?:thanks|thank you|many thanks|if you (?:want|would like|have)|want to be featured|"
    r"this interview|interview conducted|this conversation|editor['\u2019]s note|note:)",
    re.IGNORECASE,
)
MAX_CLOSING_CHARS = 80
# No real document holds more; a page of thousands of repeated posts is read up to here.
MAX_INTERVIEWS = 50
PRESS_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40},\s")
NOT_CONTENT = {BREAK, RULE, IMAGE, CAPTION, CONTENTS}


@dataclass
class ParsedInterview:
    title: str = ""
    organization: str = ""
    summary: str = ""
    introduction: str = ""
    qa: list[tuple[str, str]] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    industry: str = ""
    platforms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source_url: str = ""
    source_date: str = ""
    source_name: str = ""
    people: list[Person] = field(default_factory=list)

    def as_json(self):
        data = asdict(self)
        data["qa"] = [{"question": q, "answer": a} for q, a in self.qa]
        keys = ("title", "organization", "summary", "qa", "benefits", "challenges")
        more = ("industry", "platforms", "tags", "people", "source_url", "source_date")
        return {key: data[key] for key in (*keys, *more)}


def parse_interviews(text, *, filename="", vocabulary=None):
    """Every interview in `text` (plain text, Markdown or HTML), in document order."""
    vocabulary = vocabulary or Vocabulary()
    if not is_html(text, filename):
        return parse_document(document_from_text(text), vocabulary)
    best, problem = None, None
    for document in documents_from_html(text):
        try:
            interviews = parse_document(document, vocabulary)
        except ImportProblem as refusal:
            problem = problem or refusal
            continue
        if best is None or question_total(interviews) > question_total(best):
            best = interviews
    if best is None:
        raise problem
    return best


def question_total(interviews):
    return sum(len(interview.qa) for interview in interviews)


def parse_interview(text, *, filename="", vocabulary=None):
    """The first interview in `text`."""
    return parse_interviews(text, filename=filename, vocabulary=vocabulary)[0]


def is_html(text, filename=""):
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in ("html", "htm", "xhtml"):
        return True
    if suffix in ("md", "markdown", "txt", "text"):
        return bool(HTML_START.match(text))
    return bool(HTML_START.match(text)) or (
        text.lstrip().startswith("<") and bool(HTML_BLOCK_TAG.search(text))
    )


def parse_document(document, vocabulary):
    reading = InterviewReading(document.blocks)
    interviews = reading.interviews()
    metadata = document.metadata
    one = len(interviews) == 1 and not document.several_articles
    from_front_matter = not document.page_title
    for interview in interviews:
        overrides = from_front_matter or not reading.has_top_heading
        if one and metadata.title and (not interview.title or overrides):
            interview.title = metadata.title
        interview.title = interview.title or metadata.title
        interview.source_url = document.source_url or metadata.source_url
        interview.source_date = interview.source_date or metadata.date
        interview.source_name = metadata.site_name
        add_declared_people(interview, metadata)
        suggest(interview, reading, vocabulary, metadata)
    return interviews


class InterviewReading:
    """Finds the questions, the posts that hold interviews, and reads each."""

    def __init__(self, blocks):
        self.blocks = blocks
        self.speakers = Speakers(blocks)
        self.questions = find_questions(blocks, self.asks)
        if not self.questions:
            raise ImportProblem(no_questions_message(blocks))
        self.question_indexes = sorted(self.questions)
        self.roles = self.speakers.roles
        self.listed_tags = []
        self.has_top_heading = False

    def asks(self, block):
        turn = self.speakers.turn(block)
        return turn if turn and turn.name == self.speakers.interviewer else None

    # Posts

    def starts_post(self, index):
        block = self.blocks[index]
        if index in self.questions:
            return False
        if block.kind == BREAK or ends_post(block):
            return True
        if block.kind == HEADING:
            return not self.is_section_heading(index)
        if is_afterword(block) and index > self.question_indexes[0]:
            return True
        if CLOSING.match(block.text) and self.closes_interview(index):
            return True
        return self.is_post_title(index)

    def closes_interview(self, index):
        """A closing line after the last answer began ("Thanks, Jonas!", "*This interview was
        edited for length.*") is the interviewer's, not part of the answer."""
        last_question = self.question_indexes[-1]
        if self.blocks[index].emphasised:
            return index > last_question
        return index - 1 > last_question and len(self.blocks[index].text) <= MAX_CLOSING_CHARS

    def is_section_heading(self, index):
        """A heading inside an interview ("The Interview", "Closing", a heading right before
        the next question) does not end it."""
        first, last = self.question_indexes[0], self.question_indexes[-1]
        if not first < index < last:
            return False
        following = self.next_content(index)
        if following in self.questions:
            return True
        text = self.blocks[index].text
        return bool(SECTION_LABELS.match(text)) or len(text.split()) <= SECTION_NAME_MAX_WORDS

    def next_content(self, index):
        return next(
            (
                i
                for i in range(index + 1, len(self.blocks))
                if self.blocks[i].kind not in NOT_CONTENT and not is_furniture(self.blocks[i])
            ),
            None,
        )

    def is_post_title(self, index):
        """A short line that titles a post: not the first line of an answer, not one of a run
        of short lines inside an answer (a list that lost its bullets), and followed by the
        post's text or by the interview's first question."""
        if not self.is_short_line(index) or index - 1 in self.questions:
            return False
        in_answers = self.question_indexes[0] < index
        if in_answers and (self.is_short_line(index - 1) or self.blocks[index - 1].kind == ITEM):
            return False
        if in_answers and self.blocks[index].emphasised:
            return False
        following = self.next_content(index)
        return (
            following is None
            or following in self.questions
            or (self.blocks[following].kind != ITEM and not self.is_short_line(following))
        )

    def is_short_line(self, index):
        block = self.blocks[index]
        return is_title_like(block) and not self.speakers.turn(block)

    def posts(self):
        """(start, end) index ranges: each post from its title to the next post's title."""
        starts = [i for i in range(len(self.blocks)) if self.starts_post(i)]
        bounds = [0, *starts, len(self.blocks)]
        return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]

    def question_count(self, post):
        start, end = post
        return bisect_left(self.question_indexes, end) - bisect_left(self.question_indexes, start)

    def interview_posts(self):
        """Each post with at least two questions (or else the one with the most), joined with
        its sections (deeper headings)."""
        posts = self.posts()
        counts = [self.question_count(post) for post in posts]
        chosen = [n for n, count in enumerate(counts) if count >= 2]
        if not chosen:
            chosen = [max(range(len(posts)), key=counts.__getitem__)]
        spans = []
        for best in chosen:
            if spans and best <= spans[-1][1]:
                continue
            first = last = best
            while (
                first > 0
                and (not spans or first - 1 > spans[-1][1])
                and (
                    self.is_section_of(posts[first], posts[first - 1])
                    or self.starts_with_section_label(posts[first])
                )
            ):
                first -= 1
            while (
                last + 1 < len(posts)
                and counts[last + 1]
                and self.is_section_of(posts[last + 1], posts[first], short_name=False)
            ):
                last += 1
            spans.append((first, last))
        self.listed_tags = self.tags_listed_after(posts, spans[-1][0], spans[-1][1])
        return [(posts[first][0], posts[last][1]) for first, last in spans]

    def starts_with_section_label(self, post):
        """A post that starts with "The Interview" or "About the company" belongs to the post
        before it, whose heading titles them both."""
        block = self.blocks[post[0]]
        return block.kind == HEADING and bool(SECTION_LABELS.match(block.text))

    def is_section_of(self, post, parent, short_name=True):
        """Whether `post` starts with a sub-heading of the heading that starts `parent`
        ("Background" under the interview's title)."""
        heading, parent_heading = self.blocks[post[0]], self.blocks[parent[0]]
        if heading.kind != HEADING or parent_heading.kind != HEADING:
            return False
        if short_name and (
            len(heading.text.split()) > SECTION_NAME_MAX_WORDS or self.question_count(parent)
        ):
            return False
        return heading.level > parent_heading.level

    def tags_listed_after(self, posts, first, last):
        start, end = posts[first][0], posts[last][1]
        while end < len(self.blocks) and ends_post(self.blocks[end]):
            end += 1
        return [tag for block in self.blocks[start:end] for tag in listed_tags(block)]

    # The interviews

    def interviews(self):
        found = []
        for start, end in self.interview_posts()[:MAX_INTERVIEWS]:
            first_question = self.question_indexes[bisect_left(self.question_indexes, start)]
            if first_question >= end:
                continue
            title = self.title_at(start, first_question)
            qa = self.questions_and_answers(first_question, end)
            if qa:
                found.append(
                    ParsedInterview(
                        title=title,
                        introduction=self.introduction(start, first_question, title),
                        qa=qa,
                        source_date=self.date_between(start, first_question),
                        people=people_of(self, start, first_question, end, title),
                    )
                )
        if not found:
            raise ImportProblem(NO_ANSWERS)
        return found

    def introduction(self, start, first_question, title):
        blocks = [
            block
            for block in self.blocks[start:first_question]
            if block.text
            and block.text != title
            and block.kind not in (HEADING, *NOT_CONTENT)
            and not is_furniture(block)
            and not CONTENTS_HEADINGS.match(block.text)
        ]
        return introduction_markdown(blocks)

    def title_at(self, start, first_question):
        for block in self.blocks[start:first_question]:
            if block.kind in NOT_CONTENT or is_furniture(block):
                continue
            if block.kind == HEADING and not is_title(block.text):
                continue
            if block.kind == HEADING or is_title_like(block):
                self.has_top_heading = self.has_top_heading or (
                    block.kind == HEADING and block.level == 1
                )
                return block.text
            return ""
        return ""

    def date_between(self, start, end):
        """The date of a byline, a date line or a press release's dateline
        ("OSLO, Norway, March 4, 2025 /Newswire/ -- …")."""
        for block in self.blocks[start:end]:
            if is_dateline_or_byline(block) and (date := date_in_text(block.text)):
                return date
            if PRESS_DATELINE.match(block.text) and (date := date_in_text(block.text[:80])):
                return date
        return ""

    def questions_and_answers(self, start, end):
        pairs = []
        for index in range(start, end):
            block = self.blocks[index]
            if index in self.questions:
                if pairs and not pairs[-1][1]:
                    pairs[-1][0].append(self.questions[index])
                else:
                    pairs.append(([self.questions[index]], []))
            elif self.is_answer_block(index):
                pairs[-1][1].append(block)
        found = [
            (" ".join(question), answer_markdown(answer, self.speakers))
            for question, answer in pairs
            if answer
        ]
        # "Thanks for coming." / "My pleasure." closes the talk; it is no question.
        while len(found) > 1 and CLOSING.match(found[-1][0]) and not found[-1][0].endswith("?"):
            found.pop()
        return found

    def is_answer_block(self, index):
        block = self.blocks[index]
        if block.kind in NOT_CONTENT or is_furniture(block):
            return False
        return not (block.kind == HEADING and self.is_section_heading(index))


def is_title(text):
    """A heading that can title an interview: not a contents table, a section label or a
    question."""
    return not (
        CONTENTS_HEADINGS.match(text)
        or SECTION_LABELS.match(text)
        or question_shaped(text, strict=True)
    )


def no_questions_message(blocks):
    paragraphs = sum(1 for block in blocks if block.kind in (PARAGRAPH, ITEM))
    headings = sum(1 for block in blocks if block.kind == HEADING)
    return (
        "No questions were found: this looks like an article without an interview "
        f"(0 questions among {plural(paragraphs, 'paragraph')} and {plural(headings, 'heading')}). "
        + RECOGNISED_SHAPES
    )


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
