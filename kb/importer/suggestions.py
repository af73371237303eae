"""What a recognised interview suggests: organization, summary, benefits, challenges,
platforms, tags and industry; and the people its front matter or page head names."""

import re

from .items import benefit_items, challenge_items
from .organization import organization_from
from .people import INTERVIEWER, Person

SUMMARY_MAX_CHARS = 400
SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|$)", re.DOTALL)
MARKDOWN_LINK = re.compile(r"\[([^\[\]]{0,1000})\]\([^()\s]{0,2000}\)")
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)


def add_declared_people(interview, metadata):
    """The interviewees and the author that the front matter or the page's head names."""
    known = {person.name for person in interview.people}
    for name in metadata.interviewees:
        if name not in known:
            interview.people.append(Person(name))
    looks_like_a_name = " " in metadata.author.strip() or metadata.author[:1].isupper()
    has_interviewer = any(p.kind == INTERVIEWER for p in interview.people)
    if looks_like_a_name and not has_interviewer and metadata.author not in known:
        interview.people.append(Person(metadata.author, kind=INTERVIEWER))


def suggest(interview, reading, vocabulary, metadata):
    parts = (part for pair in interview.qa for part in pair)
    whole = "\n".join([interview.title, interview.introduction, *parts])
    interview.organization = organization_from(
        interview.title,
        interview.introduction,
        reading.roles,
        people=interview.people,
        declared=metadata.organization,
    )
    interview.people = [
        person for person in interview.people if person.name != interview.organization
    ]
    for person in interview.people:
        if person.kind == "interviewee" and not person.organization:
            person.organization = interview.organization
    if not interview.title and interview.organization:
        interview.title = f"Interview with {interview.organization}"
    interview.summary = summary_of(plain(interview.introduction or interview.qa[0][1]))
    interview.benefits = [plain(item) for item in benefit_items(interview.qa)]
    interview.challenges = [plain(item) for item in challenge_items(interview.qa)]
    interview.platforms = vocabulary.platforms_in(whole)
    listed = [*metadata.tags, *reading.listed_tags]
    interview.tags = vocabulary.tags_in(whole, explicit=listed)
    interview.industry = vocabulary.industry_in(
        [(interview.title, 3), (interview.introduction, 2), (whole, 1), (" ".join(listed), 3)]
    )


def plain(markdown):
    """Markdown's marks taken out, for one-line texts (summary, benefits, challenges)."""
    text = MARKDOWN_LINK.sub(r"\1", markdown)
    text = LIST_MARKER.sub("", text)
    text = re.sub(r"(?<!\\)(\*\*|__|~~|\*)", "", text)
    return re.sub(r"\\([\\`*\[\]<_])", r"\1", text)


def summary_of(text):
    """The first sentences of `text`, up to the length a summary may have."""
    summary = ""
    for sentence in SENTENCE.findall(" ".join(text.split())):
        if len(summary) + len(sentence) + 1 > SUMMARY_MAX_CHARS:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or text[: SUMMARY_MAX_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
