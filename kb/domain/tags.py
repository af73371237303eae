"""Tags: every tag gets an address, whatever its name is written in.

taggit makes slugs in any script (`Straße` → `straße`, `自動車` → `自動車`), but a name of
punctuation only (`!!!`) gives an empty slug, and its next namesake `_1`. Such a tag is given
`tag-N` instead, so no tag is stored without a usable address.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import pre_save
from taggit.models import Tag

from kb.domain.text import clean_text

NUMBERED_NOTHING = re.compile(r"_\d+")  # taggit's second try at an empty slug
FALLBACK_PREFIX = "tag-"


def is_unusable(slug):
    slug = slug or ""
    return not slug.strip("-_") or NUMBERED_NOTHING.fullmatch(slug) is not None


def fallback_slug(taken):
    """The first `tag-N` not in `taken` (a set of slugs)."""
    number = 1
    while f"{FALLBACK_PREFIX}{number}" in taken:
        number += 1
    return f"{FALLBACK_PREFIX}{number}"


def taken_fallbacks(exclude_pk=None):
    return set(
        Tag.objects.filter(slug__startswith=FALLBACK_PREFIX)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )


def give_tag_an_address(sender, instance, **kwargs):
    if is_unusable(instance.slug):
        instance.slug = fallback_slug(taken_fallbacks(instance.pk))


def connect():
    pre_save.connect(give_tag_an_address, sender=Tag, dispatch_uid="kb.domain.tags.address")


MAX_NAME_LENGTH = Tag._meta.get_field("name").max_length


def validate_tag_names(names):
    """Refuse tag names longer than a tag can be (PostgreSQL would fail; SQLite would store
    them whole), naming the first such tag."""
    for name in names:
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError(
                f"A tag can be at most {MAX_NAME_LENGTH} characters long; "
                f"\u201c{name[:40]}\u2026\u201d has {len(name)}."
            )
    return names


def existing_or_new_tag(name):
    name = " ".join(clean_text(name).split())
    validate_tag_names([name])
    return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)


@transaction.atomic
def merge_tags(tags, into_name):
    """Tag every case study tagged with any of `tags` with the tag named `into_name` instead
    (an existing tag of that name, in any case, or a new one), and delete the merged tags.
    Returns the tag they were merged into and how many case studies it gained."""
    from kb.domain.models import TaggedCaseStudy

    target = existing_or_new_tag(into_name)
    sources = [tag for tag in tags if tag.pk != target.pk]
    already = set(
        TaggedCaseStudy.objects.filter(tag=target).values_list("content_object_id", flat=True)
    )
    gained = 0
    links = TaggedCaseStudy.objects.filter(tag__in=sources).order_by("pk")
    for link in links:
        if link.content_object_id in already:
            link.delete()
        else:
            link.tag = target
            link.save()
            already.add(link.content_object_id)
            gained += 1
    for tag in sources:
        tag.delete()
    return target, gained


def names_from_text(text):
    """Tag names typed in one field, separated by commas (spaces belong to the names);
    a name holding a comma is typed in double quotes."""
    names, current, quoted = [], [], False
    for char in text or "":
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return sorted({" ".join(name.split()) for name in names if name.strip()})


def text_from_tags(tags):
    """The field's text for these tags: names separated by commas, quoted only when they
    hold a comma."""
    names = sorted(tag.name for tag in tags)
    return ", ".join(f'"{name}"' if "," in name else name for name in names)
