"""Tags stored with an empty slug (a name of punctuation only, `!!!`) or taggit's `_1` for the
next such name get `tag-N`, as new ones do (kb.domain.tags)."""

import re

from django.db import migrations

NUMBERED_NOTHING = re.compile(r"_\d+")


def is_unusable(slug):
    return not slug.strip("-_") or NUMBERED_NOTHING.fullmatch(slug) is not None


def give_tags_addresses(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.filter(slug__startswith="tag-").values_list("slug", flat=True))
    number = 0
    for tag in Tag.objects.order_by("pk"):
        if not is_unusable(tag.slug):
            continue
        number += 1
        while f"tag-{number}" in taken:
            number += 1
        tag.slug = f"tag-{number}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0010_pages_seo_call_to_action_video"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_tags_addresses, migrations.RunPython.noop)]
