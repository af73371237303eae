"""Keep the search index in step with every change made through the ORM, in the same transaction.

Each change rewrites the affected case studies' documents from the database as it stands at that
moment, so the last change (the admin saves a case study, then its parts, tags and industries)
leaves the final state indexed. Bulk operations (`QuerySet.update`, `bulk_create`) send no
signals: code using them calls `kb.search.indexing.reindex(ids)` itself, inside `reindex_once()`.
"""

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from taggit.models import Tag

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym
from kb.domain.models import (
    CaseStudy,
    Industry,
    Organization,
    Platform,
    TaggedCaseStudy,
)
from kb.domain.parts import WRITTEN_PARTS
from kb.listing.facet_index import record_change
from kb.search.indexing import reindex

PART_MODELS = tuple(part.model for part in WRITTEN_PARTS)  # the indexed ones (kb.domain.parts)
LABEL_MODELS = (Industry, Platform, Tag)
GLOSSARY_MODELS = (Synonym, EditorPick, PickedCaseStudy)
M2M_THROUGH = (CaseStudy.industries.through, CaseStudy.platforms.through, TaggedCaseStudy)
DISPATCH_PREFIX = "kb.search"

_deleting = threading.local()


def case_studies_being_deleted():
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def case_study_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex([instance.pk])


def case_study_deleting(sender, instance, **kwargs):
    # Its parts are deleted first; reindexing the case study for each of them would be wasted.
    case_studies_being_deleted().add(instance.pk)


def case_study_deleted(sender, instance, **kwargs):
    case_studies_being_deleted().discard(instance.pk)
    reindex([instance.pk])


def owner_id(part):
    return part.content_object_id if isinstance(part, TaggedCaseStudy) else part.case_study_id


def part_changed(sender, instance, raw=False, **kwargs):
    case_study_id = owner_id(instance)
    if not raw and case_study_id not in case_studies_being_deleted():
        reindex([case_study_id])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Industries, platforms or tags added to or removed from case studies (either side)."""
    if action == "pre_clear" and reverse:
        instance._kb_search_cleared = list(linked_case_study_ids(instance))
    elif action in ("post_add", "post_remove"):
        reindex(pk_set if reverse else [instance.pk])
    elif action == "post_clear":
        reindex(getattr(instance, "_kb_search_cleared", []) if reverse else [instance.pk])


def linked_case_study_ids(label):
    """Case studies that show an organization, industry, platform or tag."""
    if isinstance(label, Organization):
        return CaseStudy.objects.filter(organization=label).values_list("pk", flat=True)
    if isinstance(label, Tag):
        return TaggedCaseStudy.objects.filter(tag=label).values_list("content_object", flat=True)
    return label.case_studies.values_list("pk", flat=True)


def label_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed organization, industry, platform or tag changes its case studies' text."""
    if not created and not raw:
        reindex(linked_case_study_ids(instance))


def label_deleting(sender, instance, **kwargs):
    instance._kb_search_linked = list(linked_case_study_ids(instance))


def label_deleted(sender, instance, **kwargs):
    reindex(getattr(instance, "_kb_search_linked", []))


def glossary_changed(sender, raw=False, **kwargs):
    """A synonym or a pick changes what searches find: remembered results and cached pages,
    which are kept per state of the knowledge base, are dropped with a recorded change."""
    if not raw:
        record_change()


def connect():
    """Called from KbConfig.ready()."""
    connections = [
        (post_save, case_study_saved, CaseStudy),
        (pre_delete, case_study_deleting, CaseStudy),
        (post_delete, case_study_deleted, CaseStudy),
        (post_save, label_saved, Organization),
    ]
    for model in (*PART_MODELS, TaggedCaseStudy):
        connections += [(post_save, part_changed, model), (post_delete, part_changed, model)]
    for model in LABEL_MODELS:
        connections += [
            (post_save, label_saved, model),
            (pre_delete, label_deleting, model),
            (post_delete, label_deleted, model),
        ]
    connections += [(m2m_changed, links_changed, through) for through in M2M_THROUGH]
    for model in GLOSSARY_MODELS:
        connections += [
            (post_save, glossary_changed, model),
            (post_delete, glossary_changed, model),
        ]
    for signal, receiver, sender in connections:
        uid = f"{DISPATCH_PREFIX}.{receiver.__name__}.{sender._meta.label}"
        signal.connect(receiver, sender=sender, dispatch_uid=uid)
