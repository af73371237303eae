"""A recognised interview becomes a draft case study, with its parts, tags and suggestions."""

import datetime
import hashlib
import re

import reversion
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from kb.domain.models import (
    Benefit,
    CaseStudy,
    CaseStudyPerson,
    Challenge,
    Industry,
    Organization,
    Person,
    Platform,
    QuestionAnswer,
)
from kb.domain.text import clean_instances
from kb.search.indexing import reindex, reindex_once

from .reading import ImportProblem
from .vocabulary import Vocabulary

SAVED_AT_THE_SAME_TIME = (
    "Someone saved an entry with the same name at the same moment. Nothing was saved; "
    "please try again."
)
# The first words of each answer tell apart two people asked the same questions.
ANSWER_WORDS = 6
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class DuplicateInterview(ImportProblem):
    """The same interview was imported before; `existing` is the case study it became."""

    def __init__(self, existing):
        super().__init__(
            f"This interview was already imported: \u201c{existing.title}\u201d "
            f"({existing.organization.name}, {existing.get_status_display().lower()}, "
            f"number {existing.pk}). Edit that entry instead."
        )
        self.existing = existing


def fingerprint(interview):
    """A digest of the interview's questions and the first words of each answer (case,
    spacing and punctuation ignored): the part of an import an editor rarely corrects,
    unlike its title."""
    questions = "\n".join(
        " ".join(re.findall(r"\w+", q.lower()) + re.findall(r"\w+", a.lower())[:ANSWER_WORDS])
        for q, a in interview.qa
    )
    return hashlib.sha256(questions.encode()).hexdigest() if questions else ""


def find_duplicate(interview):
    """The case study this interview was already imported as: same source link, same
    questions, or the same title for the same organization."""
    same_title = Q(
        title__iexact=interview.title.strip(),
        organization__name__iexact=interview.organization.strip(),
    )
    same_source = Q(source_url=interview.source_url) if interview.source_url else Q(pk__in=[])
    digest = fingerprint(interview)
    same_questions = Q(source_fingerprint=digest) if digest else Q(pk__in=[])
    return (
        CaseStudy.objects.select_related("organization")
        .filter(same_title | same_source | same_questions)
        .order_by("pk")
        .first()
    )


def refuse_incomplete(interview):
    if not interview.title.strip():
        raise ImportProblem(
            "No title was recognised. Give the interview a title as its first line or heading."
        )
    if not interview.organization.strip():
        raise ImportProblem(
            "The interviewed organization was not recognised. Name it in the title, "
            "for example \u201cInterview: Acme Embedded on \u2026\u201d."
        )
    if not interview.qa:
        raise ImportProblem("The interview has no questions and answers.")


def create_draft(interview, *, user=None, vocabulary=None):
    """Save `interview` as a draft case study; raise ImportProblem if it is incomplete or was
    imported before. Everything is saved, or nothing."""
    refuse_incomplete(interview)
    try:
        return save_draft(interview, user, vocabulary or Vocabulary())
    except IntegrityError:
        # Another editor created the same name or address in the same moment.
        raise ImportProblem(SAVED_AT_THE_SAME_TIME) from None


def save_draft(interview, user, vocabulary):
    with transaction.atomic(), reversion.create_revision(), reindex_once():
        reversion.set_user(user)
        reversion.set_comment("Imported from an interview.")
        organization = named(Organization, interview.organization)
        # Imports for the same organization take turns, so two editors importing the same
        # interview at once cannot both pass the duplicate check.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        if existing := find_duplicate(interview):
            raise DuplicateInterview(existing)
        case_study = CaseStudy.objects.create(
            title=shortened(interview.title.strip(), 200),
            slug=unique_slug(CaseStudy, interview.title, 200),
            organization=organization,
            summary=shortened(interview.summary, 400),
            introduction=interview.introduction,
            source_url=interview.source_url[:500],
            source_name=shortened(interview.source_name, 200),
            source_date=date_or_none(interview.source_date),
            source_fingerprint=fingerprint(interview),
            status=CaseStudy.Status.DRAFT,  # editors publish it (kb.domain.publishing)
            updated_by=user,
        )
        add_suggestions(case_study, interview, vocabulary)
        add_parts(case_study, interview)
        add_people(case_study, interview, organization)
        # bulk_create sends no signals, so the search index and the revision are told here.
        reindex([case_study.pk])  # once the transaction's reindex_once() block ends
        reversion.add_to_revision(case_study)
    return case_study


