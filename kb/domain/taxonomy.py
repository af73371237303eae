"""What case studies are grouped by: industries, organizations, platforms, and tag links."""

from django.db import models
from reversion import register as keep_revisions
from taggit.models import TaggedItemBase

from kb.domain.fields import image_field, not_blank


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
