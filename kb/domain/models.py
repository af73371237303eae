"""The knowledge base's domain: case studies and what they are about.

A case study belongs to one organization, covers one or more industries and platforms, carries
tags, and is made of ordered parts: the interview's questions and answers, benefits, challenges
and key facts. Visitors only ever see case studies that are published and whose publish time has
passed (`CaseStudy.objects.visible()`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from reversion import register as keep_revisions
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from kb.domain.images import DocumentFields, Image, Rendition, delete_files_with  # noqa: F401
from kb.domain.links import parse_video, validate_call_to_action_link, validate_video_url
from kb.domain.markdown import plain_text


def image_field(help_text, related_name="+"):
    """A picked image: optional, and emptied (not deleting anything) if the image goes."""
    return models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


def not_blank(field, model_name):
    return models.CheckConstraint(
        condition=~Q(**{field: ""}), name=f"{model_name}_{field}_not_blank"
    )


class NamedEntity(models.Model):
    """Something case studies are grouped by: it has a name and a URL slug."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The name as it appears in web addresses. Filled in from the name.",
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Industry(NamedEntity):
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the industry's page."
    )

    class Meta(NamedEntity.Meta):
        verbose_name_plural = "industries"
        constraints = [not_blank("name", "industry"), not_blank("slug", "industry")]


class Organization(NamedEntity):
    website = models.URLField(blank=True)
    description = models.TextField(
        blank=True, help_text="A short description: what the organization does."
    )
    logo = image_field("The organization's logo: SVG, or PNG with a transparent background.")

    class Meta(NamedEntity.Meta):
        constraints = [not_blank("name", "organization"), not_blank("slug", "organization")]


class Platform(NamedEntity):
    class Kind(models.TextChoices):
        HYPERVISOR = "hypervisor", "Hypervisor"
        HARDWARE = "hardware", "System-on-chip / hardware"
        CPU = "cpu", "CPU architecture"
        OS = "os", "Operating system"
        CAPABILITY = "capability", "Capability"

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text="What sort of platform this is, e.g. a hypervisor or an operating system.",
    )
    description = models.TextField(
        blank=True, help_text="What it is, in one or two sentences, shown on the platform's page."
    )

    class Meta(NamedEntity.Meta):
        constraints = [not_blank("name", "platform"), not_blank("slug", "platform")]


@keep_revisions()
class TaggedCaseStudy(TaggedItemBase):
    """Tag links with a real foreign key, so tag filters are plain joins."""

    content_object = models.ForeignKey(
        "CaseStudy", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "tagged case study"
        verbose_name_plural = "tagged case studies"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_case_study_tag")
        ]


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


def part_of_case_study(related_name):
    return models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name=related_name)


class CaseStudyPart(models.Model):
    """An ordered piece of a case study; `position` is unique within its case study."""

    position = models.PositiveIntegerField(
        "order", blank=True, help_text="Lower numbers come first."
    )

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "position"], name="%(class)s_unique_position"
            )
        ]

    def save(self, *args, **kwargs):
        if self.position is None:
            last = (
                type(self)
                .objects.filter(case_study=self.case_study_id)
                .aggregate(last=Max("position"))["last"]
            )
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)


@keep_revisions()
class QuestionAnswer(CaseStudyPart):
    case_study = part_of_case_study("qa_pairs")
    question = models.TextField()
    answer = models.TextField()

    class Meta(CaseStudyPart.Meta):
        verbose_name = "question and answer"
        verbose_name_plural = "interview: questions and answers"

    def __str__(self):
        return self.question


@keep_revisions()
class Benefit(CaseStudyPart):
    case_study = part_of_case_study("benefits")
    statement = models.CharField(max_length=255, help_text="The benefit in one short sentence.")
    detail = models.TextField(blank=True, help_text="Optional: a few words more.")

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.statement


