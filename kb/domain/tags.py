"""Tags: every tag gets an address, whatever its name is written in.

taggit makes slugs in any script (`Straße` → `straße`, `自動車` → `自動車`), but a name of
punctuation only (`!!!`) gives an empty slug, and its next namesake `_1`. Such a tag is given
`tag-N` instead, so no tag is stored without a usable address.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from taggit.models import Tag

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
