"""Invented interviews of chosen length and layout, for timing the importer on varied input.

    make_interview(layout, characters, number) -> (filename, text, questions written)

Six layouts, the ways interviews reach the editors: Markdown with bold questions, Markdown with
"Q:"/"A:" labels, plain text with speakers' names, plain text with "Q:"/"A:" labels, an HTML
article with bold questions and an HTML page with speakers' names in bold. The text is made of
sentences put together at random from the phrases below (deterministic for a given number), so
every interview is different, answers vary in length (one to five paragraphs, fewer in short
interviews) and the whole comes close to the asked number of characters. Organizations and
people are invented.
"""

import random
from html import escape

OPENINGS = (
    "When we started",
    "In the second year",
    "For the first prototype",
    "Once the board arrived",
    "During the safety review",
    "After the field trial",
    "Before the audit",
    "On the production line",
    "At the customer's site",
    "In our lab",
)
SUBJECTS = (
    "the hypervisor",
    "our team",
    "the Linux guest",
    "the real-time partition",
    "the supplier",
    "the display stack",
    "the update service",
    "the safety monitor",
    "the graphics driver",
    "the bootloader",
)
VERBS = (
    "had to share",
    "kept apart",
    "measured",
    "reworked",
    "moved",
    "certified",
    "tested again",
    "simplified",
    "halved",
    "isolated",
)
OBJECTS = (
    "the interrupt latency",
    "two operating systems on one chip",
    "the memory map",
    "the GPU between the cluster and the infotainment",
    "the boot time",
    "the network traffic",
    "the cost of the bill of materials",
    "every device the guests touch",
    "the scheduling of the cores",
    "the logs of each partition",
)
ENDINGS = (
    "and nobody noticed the difference",
    "which took longer than planned",
    "so the certification could go ahead",
    "without a second controller",
    "with a few percent of CPU to spare",
    "because the old design had reached its limit",
    "and the drivers stayed untouched",
    "which the auditors asked for",
    "in less than a week",
    "after a long discussion with the customer",
)
QUESTIONS = (
    "Why did you choose a hypervisor for this product",
    "What did the first prototype teach you",
    "How do the guests share the graphics",
    "Which parts had to be certified",
    "What happens when a guest crashes",
    "How long does the system take to boot",
    "How do you deliver updates to the fleet",
    "What would you do differently next time",
    "Which tools did the team rely on",
    "How did the suppliers take the change",
    "Where did the latency come from",
    "What did the move cost in engineering time",
)
FIRST_NAMES = ("Ilse", "Tomas", "Priya", "Kofi", "Mirela", "Joaquin", "Sanna", "Dev", "Aoife")
LAST_NAMES = ("Marrow", "Quill", "Ostby", "Renfrew", "Halloran", "Vantongeren", "Brisk")
COMPANIES = ("Fernhill", "Lowgate", "Tarnwick", "Brightmoor", "Copperleaf", "Ashvale")
SUFFIXES = ("Motors", "Avionics", "Rail Systems", "Medical", "Robotics", "Grid")

LAYOUTS = (
    "markdown, bold questions",
    "markdown, Q:/A: labels",
    "plain text, speakers' names",
    "plain text, Q:/A: labels",
    "html, bold questions",
    "html, speakers' names",
)


def sentence(rng):
    return (
        f"{rng.choice(OPENINGS)}, {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."
    )


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def question(rng):
    return f"{rng.choice(QUESTIONS)}?"


class Cast:
    """Who takes part in one interview."""

    def __init__(self, rng, number):
        self.organization = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)} {number}"
        first_names, last_names = rng.sample(FIRST_NAMES, 2), rng.sample(LAST_NAMES, 2)
        self.interviewer = f"{first_names[0]} {last_names[0]}"
        self.guest = f"{first_names[1]} {last_names[1]}"
        self.title = f"Interview: {self.organization} on one chip for everything"
        self.introduction = (
            f"{self.guest}, chief engineer of {self.organization}, tells {self.interviewer} how "
            "the company put several systems on one processor."
        )


def pairs(rng, characters):
    """(question, [paragraph, ...]) until about `characters` characters are written."""
    written, longest = 0, min(5, max(1, characters // 4000))
    while written < characters:
        answer = [paragraph(rng) for _ in range(rng.randint(1, longest))]
        asked = question(rng)
        written += len(asked) + sum(len(p) + 2 for p in answer) + 12
        yield asked, answer


def markdown_bold(cast, qa):
    parts = [f"# {cast.title}", cast.introduction]
    for asked, answer in qa:
        parts += [f"**{asked}**", *answer]
    return "\n\n".join(parts) + "\n"


def markdown_labels(cast, qa):
    parts = [f"# {cast.title}", cast.introduction]
    for asked, answer in qa:
        parts += [f"**Q: {asked}**", f"A: {answer[0]}", *answer[1:]]
    return "\n\n".join(parts) + "\n"


def text_speakers(cast, qa):
    parts = [cast.title, cast.introduction]
    for asked, answer in qa:
        parts += [f"{cast.interviewer}: {asked}", f"{cast.guest}: {answer[0]}", *answer[1:]]
    return "\n\n".join(parts) + "\n"


def text_labels(cast, qa):
    parts = [cast.title, cast.introduction]
    for asked, answer in qa:
        parts += [f"Q: {asked}", f"A: {answer[0]}", *answer[1:]]
    return "\n\n".join(parts) + "\n"


def html_page(cast, body):
    return (
        f"<!doctype html><html><head><title>{escape(cast.title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><article>"
        f"<h1>{escape(cast.title)}</h1><p>{escape(cast.introduction)}</p>{body}</article>"
        "<footer><p>Share this story</p></footer></body></html>"
    )


def html_bold(cast, qa):
    body = "".join(
        f"<p><strong>{escape(asked)}</strong></p>" + "".join(f"<p>{escape(p)}</p>" for p in answer)
        for asked, answer in qa
    )
    return html_page(cast, body)


def html_speakers(cast, qa):
    body = "".join(
        f"<p><b>{escape(cast.interviewer)}:</b> {escape(asked)}</p>"
        f"<p><b>{escape(cast.guest)}:</b> {escape(answer[0])}</p>"
        + "".join(f"<p>{escape(p)}</p>" for p in answer[1:])
        for asked, answer in qa
    )
    return html_page(cast, body)


WRITERS = dict(
    zip(
        LAYOUTS,
        (
            (markdown_bold, "md"),
            (markdown_labels, "md"),
            (text_speakers, "txt"),
            (text_labels, "txt"),
            (html_bold, "html"),
            (html_speakers, "html"),
        ),
        strict=True,
    )
)


def make_interview(layout, characters, number):
    """(filename, text, number of questions) of an invented interview of about `characters`
    characters in `layout` (one of LAYOUTS)."""
    rng = random.Random(f"{layout}/{characters}/{number}")
    cast = Cast(rng, number)
    qa = list(pairs(rng, characters))
    write, suffix = WRITERS[layout]
    return f"interview-{number}.{suffix}", write(cast, qa), len(qa)
