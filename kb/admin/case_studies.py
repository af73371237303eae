"""The case study's admin page, written for marketing editors: plain words, one page per case
study with its parts (kb.admin.parts), its history, and the publishing actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.db.models import Count
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from reversion_compare.admin import CompareVersionAdmin

from kb.admin import exports
from kb.admin.images import document_inline, image_previews
from kb.admin.importing import import_interview_view
from kb.admin.lookups import OfferedLookupsOnly
from kb.admin.markdown_widget import MarkdownTextarea
from kb.admin.parts import (
    BenefitInline,
    ChallengeInline,
    KeyFactInline,
    PartForm,
    QuestionAnswerInline,
    save_parts_in_order,
)
from kb.admin.people import PersonInline, QuoteInline
from kb.domain import publishing
from kb.domain.models import CaseStudy
from kb.domain.tags import validate_tag_names
from kb.search.indexing import reindex_once

admin.site.site_header = "Case-study knowledge base"
admin.site.site_title = "Knowledge base admin"
admin.site.index_title = "Write, review and publish case studies"


class CaseStudyForm(forms.ModelForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CaseStudy
        fields = [
            "title",
            "slug",
            "organization",
            "summary",
            "introduction",
            "industries",
            "platforms",
            "tags",
            "status",
            "publish_at",
            "featured",
            "main_picture",
            "share_image",
            "source_name",
            "source_url",
            "source_date",
            "seo_title",
            "meta_description",
            "call_to_action_text",
            "call_to_action_link",
            "video_url",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "source_url": forms.URLInput(attrs={"class": "vLargeTextField"}),
            "summary": MarkdownTextarea(attrs={"rows": 3, "cols": 90}),
            "introduction": MarkdownTextarea(attrs={"rows": 5, "cols": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version
        self.fields["tags"].widget.attrs["class"] = "vLargeTextField"

    def clean_tags(self):
        return validate_tag_names(self.cleaned_data.get("tags") or [])

    def clean(self):
        cleaned = super().clean()
        self.refuse_if_changed_since_opened(cleaned.get("opened_version"))
        published = cleaned.get("status") == CaseStudy.Status.PUBLISHED
        if published and not publishing.has_summary(cleaned.get("summary")):
            self.add_error("summary", publishing.NEEDS_SUMMARY)
        return cleaned

    def refuse_if_changed_since_opened(self, opened_version):
        """Optimistic locking: the row is locked until this save commits (SQLite's IMMEDIATE
        transactions do the same), so two editors saving at once are told apart reliably."""
        if self.instance._state.adding or opened_version is None:
            return
        current = (
            CaseStudy.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .select_related("updated_by")
            .first()
        )
        if current and current.version != opened_version:
            who = current.updated_by.get_username() if current.updated_by else "someone else"
            when = timezone.localtime(current.updated_at).strftime("%d %b %Y at %H:%M")
            raise ValidationError(
                f"{who} saved this case study on {when}, after you opened it. Your changes "
                "were not saved, so nothing of theirs was overwritten. Copy what you need from "
                "this page, reload it to see their version, and make your changes again."
            )


@admin.register(CaseStudy)
class CaseStudyAdmin(OfferedLookupsOnly, CompareVersionAdmin):
    form = CaseStudyForm
    change_list_template = "admin/kb/casestudy/change_list.html"
    inlines = [
        QuestionAnswerInline,
        BenefitInline,
        ChallengeInline,
        KeyFactInline,
        document_inline(PartForm),
        PersonInline,
        QuoteInline,
    ]
    list_display = [
        "title",
        "organization",
        "industry_names",
        "tag_names",
        "status_label",
        "publish_at",
        "featured",
        "updated_by",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "featured", "industries", "platforms", "tags"]
    list_select_related = ["organization", "updated_by"]
    search_fields = ["title", "organization__name"]
    autocomplete_fields = ["organization", "industries", "platforms", "main_picture", "share_image"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    actions = ["publish", "unpublish", "send_to_review", "export_csv", "export_json"]
    readonly_fields = ["created_at", "updated_at", "updated_by", "chosen_pictures"]
    chosen_pictures = image_previews("main_picture", "share_image")
    # Comparing versions shows what editors wrote, not bookkeeping that changes at every save.
    compare_exclude = ["version", "created_at", "updated_at", "updated_by", "source_fingerprint"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "organization", "summary", "introduction"]}),
        ("What it is about", {"fields": ["industries", "platforms", "tags"]}),
        ("Pictures", {"fields": ["main_picture", "share_image", "chosen_pictures"]}),
        (
            "Publishing",
            {
                "fields": ["status", "publish_at", "featured", "opened_version"],
                "description": "Drafts and entries in review are only visible to editors. "
                "A published entry appears on the site at its publish date.",
            },
        ),
        ("Original source", {"fields": ["source_name", "source_url", "source_date"]}),
        ("Video", {"fields": ["video_url"]}),
        (
            "Search engines and sharing",
            {
                "fields": ["seo_title", "meta_description"],
                "description": "Optional. What Google and social networks show for this page. "
                "Left empty, the title and the summary are used.",
            },
        ),
        (
            "Call to action",
            {
                "fields": ["call_to_action_text", "call_to_action_link"],
                "description": "Optional. Every story ends with the site-wide call to action "
                "(edited under \u201cCall to action (site-wide)\u201d); fill these in to ask "
                "something else on this story only.",
            },
        ),
        (
            "History",
            {"fields": ["created_at", "updated_at", "updated_by"], "classes": ["collapse"]},
        ),
    ]

    def get_urls(self):
        importer = path(
            "import/",
            self.admin_site.admin_view(import_interview_view),
            name="kb_casestudy_import",
        )
        return [importer, *super().get_urls()]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("industries", "tags")

    def changeform_view(self, request, *args, **kwargs):
        # The admin saves the case study, then each part and tag: index it once, at the end,
        # in the same transaction.
        with transaction.atomic(), reindex_once():
            return super().changeform_view(request, *args, **kwargs)

    def get_changelist_instance(self, request):
        # Out-of-range numbers or NUL bytes in the filters are bad input, not server errors:
        # raising IncorrectLookupParameters makes the admin show its "invalid filter" notice.
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError, DataError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    @admin.display(description="Industries")
    def industry_names(self, obj):
        return ", ".join(industry.name for industry in obj.industries.all())

    @admin.display(description="Tags")
    def tag_names(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                "Scheduled for {}", timezone.localtime(obj.publish_at).strftime("%d %b %Y %H:%M")
            )
        return obj.get_status_display()

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if obj.status == CaseStudy.Status.PUBLISHED:
            obj.mark_published()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.form, PartForm):
            save_parts_in_order(formset)
        else:
            super().save_formset(request, form, formset, change)

    @admin.action(description="Publish selected case studies", permissions=["change"])
    def publish(self, request, queryset):
        ready, refused = [], []
        counted = queryset.annotate(
            qa_count=Count("qa_pairs", distinct=True),
            benefit_count=Count("benefits", distinct=True),
        )
        for case_study in counted:
            try:
                publishing.publish(case_study, case_study.qa_count + case_study.benefit_count > 0)
            except publishing.NotPublishable as refusal:
                refused.append((case_study, refusal.messages))
                continue
            case_study.updated_by = request.user
            case_study.save()
            ready.append(case_study)
        if ready:
            self.message_user(
                request, f"Published {len(ready)} case stud{'y' if len(ready) == 1 else 'ies'}."
            )
        for case_study, problems in refused:
            self.message_user(
                request,
                f"Not published \u201c{case_study}\u201d: {' '.join(problems)}",
                messages.ERROR,
            )

    @admin.action(description="Unpublish selected (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_status(request, queryset, CaseStudy.Status.DRAFT, "moved back to draft")

    @admin.action(description="Send selected to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self.set_status(request, queryset, CaseStudy.Status.REVIEW, "sent to review")

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return exports.csv_response(queryset)

    @admin.action(description="Export selected as JSON", permissions=["view"])
    def export_json(self, request, queryset):
        return exports.json_response(queryset)

    def set_status(self, request, queryset, status, done):
        count = 0
        for case_study in queryset:
            case_study.status = status
            case_study.updated_by = request.user
            case_study.save()
            count += 1
        self.message_user(request, f"{count} case stud{'y' if count == 1 else 'ies'} {done}.")
