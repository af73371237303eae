"""The people of an interview: who is interviewed and who asks, with their role and
organization when the document gives them (speaker labels, the title, the introduction, a
byline, front matter)."""

import re
from dataclasses import dataclass

from .turns import INTERVIEWER_NAMES

INTERVIEWEE = "interviewee"
INTERVIEWER = "interviewer"
QUOTED = "quoted"

ROLE_WORDS = (
    r"CTO|CEO|COO|CIO|CFO|CISO|CPO|VP|SVP|EVP|founder|co-?founder|head|director|lead|leader|"
    r"manager|engineer|architect|president|officer|chief|developer|owner|partner|analyst|"
    r"researcher|scientist|professor|maintainer|consultant|specialist|chair|chairman|principal|"
    r"fellow|evangelist|advocate|strategist|designer|administrator|programmer"
)
NAME_WORD = r"[A-Z][a-z\u00e0-\u00ff'\u2019\-]+"
PERSON_NAME = (
    rf"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?(?:{NAME_WORD}|[A-Z]\.)"
    rf"(?:\s+(?:[A-Z]\.\s+)?(?:van |von |de |da |del |le )?{NAME_WORD}){{1,2}}"
)
ORG_WORD = r"[A-Z0-9&][\w&'\u2019\-]*(?:\.\w[\w&'\u2019\-]*)*"
ORG_NAME = rf"{ORG_WORD}(?:\s+(?:{ORG_WORD}|of|and|de|für))*"
# "Jane Doe, CTO of Example Systems", "Jane Doe, the head of software at Acme",
# "Jane Doe is the head of software at Acme Corp".
PERSON_WITH_ROLE = re.compile(
    rf"(?P<name>{PERSON_NAME})(?:\s+\([A-Z]{{1,4}}\))?(?:,\s+|\s+(?:is|was)\s+)"
    rf"(?:the\s+company['\u2019]s\s+|the\s+|its\s+|their\s+|our\s+|an?\s+)?"
    rf"(?P<role>(?:[\w\-&/]+\s+){{0,5}}?(?i:{ROLE_WORDS})\b(?:\s+(?!at\b|of\b)[\w\-&/]+){{0,4}}?"
    rf"(?:\s+of\s+(?!the\b)[a-z][\w\- ]{{0,40}}?)?)"
    rf"(?:\s+(?:at|of|from|with)\s+(?P<organization>{ORG_NAME}))?(?=[,.;:()\u2013\u2014]|\s+(?:who|and|to|about|on)\b|$)"
)
# "Its chief engineer, Tomas Lind, answered…"
ROLE_THEN_NAME = re.compile(
    rf"\b(?:(?i:its|their|our|the company['\u2019]s)|{ORG_WORD}['\u2019]s)\s+"
    rf"(?P<role>(?:[\w\-]+\s+){{0,3}}?(?i:{ROLE_WORDS})\b(?:\s+of\s+[a-z][\w\- ]{{0,30}}?)?),?\s+"
    rf"(?P<name>{PERSON_NAME})\b"
)
INTERVIEW_WITH = re.compile(
    rf"(?:interview|q\s*&\s*a|q\s+and\s+a|conversation|talking|chat|in conversation)\s+with\s+"
    rf"(?P<name>{PERSON_NAME})",
    re.IGNORECASE,
)
BYLINE_NAME = re.compile(
    rf"^(?i:by|written by|interview by|interviewed by|words by|posted by)\s+(?P<name>{PERSON_NAME})"
)
# "“It halved our costs,” says Jane Doe" and "Jane Doe, CTO of Acme, said: “…”": quoted in
# the introduction, not interviewed (unless they speak in the interview).
SAID = r"(?:says|said|adds|added|explains|explained|notes|noted|recalls|recalled)"
QUOTED_AFTER = re.compile(
    rf"[\"\u201d]\s*,?\s*{SAID}\s+(?P<name>{PERSON_NAME})(?:,\s+(?P<role>[^,.;:()]{{1,80}}))?"
)
# "the fleet's technical director" after a quoted name: the role, without the article.
ROLE_AFTER_NAME = re.compile(
    rf"^(?:the\s+|its\s+|their\s+|our\s+|an?\s+)?(?:[\w\-]+['\u2019]s\s+)?"
    rf"(?P<role>.*\b(?i:{ROLE_WORDS})\b.*)$"
)
QUOTED_BEFORE = re.compile(
    rf"(?P<name>{PERSON_NAME})(?:,[^,\"\u201c]{{1,80}},)?\s+{SAID}[:,]?\s*[\"\u201c]"
)
ROLE_PARTS = re.compile(r",\s*|\s+(?:at|of|from|with)\s+(?=[A-Z0-9])")


