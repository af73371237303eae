"""Case studies out of the knowledge base in bulk, and back in.

    write_csv(case_studies, file) one row per case study, its parts counted: for spreadsheets
    export_json(case_studies)     complete but for files: every field and part, tags, people
                                  and quotes, and the organizations, industries and platforms
                                  they refer to (pictures and downloads stay behind)
    import_case_studies(data)     recreates the case studies of such a JSON export

The admin offers both exports as actions on the case-study list; `manage.py import_case_studies
FILE.json` reads a JSON export back, for example into a new, empty knowledge base.
"""

import csv
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from kb.domain import publishing
from kb.domain.models import (
    CaseStudy,
    CaseStudyPerson,
    Industry,
    Organization,
    Person,
    Platform,
    Quote,
)
from kb.domain.parts import WRITTEN_PARTS
from kb.domain.people import people_with_names, quotes_with_names
from kb.domain.tags import validate_tag_names
from kb.domain.text import cleaned_data
from kb.search.indexing import reindex_once

EXPORT_FORMAT = "kb-case-studies"
EXPORT_VERSION = 1

# The parts an export carries, with their text fields (kb.domain.parts), by related name.
PARTS = {part.related_name: part for part in WRITTEN_PARTS}

CSV_COLUMNS = (
    "title",
    "slug",
    "status",
    "organization",
    "industries",
    "platforms",
    "tags",
    "summary",
    "publish date",
    "questions and answers",
    "benefits",
    "challenges",
    "key facts",
    "source link",
)

# A spreadsheet runs a cell starting with one of these as a formula: such text gets a leading
# apostrophe, which spreadsheets show as plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in an editor's words."""


# --- CSV --------------------------------------------------------------------------------------


def part_count(related_name):
    model = PARTS[related_name].model
    counts = (
        model.objects.filter(case_study=OuterRef("pk"))
        .values("case_study")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


def with_part_counts(case_studies):
    return (
        case_studies.select_related("organization")
        .prefetch_related("industries", "platforms", "tags")
        .annotate(**{f"{name}_count": part_count(name) for name in PARTS})
    )


def names(things):
    return ", ".join(thing.name for thing in things)


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_row(case_study):
    row = [
        case_study.title,
        case_study.slug,
        "Scheduled" if case_study.is_scheduled else case_study.get_status_display(),
        case_study.organization.name,
        names(case_study.industries.all()),
        names(case_study.platforms.all()),
        names(case_study.tags.all()),
        case_study.summary,
        case_study.publish_at.isoformat() if case_study.publish_at else "",
        *(getattr(case_study, f"{name}_count") for name in PARTS),
        case_study.source_url,
    ]
    return [spreadsheet_safe(value) for value in row]


def write_csv(case_studies, file):
    writer = csv.writer(file)
    writer.writerow(CSV_COLUMNS)
    for case_study in with_part_counts(case_studies):
        writer.writerow(csv_row(case_study))


# --- JSON -------------------------------------------------------------------------------------


def organization_data(organization):
    return {
        "name": organization.name,
        "slug": organization.slug,
        "website": organization.website,
        "description": organization.description,
    }


def industry_data(industry):
    return {"name": industry.name, "slug": industry.slug, "description": industry.description}


def platform_data(platform):
    return {"name": platform.name, "slug": platform.slug, "kind": platform.kind}


def person_data(person):
    organization = person.organization
    return {
        "name": person.name,
        "job_title": person.job_title,
        "organization": organization_data(organization) if organization else None,
    }


def iso(value):
    """A date or time as ISO 8601, to the microsecond (so an import restores it exactly)."""
    return value.isoformat() if value is not None else None


def case_study_data(case_study):
    """Everything about one case study; parts in their order."""
    return {
        "title": case_study.title,
        "slug": case_study.slug,
        "status": case_study.status,
        "publish_at": iso(case_study.publish_at),
        "featured": case_study.featured,
        "summary": case_study.summary,
        "introduction": case_study.introduction,
        "source": {
            "name": case_study.source_name,
            "url": case_study.source_url,
            "date": iso(case_study.source_date),
        },
        "organization": organization_data(case_study.organization),
        "industries": [industry_data(industry) for industry in case_study.industries.all()],
        "platforms": [platform_data(platform) for platform in case_study.platforms.all()],
        "tags": sorted(tag.name for tag in case_study.tags.all()),
        **{name: part.texts(case_study) for name, part in PARTS.items()},
        "people": [
            {**person_data(appearance.person), "role": appearance.role}
            for appearance in case_study.people.all()
        ],
        "quotes": [
            {"text": quote.text, "person": person_data(quote.person) if quote.person else None}
            for quote in case_study.quotes.all()
        ],
        "seo_title": case_study.seo_title,
        "meta_description": case_study.meta_description,
        "call_to_action": {
            "text": case_study.call_to_action_text,
            "link": case_study.call_to_action_link,
        },
        "video_url": case_study.video_url,
        "created_at": iso(case_study.created_at),
        "updated_at": iso(case_study.updated_at),
    }


def export_data(case_studies):
    complete = case_studies.select_related("organization").prefetch_related(
        "industries",
        "platforms",
        "tags",
        *PARTS,
        people_with_names(),
        quotes_with_names(),
    )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": iso(timezone.now()),
        "case_studies": [case_study_data(case_study) for case_study in complete],
    }