def add_suggestions(case_study, interview, vocabulary):
    if interview.industry.strip():
        case_study.industries.add(named(Industry, interview.industry))
    platforms = [
        named(Platform, name, kind=vocabulary.kind_of_platform(name))
        for name in interview.platforms
        if name.strip()
    ]
    case_study.platforms.add(*platforms)
    tags = [tag.strip()[:100] for tag in interview.tags if tag.strip()]
    if tags:
        case_study.tags.add(*tags)


def add_parts(case_study, interview):
    # bulk_create sends no pre_save: the parts' text is cleaned here (kb.domain.text).
    QuestionAnswer.objects.bulk_create(
        clean_instances(
            QuestionAnswer(case_study=case_study, position=n, question=question, answer=answer)
            for n, (question, answer) in enumerate(interview.qa, start=1)
        )
    )
    Benefit.objects.bulk_create(
        clean_instances(
            Benefit(case_study=case_study, position=n, **statement_and_detail(item))
            for n, item in enumerate(interview.benefits, start=1)
        )
    )
    Challenge.objects.bulk_create(
        clean_instances(
            Challenge(case_study=case_study, position=n, problem=item)
            for n, item in enumerate(interview.challenges, start=1)
        )
    )


def add_people(case_study, interview, organization):
    """The interviewees and the interviewer, reusing a person already on file by name."""
    roles = {choice.value for choice in CaseStudyPerson.Role}
    for position, found in enumerate(interview.people, start=1):
        name = shortened(" ".join(found.name.split()), 200)
        if not name:
            continue
        works_for = organization if found.organization == organization.name else None
        person = Person.objects.filter(name__iexact=name).first() or Person.objects.create(
            name=name, job_title=shortened(found.role, 200), organization=works_for
        )
        CaseStudyPerson.objects.create(
            case_study=case_study,
            person=person,
            position=position,
            role=found.kind if found.kind in roles else CaseStudyPerson.Role.INTERVIEWEE,
        )


def date_or_none(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def statement_and_detail(item, limit=255):
    """A benefit's short statement (its first sentence) and the rest as detail."""
    item = item.strip()
    if len(item) <= limit:
        return {"statement": item, "detail": ""}
    first = SENTENCE_END.split(item, maxsplit=1)[0]
    if len(first) <= limit:
        return {"statement": first, "detail": item[len(first) :].strip()}
    cut = item[: limit - 1].rsplit(" ", 1)[0]
    return {"statement": cut + "\u2026", "detail": item[len(cut) :].strip()}


def new_names(interview):
    """The organization, industry and platforms the draft would create, by model."""
    wanted = {
        Organization: [interview.organization],
        Industry: [interview.industry],
        Platform: interview.platforms,
    }
    return {
        model: new
        for model, names in wanted.items()
        if (new := [n for n in names if n.strip() and not existing_named(model, n)])
    }


def existing_named(model, name):
    return model.objects.filter(name__iexact=shortened(" ".join(name.split()), 120)).first()


def named(model, name, **defaults):
    """The organization, industry or platform called `name` (in any case), created if new."""
    if existing := existing_named(model, name):
        return existing
    name = shortened(" ".join(name.split()), 120)
    return model.objects.create(name=name, slug=unique_slug(model, name, 120), **defaults)


def unique_slug(model, text, max_length):
    base = slugify(text)[: max_length - 8].strip("-") or model._meta.model_name
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def shortened(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
