"""The one place that says what text of a case study is searched, in which field, how heavily.

Both backends index exactly these fields (one column each), so a snippet can say which part of
the case study it came from. Only published case studies have a document; whether one is visible
yet (its publish time has passed) is decided when searching, so scheduled entries appear on time
without any further change to the index.
"""

from dataclasses import dataclass

from kb.models import CaseStudy


@dataclass(frozen=True)
class Field:
    name: str  # the column in the search index
    label: str  # the part of the case study, as a visitor calls it
    weight: str  # A (heaviest) to D


FIELDS = (
    Field("title", "Title", "A"),
    Field("organization", "Organization", "B"),
    Field("platforms", "Platforms", "B"),
    Field("tags", "Tags", "B"),
    Field("industries", "Industries", "B"),
    Field("summary", "Summary", "C"),
    Field("introduction", "Introduction", "C"),
    Field("benefits", "Benefits", "C"),
    Field("challenges", "Challenges", "C"),
    Field("key_facts", "Key facts", "C"),
    Field("interview", "Interview", "D"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
# Parts a snippet may come from: the title and the labels are shown on every result anyway.
SNIPPET_FIELDS = tuple(f for f in FIELDS if f.weight in "CD")
# The snippet shown when only the title or labels matched.
FALLBACK_SNIPPET_FIELD = FIELDS[FIELD_NAMES.index("summary")]

PARTS = ("industries", "platforms", "tags", "qa_pairs", "benefits", "challenges", "key_facts")
# Private-use characters mark highlights inside snippets; documents never contain them.
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"


def clean_text(text):
    return (text or "").replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "").replace("\0", "")


def joined(lines):
    return "\n".join(clean_text(line) for line in lines if line)


def document_fields(case_study):
    """{column: text} for a case study whose parts are prefetched (see `documents_for`)."""
    return {
        "title": clean_text(case_study.title),
        "organization": clean_text(case_study.organization.name),
        "platforms": joined(p.name for p in case_study.platforms.all()),
        "tags": joined(t.name for t in case_study.tags.all()),
        "industries": joined(i.name for i in case_study.industries.all()),
        "summary": clean_text(case_study.summary),
        "introduction": clean_text(case_study.introduction),
        "benefits": joined(f"{b.statement}\n{b.detail}" for b in case_study.benefits.all()),
        "challenges": joined(f"{c.problem}\n{c.solution}" for c in case_study.challenges.all()),
        "key_facts": joined(f"{k.label}: {k.value}" for k in case_study.key_facts.all()),
        "interview": joined(f"{qa.question}\n{qa.answer}" for qa in case_study.qa_pairs.all()),
    }


def indexed_case_studies(ids=None):
    """Case studies that belong in the index, with everything a document needs prefetched."""
    case_studies = CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED)
    if ids is not None:
        case_studies = case_studies.filter(pk__in=ids)
    return case_studies.select_related("organization").prefetch_related(*PARTS).order_by("pk")


def documents_for(ids):
    """{case study id: {column: text}} for those of `ids` that belong in the index."""
    return {cs.pk: document_fields(cs) for cs in indexed_case_studies(ids)}
