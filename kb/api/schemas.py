"""What the API answers, and what it is asked (django-ninja schemas: the OpenAPI document)."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from kb.listing.browse import FACET_PARAMS, MAX_VALUES_PER_FACET
from kb.search.query import MAX_QUERY_LENGTH

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000


# --- What the API answers ---------------------------------------------------------------------


class IndustryOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The industry's page on the site.")


class PlatformOut(Schema):
    name: str
    slug: str
    kind: str = Field(description="hypervisor, hardware, cpu, os or capability")


class OrganizationOut(Schema):
    name: str
    slug: str
    website: str


class TagOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The tag's page on the site.")


class CaseStudyItem(Schema):
    title: str
    slug: str
    url: str = Field(description="The case study's page on the site.")
    api_url: str = Field(description="The case study with every part, in this API.")
    summary: str
    organization: OrganizationOut
    industries: list[IndustryOut]
    platforms: list[PlatformOut]
    tags: list[TagOut]
    published_at: datetime
    updated_at: datetime


class CaseStudyPage(Schema):
    count: int = Field(description="How many case studies match, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page, or null on the last one.")
    previous: str | None = Field(description="The previous page, or null on the first one.")
    results: list[CaseStudyItem]


class QuestionAnswerOut(Schema):
    question: str
    answer: str


class BenefitOut(Schema):
    statement: str
    detail: str


class ChallengeOut(Schema):
    problem: str
    solution: str = Field(description="How it was overcome; may be empty.")


class KeyFactOut(Schema):
    label: str
    value: str


class SourceOut(Schema):
    name: str
    url: str
    date: str | None = Field(description="When the source appeared (YYYY-MM-DD), if known.")


class PersonOut(Schema):
    name: str
    job_title: str = Field(description="May be empty.")
    organization: str | None = Field(description="Where the person works, if it is on file.")


class AppearanceOut(PersonOut):
    role: str = Field(description="interviewee, interviewer or quoted")
    role_label: str = Field(
        description="The role as the site shows it, e.g. \u201cInterviewed\u201d."
    )


class QuoteOut(Schema):
    text: str
    person: PersonOut | None = Field(
        description="Who said it; null when the sentence is our editors' summary, not a "
        "quotation (the site attributes it to \u201cOur summary\u201d)."
    )


class VideoOut(Schema):
    provider: str = Field(description="YouTube or Vimeo")
    video_id: str
    url: str = Field(description="The video's page at its provider.")


class CaseStudyDetail(CaseStudyItem):
    introduction: str
    featured: bool
    source: SourceOut
    interview: list[QuestionAnswerOut]
    benefits: list[BenefitOut]
    challenges: list[ChallengeOut]
    key_facts: list[KeyFactOut]
    people: list[AppearanceOut] = Field(description="Who the story names, in the site's order.")
    quotes: list[QuoteOut] = Field(description="Pull quotes, the first shown most prominently.")
    video: VideoOut | None = Field(description="The story's video, if it has one.")


class GroupOut(Schema):
    name: str
    slug: str
    case_study_count: int = Field(description="How many published case studies it has.")
    url: str = Field(description="Its page on the site, with its case studies.")
    api_url: str = Field(description="Its case studies in this API.")


class PlatformGroupOut(GroupOut):
    kind: str


class OrganizationGroupOut(GroupOut):
    website: str


class Message(Schema):
    detail: str


class InvalidValue(Schema):
    type: str
    loc: list[str | int] = Field(description="Where the value was: query, then its name.")
    msg: str


class InvalidRequest(Schema):
    detail: list[InvalidValue]


# --- What the API is asked --------------------------------------------------------------------

Slug = Annotated[str, StringConstraints(pattern=r"^[-\w]{1,120}$")]  # tags: any script
Slugs = Annotated[list[Slug], Field(max_length=MAX_VALUES_PER_FACET)]


class CaseStudyFilters(Schema):
    industry: Slugs = Field([], description="Industry slugs; several are combined with OR.")
    platform: Slugs = Field([], description="Platform slugs; several are combined with OR.")
    organization: Slugs = Field([], description="Organization slugs; several are combined with OR.")
    tag: Slugs = Field([], description="Tag slugs; several are combined with OR.")
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description='Full-text search, as on the site: words, "a phrase", -excluded. '
        "With a search, results come most relevant first; without, newest first.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Results per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")

    def chosen(self):
        """The facet filters as plain values ({param: [slug]}), as kb.listing reads them."""
        return {param: getattr(self, param) for param in FACET_PARAMS}
