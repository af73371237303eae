import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kb import demo
from kb.demo_people import describe_platforms, load_call_to_action, load_people_and_quotes
from kb.demo_pictures import attach_demo_pictures
from kb.domain.models import CaseStudy, Industry, Organization, Platform
from kb.domain.parts import WRITTEN_PARTS
from kb.domain.text import clean_instances
from kb.search.indexing import reindex, reindex_once


class Command(BaseCommand):
    help = (
        "Load the demo case studies into a knowledge base that has none. Run again, it changes "
        "nothing: the demo belongs to the editors once loaded."
    )

    def handle(self, *args, **options):
        if CaseStudy.objects.exists():
            self.stdout.write(
                "The knowledge base already has case studies: the demo is not loaded again, "
                "so nothing editors changed is undone."
            )
            return
        # Each case study is indexed once, when everything is loaded (bulk_create sends no
        # signals: its case studies are noted with reindex()).
        with transaction.atomic(), reindex_once():
            self.load()
        self.stdout.write(f"Demo content loaded: {len(demo.CASE_STUDIES)} case studies.")

    def load(self):
        for name, slug, description in demo.INDUSTRIES:
            Industry.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
        for name, slug, website, description in demo.ORGANIZATIONS:
            Organization.objects.get_or_create(
                slug=slug, defaults={"name": name, "website": website, "description": description}
            )
        for name, slug, kind in demo.PLATFORMS:
            Platform.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        loaded = [load_case_study(entry) for entry in demo.CASE_STUDIES]
        load_people_and_quotes(loaded)
        load_call_to_action()
        describe_platforms()
        attach_demo_pictures(
            [entry[1] for entry in demo.ORGANIZATIONS], [case_study.slug for case_study in loaded]
        )
        reindex([case_study.pk for case_study in loaded])


def published_as_of(source_date):
    """A demo entry is published as of its source's date (noon), or now if it has none."""
    if source_date is None:
        return timezone.now()
    return datetime.datetime.combine(source_date, datetime.time(12), tzinfo=datetime.UTC)


def load_case_study(entry):
    case_study = CaseStudy.objects.create(
        slug=entry["slug"],
        title=entry["title"],
        organization=Organization.objects.get(slug=entry["organization"]),
        summary=entry["summary"],
        introduction=entry["introduction"],
        source_name=entry["source_name"],
        source_url=entry["source_url"],
        source_date=entry["source_date"],
        featured=entry["featured"],
        status=CaseStudy.Status.PUBLISHED,
        publish_at=published_as_of(entry["source_date"]),
    )
    case_study.industries.set(Industry.objects.filter(slug__in=entry["industries"]))
    case_study.platforms.set(Platform.objects.filter(slug__in=entry["platforms"]))
    case_study.tags.set(entry["tags"])
    for part in WRITTEN_PARTS:
        parts = getattr(case_study, part.related_name)
        parts.bulk_create(
            clean_instances(
                part.model(
                    case_study=case_study,
                    position=number,
                    **dict(zip(part.text_fields, texts, strict=True)),
                )
                for number, texts in enumerate(entry[part.related_name], start=1)
            )
        )
    return case_study