def export_json(case_studies):
    return json.dumps(export_data(case_studies), ensure_ascii=False, indent=2)


# --- Import -----------------------------------------------------------------------------------


def entries_of(data):
    """The case studies of an export, after checking it is one."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportRefused("This is not a case-study export from this knowledge base.")
    if data.get("version") != EXPORT_VERSION:
        raise ImportRefused(
            f"This export is version {data.get('version')!r}; "
            f"this knowledge base reads version {EXPORT_VERSION}."
        )
    entries = data.get("case_studies")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ImportRefused("The export's case_studies should be a list of case studies.")
    return entries


def refuse_existing_slugs(entries):
    slugs = [entry["slug"] for entry in entries if isinstance(entry.get("slug"), str)]
    repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1}, key=str)
    if repeated:
        raise ImportRefused(f"The file has these slugs more than once: {', '.join(repeated)}.")
    existing = sorted(CaseStudy.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if existing:
        raise ImportRefused(
            "These case studies already exist (same slug), so nothing was imported: "
            f"{', '.join(existing)}. Import into a knowledge base without them."
        )


ORGANIZATION_FIELDS = ("name", "slug", "website", "description")


def get_or_create_by_slug(model, data, fields):
    """The existing thing with this slug, or a new one made from `data`."""
    found = model.objects.filter(slug=data["slug"]).first()
    if found:
        return found
    thing = model(**{field: data.get(field, "") for field in fields})
    thing.full_clean()
    thing.save()
    return thing


def parsed(entry, key, parser):
    """A date or time from the export, None when absent; a value that is not one is refused."""
    value = entry.get(key)
    if not value:
        return None
    result = parser(value) if isinstance(value, str) else None
    if result is None:
        raise ValueError(f"{key} is not a date in ISO 8601 form: {value!r}")
    return result


def create_case_study(entry):
    if entry.get("status") == CaseStudy.Status.PUBLISHED:
        has_content = bool(entry.get("qa_pairs")) or bool(entry.get("benefits"))
        publishing.refuse_unpublishable(entry.get("summary"), has_content)
    source = entry.get("source") or {}
    call_to_action = entry.get("call_to_action") or {}
    case_study = CaseStudy(
        title=entry["title"],
        slug=entry["slug"],
        status=entry.get("status", CaseStudy.Status.DRAFT),
        publish_at=parsed(entry, "publish_at", parse_datetime),
        featured=bool(entry.get("featured", False)),
        summary=entry.get("summary", ""),
        introduction=entry.get("introduction", ""),
        source_name=source.get("name", ""),
        source_url=source.get("url", ""),
        source_date=parsed(source, "date", parse_date),
        seo_title=entry.get("seo_title", ""),
        meta_description=entry.get("meta_description", ""),
        call_to_action_text=call_to_action.get("text", ""),
        call_to_action_link=call_to_action.get("link", ""),
        video_url=entry.get("video_url", ""),
        organization=get_or_create_by_slug(
            Organization, entry["organization"], ORGANIZATION_FIELDS
        ),
    )
    case_study.full_clean()
    case_study.save()
    case_study.industries.set(
        get_or_create_by_slug(Industry, industry, ("name", "slug", "description"))
        for industry in entry.get("industries", [])
    )
    case_study.platforms.set(
        get_or_create_by_slug(Platform, platform, ("name", "slug", "kind"))
        for platform in entry.get("platforms", [])
    )
    case_study.tags.set(validate_tag_names([str(name) for name in entry.get("tags", [])]))
    create_parts(case_study, entry)
    return case_study


def create_parts(case_study, entry):
    for related_name, part in PARTS.items():
        for position, part_data in enumerate(entry.get(related_name, []), start=1):
            item = part.model(
                case_study=case_study,
                position=position,
                **{field: part_data.get(field, "") for field in part.text_fields},
            )
            item.full_clean()
            item.save()
    create_people(case_study, entry)
    create_quotes(case_study, entry)


def create_people(case_study, entry):
    for position, person in enumerate(entry.get("people", []), start=1):
        appearance = CaseStudyPerson(
            case_study=case_study,
            position=position,
            person=found_or_new_person(person),
            role=person.get("role", CaseStudyPerson.Role.INTERVIEWEE),
        )
        appearance.full_clean()
        appearance.save()


def create_quotes(case_study, entry):
    for position, quote in enumerate(entry.get("quotes", []), start=1):
        person = quote.get("person")
        said = Quote(
            case_study=case_study,
            position=position,
            text=quote["text"],
            person=found_or_new_person(person) if person else None,
        )
        said.full_clean()
        said.save()


def found_or_new_person(data):
    """The person on file with this name, job title and organization, or a new one: someone
    named by several case studies of an export is one person after the import."""
    organization = data.get("organization")
    fields = {
        "name": data["name"],
        "job_title": data.get("job_title", ""),
        "organization": get_or_create_by_slug(Organization, organization, ORGANIZATION_FIELDS)
        if organization
        else None,
    }
    found = Person.objects.filter(**fields).first()
    if found:
        return found
    person = Person(**fields)
    person.full_clean()
    person.save()
    return person


def describe(entry, number):
    title = entry.get("title") or entry.get("slug") or "without a title"
    return f"case study {number} (\u201c{title}\u201d)"


def error_text(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, KeyError):
        return f"{error.args[0]} is missing"
    return str(error)


def import_case_studies(data):
    """Create the case studies of a JSON export, with their organizations, industries and
    platforms (found by slug, or created). All or nothing: any problem imports none of them.
    Each case study is indexed once, with all its parts."""
    with transaction.atomic(), reindex_once():
        return create_case_studies(data)


def create_case_studies(data):
    entries = entries_of(cleaned_data(data))
    refuse_existing_slugs(entries)
    created = []
    for number, entry in enumerate(entries, start=1):
        try:
            created.append(create_case_study(entry))
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as error:
            raise ImportRefused(
                f"Nothing was imported: {describe(entry, number)}: "
                f"{error_text(error).rstrip('.')}."
            ) from error
        except IntegrityError as error:
            raise ImportRefused(
                f"Nothing was imported: {describe(entry, number)} clashes with existing "
                f"content ({error})."
            ) from error
    return created


def read_export(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"The file is not valid JSON: {error}.") from error
