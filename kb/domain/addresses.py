"""Renamed slugs are remembered, so an address already shared keeps leading to its page.

When a case study, industry, organization, platform or tag gets a new slug, its old slug is
kept as a FormerSlug; kb.web.redirects answers a request for it with a 301 to the current
address. A slug taken back (or reused by something else of the same kind) stops redirecting.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from taggit.models import Tag

from kb.domain.models import CaseStudy, FormerSlug, Industry, Organization, Platform

RENAMEABLE = (CaseStudy, Industry, Organization, Platform, Tag)


def kind_of(model):
    return model._meta.label_lower


def remember_old_slug(sender, instance, raw=False, **kwargs):
    old = None
    if instance.pk is not None and not raw:
        old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        FormerSlug.objects.update_or_create(
            kind=kind_of(sender), slug=old, defaults={"object_id": instance.pk}
        )
    instance._kb_slug_is_new = old != instance.slug


def current_slug_is_not_former(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_kb_slug_is_new", True):
        FormerSlug.objects.filter(kind=kind_of(sender), slug=instance.slug).delete()


def forget_deleted(sender, instance, **kwargs):
    FormerSlug.objects.filter(kind=kind_of(sender), object_id=instance.pk).delete()


def renamed_to(model, slug):
    """What of `model` was once at `slug` and has moved, or None."""
    former = FormerSlug.objects.filter(kind=kind_of(model), slug=slug).first()
    if former is None:
        return None
    return model.objects.filter(pk=former.object_id).first()


def connect():
    for model in RENAMEABLE:
        uid = f"kb.domain.addresses.{model._meta.label}"
        pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"{uid}.old")
        post_save.connect(current_slug_is_not_former, sender=model, dispatch_uid=f"{uid}.new")
        post_delete.connect(forget_deleted, sender=model, dispatch_uid=f"{uid}.deleted")
