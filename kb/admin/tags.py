"""Tags in the admin: rename, fix an address, and merge tags that mean the same thing.

Replaces taggit's own admin, whose merge moves only taggit's generic links (ours are
TaggedCaseStudy rows), so it said "merged" and changed nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from taggit.models import Tag

from kb.admin.lookups import OfferedLookupsOnly
from kb.domain.tags import MAX_NAME_LENGTH, merge_tags
from kb.search.indexing import reindex_once

admin.site.unregister(Tag)


class MergeForm(forms.Form):
    into = forms.CharField(
        label="Merge into the tag named",
        max_length=MAX_NAME_LENGTH,
        help_text="An existing tag of this name (in any case) is kept; otherwise it is created.",
    )


@admin.register(Tag)
class TagAdmin(OfferedLookupsOnly, admin.ModelAdmin):
    list_display = ["name", "slug", "case_study_count"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(case_study_total=Count("kb_taggedcasestudy_items"))
        )

    @admin.display(description="Case studies", ordering="case_study_total")
    def case_study_count(self, tag):
        return tag.case_study_total

    @admin.action(description="Merge selected tags", permissions=["change"])
    def merge_selected(self, request, queryset):
        tags = list(queryset)
        form = MergeForm(
            request.POST if "into" in request.POST else None,
            initial={"into": tags[0].name if tags else ""},
        )
        if form.is_bound and form.is_valid():
            try:
                with transaction.atomic(), reindex_once():
                    target, gained = merge_tags(tags, form.cleaned_data["into"])
            except ValidationError as error:
                form.add_error("into", error)
            else:
                names = ", ".join(f"\u201c{tag.name}\u201d" for tag in tags if tag.pk != target.pk)
                self.message_user(
                    request,
                    f"Merged {names or 'nothing'} into \u201c{target.name}\u201d: "
                    f"{gained} case stud{'y' if gained == 1 else 'ies'} newly tagged with it.",
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "opts": self.model._meta,
            "tags": tags,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/kb/tag_merge.html", context)
