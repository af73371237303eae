"""The interviewed organization's name, from the title, the speakers' roles or the introduction."""

import re

# A capitalised word; dots only inside it ("S.A"), so a name never runs past a full stop.
NAME_WORD = r"[A-Z0-9&][\w&'\u2019\-]*(?:\.\w[\w&'\u2019\-]*)*"
NAME = rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|of|and|de|der|du|la|le|von|van|f\u00fcr))*"
# Words that label a post's format ("Interview: …", "Case study – …"), not who it is about.
FORMAT_WORDS = re.compile(
    r"^(?:an?\s+|the\s+|our\s+)?(?:exclusive\s+|community\s+|customer\s+|partner\s+|user\s+|member\s+)?(?:interview|q\s*&\s*a|q\s+and\s+a|transcript|"
    r"case study|customer story|success story|user story|spotlight|podcast|video|webinar|"
    r"episode|ep\.|session|issue|part|"
    r"conversation|in conversation|chat|profile|feature|guest post|meet)(?:\s+transcript)?"
    r"(?:\s+\w+)?$",
    re.IGNORECASE,
)
WITH_SOMEONE = re.compile(
    rf"^(?P<lead>.{{1,40}}?)\s+with\s+(?P<name>{NAME})"
    rf"(?:,\s+[^,]{{1,60}}?\s(?:of|at|from)\s+(?P<employer>{NAME}))?"
)
POSSESSIVE_TITLE = re.compile(rf"^(?P<name>{NAME})['\u2019]s\s")
LABELLED = re.compile(
    r"^(?P<lead>[^:|\u2013\u2014]{1,60}?)\s*(?::|\||\s[\u2013\u2014-]\s)\s*(?P<rest>.+)$"
)
HOW_SOMEONE = re.compile(rf"^(?i:How|Why|When|Where|What)\s+(?P<name>{NAME})\s+[a-z]")
SOMEONE_TALKS = re.compile(
    rf"^(?P<name>{NAME})\s+(?:on|talks|discusses|explains|shares|about|reflects)\s"
)
LEADING_NAME = re.compile(rf"^(?P<name>{NAME})")
INTRO_SUBJECT = re.compile(
    rf"^(?:At\s+|For\s+)?(?P<name>{NAME})\s+(?:is|are|was|were|builds?|makes?|develops?|"
    r"designs?|provides?|produces?|sells?|has|creates?|offers?|manufactures?|speciali[sz]es|"
    r"delivers?|uses?|runs?|supplies|operates|serves|started|began|chose|moved|"
    r"built|made|developed|designed|replaced|replaces|adopted|adopts|deployed|deploys|"
    r"migrated|consolidated|consolidates|switched|needed|needs|wanted|ships|shipped|relies|"
    r"relied|turned|employs|brought|put|puts|combined|combines|maintains|maintained|manages|"
    r"managed|owns|powers|helps|works|focuses|focused|leads|led)\b"
)
# "Jane Doe, CTO of Acme Corp" or "Jane Doe is the head of software at Acme Corp".
PERSON_AT_ORGANIZATION = re.compile(
    rf"(?P<person>{NAME}),?\s+(?:is\s+|was\s+)?(?:the\s+|an?\s+)?[^.,;:()]{{0,60}}?"
    rf"\b(?:CTO|CEO|COO|CIO|VP|founder|co-founder|head|director|lead|manager|engineer|architect|"
    rf"president|officer|chief|developer|owner)\b[^.;:()]{{0,40}}?\s(?:of|at)\s+(?P<organization>{NAME})"
)
# "We sat down with the folks at Example Systems", "we spoke to the team at Acme".
VISITED = re.compile(
    rf"\b(?:folks|team|people|engineers|crew|developers)\s+(?:at|from|behind)\s+(?P<name>{NAME})"
)
NOT_NAMES = {
    "we", "the", "our", "this", "it", "its", "in", "at", "for", "a", "an", "they", "their",
    "he", "she", "i", "you", "today", "here", "there", "when", "how", "why", "what",
}  # fmt: skip
POSSESSIVE = re.compile(r"['\u2019]s$")
# Capitalised words a title puts before a name: "Inside Acme's …", "Meet Acme: …".
TITLE_LEAD = re.compile(
    r"^(?:inside|behind|meet|introducing|visiting|exploring|spotlight on|at|with|from)\s+",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 8


def organization_from(title, introduction, roles=(), people=(), declared=""):
    """The organization's name: as the front matter declares it, else from the title when the
    introduction or a speaker's role confirms it, else from a role, a person's employer, the
    introduction, or the title alone."""
    if declared:
        return declared
    introduction = plain_text(introduction)
    context = " ".join([introduction, *roles])
    employers = employers_in(". ".join([title, introduction]))
    from_people = [p.organization for p in people if p.kind == "interviewee" and p.organization]
    from_title = [employers.get(name, name) for name in names_in_title(title)]
    for name in from_title:
        if name in context or name in from_people:
            return name
    # People of several organizations (a round table) name none of them as the one.
    agreed = from_people if len(set(from_people)) == 1 else []
    candidates = [
        *names_in_roles(roles),
        *[name for person in agreed if (name := cleaned(person))],
        *names_in_introduction(introduction),
        *from_title,
    ]
    return candidates[0] if candidates else ""


def plain_text(markdown):
    return re.sub(
        r"\\([\\`*\[\]<_])",
        r"\1",
        re.sub(
            r"\[([^\[\]]{0,1000})\]\([^()\s]{0,2000}\)|\*\*|\*",
            lambda m: m.group(1) or "",
            markdown,
        ),
    )


def names_in_title(title):
    candidates = []
    if (match := WITH_SOMEONE.match(title)) and FORMAT_WORDS.match(match.group("lead")):
        candidates.append(match.group("employer") or match.group("name"))
    if match := LABELLED.match(title):
        lead, rest = match.group("lead"), match.group("rest")
        if FORMAT_WORDS.match(lead):
            candidates.extend(names_in_title(rest) or leading_name(rest))
        elif re.fullmatch(NAME, lead):
            candidates.append(lead)
        elif re.fullmatch(NAME, rest):  # "Running a wind farm on one server: Gale Works"
            candidates.append(rest)
    for pattern in (HOW_SOMEONE, SOMEONE_TALKS, POSSESSIVE_TITLE):
        if match := pattern.match(title):
            candidates.append(match.group("name"))
    return [name for candidate in candidates if (name := cleaned(candidate))]


def leading_name(text):
    match = LEADING_NAME.match(text)
    return [match.group("name")] if match else []


def employers_in(text):
    """Organizations by the names of the people the text says work there."""
    return {
        match.group("person"): name
        for match in PERSON_AT_ORGANIZATION.finditer(text)
        if (name := cleaned(match.group("organization")))
    }


def names_in_roles(roles):
    """Roles such as "CTO, Lakeside Medical Devices" or "engineer at Acme" name the organization."""
    names = []
    for role in roles:
        part = re.split(r",|\s+at\s+|\s+of\s+|\s+from\s+", role)[-1].strip()
        if part != role.strip() and re.fullmatch(NAME, part):
            names.append(part)
    return [name for candidate in names if (name := cleaned(candidate))]


def names_in_introduction(introduction):
    names = []
    for paragraph in introduction.split("\n\n"):
        if match := INTRO_SUBJECT.match(paragraph):
            names.append(match.group("name"))
        names += [match.group("name") for match in VISITED.finditer(paragraph)]
    return [name for candidate in names if (name := cleaned(candidate))]


def cleaned(name):
    name = POSSESSIVE.sub("", TITLE_LEAD.sub("", name.strip(" .,;:-\u2013\u2014")))
    words = name.split()
    if not words or words[0].lower() in NOT_NAMES or len(words) > MAX_NAME_WORDS:
        return ""
    if FORMAT_WORDS.match(name):
        return ""
    return name
