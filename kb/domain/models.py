"""The case study: the knowledge base's central model, and where every model is imported from.

A case study belongs to one organization, covers one or more industries and platforms, carries
tags, and is made of ordered parts: the interview's questions and answers, benefits, challenges
and key facts. Visitors only ever see case studies that are published and whose publish time has
passed (`CaseStudy.objects.visible()`). The other models live beside it, one concern a module:
kb.domain.taxonomy (industries, organizations, platforms, tag links), kb.domain.part_models (the
parts), kb.domain.people (people and quotes), kb.domain.images (pictures and their renditions),
kb.domain.search_records (searches and index changes), kb.domain.former_slugs.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.managers import TaggableManager

from kb.domain.fields import image_field, not_blank
from kb.domain.former_slugs import FormerSlug
from kb.domain.images import Image, Rendition
from kb.domain.links import parse_video, validate_call_to_action_link, validate_video_url
from kb.domain.markdown import plain_text
from kb.domain.part_models import (
    Benefit,
    CaseStudyPart,
    Challenge,
    Document,
    KeyFact,
    QuestionAnswer,
)
from kb.domain.people import CaseStudyPerson, Person, Quote
from kb.domain.search_records import IndexChange, SearchLog, new_token
from kb.domain.taxonomy import Industry, Organization, Platform, TaggedCaseStudy


def shared_count(link_model, value_field, values, case_study_field="casestudy"):
    """How many of `values` each case study in the outer query is linked to."""
    ids = [value.pk for value in values]
    if not ids:
        return Value(0)
    matches = (
        link_model.objects.filter(**{case_study_field: OuterRef("pk"), f"{value_field}__in": ids})
        .values(case_study_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(matches), 0)


# A card shows the organization's logo and the main picture: their renditions come with the page.
CARD_RENDITIONS = ("organization__logo__renditions", "main_picture__renditions")


class CaseStudyQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Published case studies whose publish time has passed: all that visitors may see."""
        return self.filter(status=CaseStudy.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def for_cards(self):
        """What a list of case-study cards shows, fetched in a constant number of queries.
        Tags come through their links (`card_tags`): taggit's own prefetch costs a
        millisecond more per page."""
        tag_links = TaggedCaseStudy.objects.select_related("tag").order_by("tag__name")
        return self.select_related("organization__logo", "main_picture").prefetch_related(
            "industries",
            models.Prefetch("tagged_items", queryset=tag_links),
            *CARD_RENDITIONS,
        )

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def related_to(self, case_study):
        """Visible case studies sharing platforms, tags or industries with `case_study`, most
        shared first. Reads the given case study's prefetched platforms, tags and industries."""
        score = (
            shared_count(CaseStudy.platforms.through, "platform", case_study.platforms.all())
            + shared_count(TaggedCaseStudy, "tag", case_study.tags.all(), "content_object")
            + shared_count(CaseStudy.industries.through, "industry", case_study.industries.all())
        )
        return (
            self.visible()
            .exclude(pk=case_study.pk)
            .annotate(shared=score)
            .filter(shared__gt=0)
            .order_by("-shared", "-publish_at", "-pk")
        )


# Revision history: registered with every part in kb.domain.parts.
class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the page's web address. Filled in from the title.",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="case_studies",
        help_text="The company or project the case study is about.",
    )
    industries = models.ManyToManyField(
        Industry, related_name="case_studies", help_text="One or more industries."
    )
    platforms = models.ManyToManyField(
        Platform,
        related_name="case_studies",
        blank=True,
        help_text="Hypervisors, chips, operating systems and capabilities the story involves.",
    )
    tags = TaggableManager(
        through=TaggedCaseStudy,
        blank=True,
        help_text="Keywords separated by commas, e.g. infotainment, GPU sharing, safety.",
    )
    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="Two or three plain sentences for lists and search engines. "
        "Required before publishing.",
    )
    introduction = models.TextField(
        blank=True, help_text="Sets the scene before the interview: who, what and why."
    )
    source_name = models.CharField(
        "source",
        max_length=200,
        blank=True,
        help_text="Where the interview first appeared, e.g. \u201cXen Project blog\u201d.",
    )
    source_url = models.URLField("source link", max_length=500, blank=True)
    source_date = models.DateField(
        "originally published", null=True, blank=True, help_text="When the source appeared."
    )
    source_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="For imported interviews: a digest of their questions, so importing the "
        "same interview again is noticed even if its title was changed.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish date",
        null=True,
        blank=True,
        db_index=True,
        help_text="When visitors can first see it. A time in the future schedules it; "
        "left empty, it is set when you publish.",
    )
    featured = models.BooleanField(
        default=False, help_text="Featured case studies are shown first on the home page."
    )
    main_picture = image_field("The picture at the top of the page and on its cards.")
    share_image = image_field(
        "Shown when the page is shared on social media (cropped to 1200 × 630). "
        "Leave empty to use the main picture."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="last changed by",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one at every save; the admin uses it to detect that someone "
        "else saved the case study since an editor opened it.",
    )
    # What the page shows besides the story: search engines and shares, a call to action, a video.
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="The title search engines and shares show. Left empty, the title is used.",
    )
    meta_description = models.CharField(
        max_length=160,
        blank=True,
        help_text="The description search engines and shares show (up to 160 characters). "
        "Left empty, the summary is used.",
    )
    call_to_action_text = models.CharField(
        "call to action",
        max_length=160,
        blank=True,
        help_text="Only for this case study, instead of the site-wide call to action, e.g. "
        "\u201cSee how your cockpit could share one chip\u201d. Left empty, the site-wide one "
        "is shown.",
    )
    call_to_action_link = models.CharField(
        "call to action link",
        max_length=500,
        blank=True,
        validators=[validate_call_to_action_link],
        help_text="Where the button leads: a page of this site (/contact/), an https:// "
        "address or a mailto: address.",
    )
    video_url = models.URLField(
        "video",
        max_length=500,
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo address. Visitors see a preview and load the video "
        "only when they click it.",
    )

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "case studies"
        ordering = ["-publish_at", "-pk"]
        constraints = [not_blank("title", "casestudy"), not_blank("slug", "casestudy")]
        indexes = [models.Index(fields=["status", "publish_at"], name="case_study_visibility")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    @property
    def page_title(self):
        """What search engines and shares show as its title."""
        return self.seo_title.strip() or self.title

    @property
    def page_description(self):
        return self.meta_description.strip() or plain_text(self.summary)

    @property
    def picture_to_share(self):
        """The image shares show: the share image, else the main picture (or None)."""
        return self.share_image or self.main_picture

    @property
    def video(self):
        """Its Video (provider and id), or None."""
        return parse_video(self.video_url) if self.video_url else None

    @property
    def card_tags(self):
        """Its tags by name, from the links `for_cards` fetched."""
        return [link.tag for link in self.tagged_items.all()]

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_visible

    def mark_published(self, now=None):
        """Set the status to published; an empty publish date becomes now."""
        self.status = self.Status.PUBLISHED
        if self.publish_at is None:
            self.publish_at = now or timezone.now()


def cards_in_order(ids):
    """The case studies with these ids, in this order, with what their cards show."""
    cards = CaseStudy.objects.filter(pk__in=ids).for_cards().in_bulk()
    return [cards[pk] for pk in ids if pk in cards]


__all__ = [
    "Benefit",
    "CaseStudy",
    "CaseStudyPart",
    "CaseStudyPerson",
    "CaseStudyQuerySet",
    "Challenge",
    "Document",
    "FormerSlug",
    "Image",
    "IndexChange",
    "Industry",
    "KeyFact",
    "Organization",
    "Person",
    "Platform",
    "QuestionAnswer",
    "Quote",
    "Rendition",
    "SearchLog",
    "TaggedCaseStudy",
    "cards_in_order",
    "new_token",
]