@keep_revisions()
class Challenge(CaseStudyPart):
    case_study = part_of_case_study("challenges")
    problem = models.TextField(help_text="What was hard.")
    solution = models.TextField(
        "how it was overcome", blank=True, help_text="What the team did about it."
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.problem


@keep_revisions()
class KeyFact(CaseStudyPart):
    case_study = part_of_case_study("key_facts")
    label = models.CharField(max_length=100, help_text="e.g. \u201cCustomers\u201d")
    value = models.CharField(
        max_length=200, help_text="e.g. \u201ctier-1 suppliers in 3 regions\u201d"
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return f"{self.label}: {self.value}"


# --- People ------------------------------------------------------------------------------------


class Person(models.Model):
    """Someone a case study names: interviewed, interviewing or quoted."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="e.g. \u201cHead of platform software\u201d"
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Where the person works, if it is on file.",
    )
    photo = image_field("A portrait, ideally square; the focal point keeps the face in crops.")

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]
        constraints = [not_blank("name", "person")]

    def __str__(self):
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


@keep_revisions()
class CaseStudyPerson(CaseStudyPart):
    """A person's part in one case study."""

    class Role(models.TextChoices):
        INTERVIEWEE = "interviewee", "Interviewed"
        INTERVIEWER = "interviewer", "Interviewer"
        QUOTED = "quoted", "Quoted"

    case_study = part_of_case_study("people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appearances")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INTERVIEWEE)

    class Meta(CaseStudyPart.Meta):
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


@keep_revisions()
class Quote(CaseStudyPart):
    """A pull quote: a sentence shown prominently, attributed to a person or to our summary."""

    case_study = part_of_case_study("quotes")
    text = models.TextField()
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text="Who said it. Leave empty for a sentence of our own summary.",
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.text


@keep_revisions()
class Document(DocumentFields, CaseStudyPart):
    """A PDF offered for download on a case study's page."""

    case_study = part_of_case_study("documents")

    class Meta(CaseStudyPart.Meta):
        verbose_name = "download (PDF)"
        verbose_name_plural = "downloads (PDF)"

    def __str__(self):
        return self.title


delete_files_with(Document)


# --- Search log (kb.search) -------------------------------------------------------------------


class SearchLog(models.Model):
    """One search made on the site: what was asked and how many case studies it found.

    Nothing identifies the visitor. Marketing reads the report in the admin: the top queries and
    those that found nothing, which is content the knowledge base is missing.
    """

    query = models.CharField(
        max_length=200, help_text="The search as the visitor typed it, in lower case."
    )
    corrected_to = models.CharField(
        max_length=200,
        blank=True,
        help_text="What was searched instead, when the visitor's spelling found nothing.",
    )
    results = models.PositiveIntegerField("results found")
    created_at = models.DateTimeField("searched at", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "search"
        verbose_name_plural = "searches"
        ordering = ["-created_at"]

    def __str__(self):
        return self.query


def new_token():
    return secrets.token_hex(16)


class IndexChange(models.Model):
    """A change to the search index: what is published, or how it is labelled or worded.

    Each web process keeps an in-memory facet index (kb.listing.facet_index) and rebuilds it
    when the newest of these rows is not the one it was built from. A new row per change, rather
    than one row updated by everyone, so concurrent writers never wait for each other here; the
    random token tells apart changes that reused an id after a rollback.
    """

    token = models.CharField(max_length=32, default=new_token, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "search index change"

    def __str__(self):
        return f"Search index change at {self.changed_at:%Y-%m-%d %H:%M:%S}"


# --- Former addresses ---------------------------------------------------------------------------


class FormerSlug(models.Model):
    """A slug something had before it was renamed, so links already shared keep working (the
    public site answers them with a permanent redirect). Written by kb.domain.addresses."""

    kind = models.CharField(max_length=100, help_text="The model, as app_label.model_name.")
    slug = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    renamed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "former address"
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="unique_former_slug")]

    def __str__(self):
        return f"{self.kind} {self.slug}"
