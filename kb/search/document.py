"""The one place that says what text of a case study is searched, in which field, how heavily.

Both backends index exactly these fields (one column each), so a snippet can say which part of
the case study it came from. Only published case studies have a document; whether one is visible
yet (its publish time has passed) is decided when searching, so scheduled entries appear on time
without any further change to the index.
"""

from dataclasses import dataclass

from kb.domain.models import CaseStudy, TaggedCaseStudy
from kb.domain.parts import WRITTEN_PARTS


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

# Private-use characters mark highlights inside snippets; documents never contain them.
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"


def clean_text(text):
    return (text or "").replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "").replace("\0", "")


def joined(lines):
    return "\n".join(clean_text(line) for line in lines if line)


# Labels and parts: (model, case study column, text columns, ordering), read as plain values.
LABEL_TEXT = {
    "platforms": (
        CaseStudy.platforms.through,
        "casestudy_id",
        ("platform__name",),
        "platform__name",
    ),
    "tags": (TaggedCaseStudy, "content_object_id", ("tag__name",), "tag__name"),
    "industries": (
        CaseStudy.industries.through,
        "casestudy_id",
        ("industry__name",),
        "industry__name",
    ),
}


def related_text():
    """Where each indexed column beyond the case study's own fields is read: its labels, and
    the parts editors write (kb.domain.parts)."""
    return {
        **LABEL_TEXT,
        **{
            part.name: (part.model, "case_study_id", part.text_fields, "position")
            for part in WRITTEN_PARTS
        },
    }


KEY_FACT_SEPARATOR = {"key_facts": ": "}


def indexed_case_studies(ids=None):
    """Case studies that belong in the index: the published ones."""
    case_studies = CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED)
    if ids is not None:
        case_studies = case_studies.filter(pk__in=ids)
    return case_studies.order_by("pk")


def documents_for(ids):
    """{case study id: {column: text}} for those of `ids` that belong in the index.

    Reads plain values, one query per kind of part, whatever the number of case studies.
    """
    documents = {
        pk: {
            "title": clean_text(title),
            "organization": clean_text(organization),
            "summary": clean_text(summary),
            "introduction": clean_text(introduction),
        }
        for pk, title, organization, summary, introduction in indexed_case_studies(ids).values_list(
            "pk", "title", "organization__name", "summary", "introduction"
        )
    }
    for name, (model, owner, columns, ordering) in related_text().items():
        lines = {pk: [] for pk in documents}
        separator = KEY_FACT_SEPARATOR.get(name, "\n")
        rows = model.objects.filter(**{f"{owner}__in": list(documents)}).order_by(owner, ordering)
        for pk, *texts in rows.values_list(owner, *columns):
            lines[pk].append(separator.join(text for text in texts if text))
        for pk, document in documents.items():
            document[name] = joined(lines[pk])
    return {
        pk: {field: document[field] for field in FIELD_NAMES} for pk, document in documents.items()
    }
