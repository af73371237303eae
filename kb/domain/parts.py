"""The one registry of a case study's parts: which model, under which name on the case study,
which text fields, in the order a page shows them, and what an editor calls them.

WRITTEN_PARTS are the parts editors write as text (exported, imported, indexed, loaded by the
demo, served by the API); PARTS adds the people, the quotes and the downloads. Revision history
follows every one of them (registered below; kb/models.py imports this module as Django loads
the models, before the admin registers its history pages); the case study's page prefetches
them (kb.web.views) and editors may remove them while editing (kb.domain.editors).
"""

from dataclasses import dataclass

from reversion import register as keep_revisions

from kb.domain.models import (
    Benefit,
    CaseStudy,
    CaseStudyPerson,
    Challenge,
    Document,
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
    name: str  # its name as a key: the API's field, the search document's column

    def texts(self, case_study):
        """This part's items on `case_study`, in order, as {field: text} (reads a prefetch)."""
        items = getattr(case_study, self.related_name).all()
        return [{field: getattr(item, field) for field in self.text_fields} for item in items]


WRITTEN_PARTS = (
    Part("qa_pairs", QuestionAnswer, ("question", "answer"), "Interview", "interview"),
    Part("benefits", Benefit, ("statement", "detail"), "Benefits", "benefits"),
    Part("challenges", Challenge, ("problem", "solution"), "Challenges", "challenges"),
    Part("key_facts", KeyFact, ("label", "value"), "Key facts", "key_facts"),
)
PARTS = (
    *WRITTEN_PARTS,
    Part("people", CaseStudyPerson, ("role",), "People", "people"),
    Part("quotes", Quote, ("text",), "Quotes", "quotes"),
    Part("documents", Document, ("title",), "Downloads", "downloads"),
)
WRITTEN_PART_NAMES = tuple(part.related_name for part in WRITTEN_PARTS)
PART_NAMES = tuple(part.related_name for part in PARTS)

# A saved version of a case study holds every part and its tag links.
keep_revisions(CaseStudy, follow=(*PART_NAMES, "tagged_items"))
