"""Blocks of text to a recognised interview: title, introduction, questions and answers, and
what they suggest (organization, benefits, challenges, industry, platforms, tags)."""

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field

from .blocks import BREAK, HEADING, ITEM
from .html import document_from_html
from .items import benefit_items, challenge_items
from .organization import organization_from
from .plaintext import document_from_text
from .reading import ImportProblem
from .turns import (
    Speakers,
    ends_post,
    is_afterword,
    is_furniture,
    is_title_like,
    listed_tags,
    plain_question,
    question_prefixed,
    without_answer_prefix,
)
from .vocabulary import Vocabulary

NO_QUESTIONS = (
    "No questions were found. The importer recognises questions that end with \u201c?\u201d, "
    "lines starting with \u201cQ:\u201d, headings that ask a question, and transcripts with "
    "speaker labels such as \u201cInterviewer:\u201d."
)
NO_ANSWERS = (
    "Questions were found, but no answers after them. Put each answer in the paragraphs "
    "that follow its question."
)
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<\?xml|<!--|<head|<body)", re.IGNORECASE)
HTML_BLOCK_TAG = re.compile(r"</(?:p|div|h[1-6]|li|article|body|section)>", re.IGNORECASE)
SUMMARY_MAX_CHARS = 400
SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)", re.DOTALL)
SECTION_NAME_MAX_WORDS = 4


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

    def as_json(self):
        data = asdict(self)
        data["qa"] = [{"question": q, "answer": a} for q, a in self.qa]
        keys = ("title", "organization", "summary", "qa", "benefits", "challenges")
        return {key: data[key] for key in (*keys, "industry", "platforms", "tags")}


def parse_interview(text, *, filename="", vocabulary=None):
    """Recognise the interview in `text` (plain text, Markdown or HTML)."""
    document = document_from_html(text) if is_html(text, filename) else document_from_text(text)
    return parse_document(document, vocabulary or Vocabulary())


def is_html(text, filename=""):
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in ("html", "htm", "xhtml"):
        return True
    return bool(HTML_START.match(text)) or (
        text.lstrip().startswith("<") and bool(HTML_BLOCK_TAG.search(text))
    )


def parse_document(document, vocabulary):
    reading = InterviewReading(document.blocks)
    interview = reading.interview()
    interview.title = interview.title or document.page_title
    interview.source_url = document.source_url
    suggest(interview, reading, vocabulary)
    return interview


class InterviewReading:
    """Finds the questions, the post that holds the interview, and reads it."""

    def __init__(self, blocks):
        self.blocks = blocks
        self.speakers = Speakers(blocks)
        self.questions = self.find_questions()
        if not self.questions:
            raise ImportProblem(NO_QUESTIONS)
        self.question_indexes = sorted(self.questions)
        self.roles = self.speakers.roles
        self.listed_tags = []

    # Questions

    def find_questions(self):
        """Question texts by block index, in the style the document uses most."""
        styles = [
            question_prefixed,
            lambda block: turn.text if (turn := self.asks(block)) else None,
            lambda block: block.text if block.kind == HEADING and plain_question(block) else None,
            lambda block: block.text if block.kind != HEADING and plain_question(block) else None,
        ]
        found = [self.questions_in_style(style) for style in styles]
        return max(found, key=len)

    def questions_in_style(self, question_text):
        return {i: text for i, block in enumerate(self.blocks) if (text := question_text(block))}

    def asks(self, block):
        turn = self.speakers.turn(block)
        return turn if turn and turn.name == self.speakers.interviewer else None

    def answer_text(self, block):
        turn = self.speakers.turn(block)
        return turn.text if turn else without_answer_prefix(block.text)

    # Posts

    def starts_post(self, index):
        block = self.blocks[index]
        if index in self.questions:
            return False
        if block.kind in (BREAK, HEADING) or ends_post(block):
            return True
        if is_afterword(block) and index > self.question_indexes[0]:
            return True
        return self.is_post_title(index)

    def is_post_title(self, index):
        """A short line that titles a post: not the first line of an answer, not one of a run
        of short lines inside an answer (a list that lost its bullets), and followed by the
        post's text or by the interview's first question."""
        if not self.is_short_line(index) or index - 1 in self.questions:
            return False
        in_answers = self.question_indexes[0] < index
        if in_answers and (self.is_short_line(index - 1) or self.blocks[index - 1].kind == ITEM):
            return False
        following = next(
            (i for i in range(index + 1, len(self.blocks)) if not is_furniture(self.blocks[i])),
            None,
        )
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

    def interview_post(self):
        """The post with the most questions, joined with its sections (deeper headings)."""
        posts = self.posts()
        best = max(range(len(posts)), key=lambda n: self.question_count(posts[n]))
        first = last = best
        while first > 0 and self.is_section_of(posts[first], posts[first - 1]):
            first -= 1
        while (
            last + 1 < len(posts)
            and self.question_count(posts[last + 1])
            and self.is_section_of(posts[last + 1], posts[first], short_name=False)
        ):
            last += 1
        self.listed_tags = self.tags_listed_after(posts, first, last)
        return posts[first][0], posts[last][1]

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

    # The interview

    def interview(self):
        start, end = self.interview_post()
        first_question = self.question_indexes[bisect_left(self.question_indexes, start)]
        title = self.title_at(start, first_question)
        introduction = [
            block.text
            for block in self.blocks[start:first_question]
            if block.text
            and block.text != title
            and block.kind != HEADING
            and not is_furniture(block)
        ]
        qa = self.questions_and_answers(first_question, end)
        if not qa:
            raise ImportProblem(NO_ANSWERS)
        return ParsedInterview(title=title, introduction="\n\n".join(introduction), qa=qa)

    def title_at(self, start, first_question):
        for block in self.blocks[start:first_question]:
            if block.kind == HEADING or is_title_like(block):
                return block.text
            if block.kind != BREAK and not is_furniture(block):
                return ""
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
            elif block.kind != BREAK and not is_furniture(block):
                pairs[-1][1].append(block)
        return [
            (" ".join(question), self.join_answer(answer)) for question, answer in pairs if answer
        ]

    def join_answer(self, blocks):
        text = ""
        for previous, block in zip([None, *blocks], blocks, strict=False):
            if previous is not None:
                text += "\n" if block.kind == ITEM and previous.kind == ITEM else "\n\n"
            text += self.answer_text(block)
        return text


def suggest(interview, reading, vocabulary):
    parts = (part for pair in interview.qa for part in pair)
    whole = "\n".join([interview.title, interview.introduction, *parts])
    interview.organization = organization_from(
        interview.title, interview.introduction, reading.roles
    )
    if not interview.title and interview.organization:
        interview.title = f"Interview with {interview.organization}"
    interview.summary = summary_of(interview.introduction or interview.qa[0][1])
    interview.benefits = benefit_items(interview.qa)
    interview.challenges = challenge_items(interview.qa)
    interview.platforms = vocabulary.platforms_in(whole)
    interview.tags = vocabulary.tags_in(whole, explicit=reading.listed_tags)
    listed = " ".join(reading.listed_tags)
    interview.industry = vocabulary.industry_in(
        [(interview.title, 3), (interview.introduction, 2), (whole, 1), (listed, 3)]
    )


def summary_of(text):
    """The first sentences of `text`, up to the length a summary may have."""
    summary = ""
    for sentence in SENTENCE.findall(" ".join(text.split())):
        if len(summary) + len(sentence) + 1 > SUMMARY_MAX_CHARS:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or text[: SUMMARY_MAX_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