@dataclass
class Person:
    name: str
    role: str = ""
    organization: str = ""
    kind: str = INTERVIEWEE
    initials: str = ""


def people_of(reading, start, first_question, end, title):
    """The interviewee(s) and the interviewer of the interview in blocks[start:end]."""
    speakers = reading.speakers
    found = {}
    for block in reading.blocks[start:end]:
        turn = speakers.turn(block)
        if turn and not is_generic(turn.name):
            kind = INTERVIEWER if turn.name == speakers.interviewer else INTERVIEWEE
            add(found, turn.name, speakers.role_of(turn.name) or turn.role, kind)
    for name, alias_of in speakers.aliases.items():
        if alias_of in found:
            found[alias_of].initials = name
    context = [title, *(block.text for block in reading.blocks[start:first_question])]
    for text in context:
        for match in PERSON_WITH_ROLE.finditer(text):
            role = match.group("role").strip()
            add(found, match.group("name"), role, INTERVIEWEE, match.group("organization") or "")
        for match in ROLE_THEN_NAME.finditer(text):
            add(found, match.group("name"), match.group("role").strip(), INTERVIEWEE)
        if match := INTERVIEW_WITH.search(text):
            add(found, match.group("name"), "", INTERVIEWEE)
        if match := BYLINE_NAME.match(text):
            add(found, match.group("name"), "", INTERVIEWER)
    speaking = {turn.name for b in reading.blocks[start:end] if (turn := speakers.turn(b))}
    for quoted in quoted_names(context):
        mark_quoted(found, quoted, speaking)
    return list(found.values())


def quoted_names(texts):
    """(name, role) of each person the texts quote."""
    return [
        (match.group("name"), role_after_name(match.groupdict().get("role") or ""))
        for text in texts
        for pattern in (QUOTED_AFTER, QUOTED_BEFORE)
        for match in pattern.finditer(text)
    ]


def role_after_name(text):
    match = ROLE_AFTER_NAME.match(text.strip())
    return match.group("role").strip() if match else ""


def mark_quoted(found, quoted, speaking):
    name, role = quoted
    name = re.sub(r"^(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+", "", name.strip())
    known = same_person(found, name)
    if known is None:
        add(found, name, role, QUOTED)
    elif known.kind == INTERVIEWEE and known.name not in speaking:
        known.kind = QUOTED


GENERIC_LABEL = re.compile(
    r"^(?:speaker|person|participant|guest|host|interviewer|interviewee|voice|caller)\s*\d*$",
    re.IGNORECASE,
)


def is_generic(name):
    return (
        name.lower() in INTERVIEWER_NAMES
        or (len(name) <= 2 and name.isupper())
        or bool(GENERIC_LABEL.match(name))
    )


def add(found, name, role, kind, organization=""):
    name = re.sub(r"^(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+", "", name.strip())
    known = same_person(found, name)
    role, from_role = split_role(role)
    organization = organization or from_role
    if known is None:
        found[name] = Person(name, role, organization.strip(), kind)
        return
    known.role = known.role or role
    known.organization = known.organization or organization.strip()


def same_person(found, name):
    wanted = name.lower().split()
    for known in found.values():
        parts = known.name.lower().split()
        if wanted == parts or " ".join(wanted) in (parts[0], parts[-1]):
            if known.name.isupper() and not name.isupper() and len(wanted) > 1:
                known.name = name
            return known
        if wanted[0] == parts[0] and wanted[-1] == parts[-1]:
            return known
    return None


ORGANIZATION_ONLY = re.compile(rf"{ORG_NAME}")
HAS_ROLE_WORD = re.compile(rf"\b(?i:{ROLE_WORDS})\b")


def split_role(role):
    """ "CTO, Lakeside Medical" or "head of software at Acme" to (role, organization); a label
    that names no role ("Marta Kowalska (Baltic Steel):") names the organization."""
    role = role.strip()
    parts = ROLE_PARTS.split(role, maxsplit=1)
    if len(parts) == 2 and parts[1][:1].isupper():
        return parts[0].strip(), parts[1].strip()
    if ORGANIZATION_ONLY.fullmatch(role) and not HAS_ROLE_WORD.search(role):
        return "", role
    return role, ""
