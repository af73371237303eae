"""Stored text is clean text: one rule applied by every model on every way in.

Control characters (other than tab and newline), lone surrogates and Unicode non-characters
cannot be written to XML (the Atom feeds, the sitemap), are refused by PostgreSQL (NUL) and show
as nothing on a page. They are taken out before any text is stored, whoever sends it: the admin,
the importer, the JSON import, the API, or code. `connect()` (called from kb.apps) applies it
to every model of the knowledge base and to tags; bulk inserts call `clean_instances`.
"""

import re

from django.db import models
from django.db.models.signals import pre_save

# C0 controls but tab and newline (carriage returns become newlines), DEL, C1 controls,
# surrogates (only lone ones reach a str), and the non-characters XML forbids.
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text):
    """`text` without the characters no page, feed or database should be given."""
    if not isinstance(text, str):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return UNWANTED.sub("", text)


def text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
    ]


def clean_instance(instance):
    for field in text_fields(type(instance)):
        value = getattr(instance, field.attname)
        cleaned = clean_text(value)
        if cleaned is not value:
            setattr(instance, field.attname, cleaned)
    return instance


def clean_instances(instances):
    """For `bulk_create`, which sends no `pre_save`."""
    return [clean_instance(instance) for instance in instances]


CLEANED_APPS = {"kb", "taggit"}


def clean_before_save(sender, instance, **kwargs):
    if sender._meta.app_label in CLEANED_APPS:
        clean_instance(instance)


def connect():
    """Clean every model of the knowledge base, and tags, before it is saved (fixtures too)."""
    pre_save.connect(clean_before_save, dispatch_uid="kb.domain.text.clean_before_save")
