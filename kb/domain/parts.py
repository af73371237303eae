"""The one registry of a case study's parts: which model, under which name on the case study,
which text fields, in the order a page shows them, and what an editor calls them.

WRITTEN_PARTS are the parts editors write as text (exported, imported, indexed, loaded by the
demo); PARTS adds the people and the quotes. Revision history follows every one of them
(`keep_revisions(follow=...)` on CaseStudy names the same related names).
"""

from dataclasses import dataclass

from kb.domain.models import (
    Benefit,
    CaseStudyPerson,
    Challenge,
    KeyFact,
    QuestionAnswer,
    Quote,
)


@dataclass(frozen=True)
class Part:
    related_name: str  # CaseStudy.<related_name>
    model: type
    text_fields: tuple  # the fields holding its text, in order
    label: str  # as a visitor or an editor calls it


WRITTEN_PARTS = (
    Part("qa_pairs", QuestionAnswer, ("question", "answer"), "Interview"),
    Part("benefits", Benefit, ("statement", "detail"), "Benefits"),
    Part("challenges", Challenge, ("problem", "solution"), "Challenges"),
    Part("key_facts", KeyFact, ("label", "value"), "Key facts"),
)
PARTS = (
    *WRITTEN_PARTS,
    Part("people", CaseStudyPerson, ("role",), "People"),
    Part("quotes", Quote, ("text",), "Quotes"),
)
WRITTEN_PART_NAMES = tuple(part.related_name for part in WRITTEN_PARTS)
