"""People (with their photo), pull quotes and the call to action, as editors keep them.

People are kept once and linked to case studies with their part in each (interviewed,
interviewer, quoted); pull quotes are edited on the case study's page. The site-wide call to
action is a single entry: the admin opens it directly.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse

from kb.admin.images import ImagePickerMixin, image_column, image_previews
from kb.admin.parts import PartForm, StackedPartInline, TabularPartInline
from kb.domain.calls_to_action import CallToAction
from kb.domain.models import CaseStudyPerson, Person, Quote


@admin.register(Person)
class PersonAdmin(ImagePickerMixin, admin.ModelAdmin):
    list_display = ["photo_thumbnail", "name", "job_title", "organization", "case_study_count"]
    list_display_links = ["photo_thumbnail", "name"]
    list_select_related = ["organization", "photo"]
    list_filter = ["organization"]
    search_fields = ["name", "job_title", "organization__name"]
    ordering = ["name"]  # people pickers page through them alphabetically
    autocomplete_fields = ["organization"]
    image_fields = ["photo"]
    readonly_fields = ["photo_preview"]
    photo_thumbnail = image_column("photo", "Photo")
    photo_preview = image_previews("photo")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("photo__renditions")
            .annotate(appearances_count=Count("appearances"))
        )

    @admin.display(description="Case studies", ordering="appearances_count")
    def case_study_count(self, person):
        return person.appearances_count


class PersonInline(TabularPartInline):
    model = CaseStudyPerson
    fields = ["order", "person", "role"]
    autocomplete_fields = ["person"]
    verbose_name = "person in this story"
    verbose_name_plural = "People in this story"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "person":
            field.help_text = (
                "Type to find someone already on file, or add them with the + button: name, "
                "job title and organization. For an unnamed team, enter the team "
                "(\u201cthe GlobalLogic engineering team\u201d)."
            )
        if db_field.name == "role":
            field.help_text = (
                "Interviewed: answers the questions. Interviewer: asks them. Quoted: a pull "
                "quote is theirs."
            )
        return field


class QuoteForm(PartForm):
    class Meta:
        model = Quote
        fields = ["text", "person"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 90})}
        help_texts = {
            "text": "One or two sentences, without quotation marks. Only words the person "
            "really said (from the interview or with their approval); never invent a quote.",
            "person": "Who said it: their name, job title and photo are shown with it. Leave "
            "empty to show a sentence of our own summary, labelled \u201cOur summary\u201d.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "order"
        ].help_text = (
            "The first quote is shown large under the key figures; the others within the story."
        )


class QuoteInline(StackedPartInline):
    model = Quote
    form = QuoteForm
    fields = ["order", "text", "person"]
    autocomplete_fields = ["person"]
    verbose_name = "pull quote"
    verbose_name_plural = "Pull quotes"


@admin.register(CallToAction)
class CallToActionAdmin(admin.ModelAdmin):
    """One site-wide call to action: the list opens it (or the form to write it)."""

    fields = ["text", "detail", "button_label", "link"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CallToAction.objects.exists()

    def changelist_view(self, request, extra_context=None):
        current = CallToAction.current()
        if current is None:
            return redirect(reverse("admin:kb_calltoaction_add"))
        return redirect(reverse("admin:kb_calltoaction_change", args=[current.pk]))
