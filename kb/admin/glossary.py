"""Search tuning for editors: synonyms and acronyms, and editor's picks. Both take effect on the
next search; nothing is reindexed. The searches report links here ("add a synonym or a pick")
with the search filled in."""

from django.contrib import admin

from kb.domain.glossary import EditorPick, PickedCaseStudy, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["line", "kind", "note", "updated_at"]
    search_fields = ["line", "note"]
    fields = ["line", "note"]

    @admin.display(description="Kind")
    def kind(self, synonym):
        return "one way" if synonym.is_one_way else "equivalent"


class PickedCaseStudyInline(admin.TabularInline):
    model = PickedCaseStudy
    autocomplete_fields = ["case_study"]
    extra = 1
    min_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, **kwargs)


@admin.register(EditorPick)
class EditorPickAdmin(admin.ModelAdmin):
    list_display = ["query", "recommended", "updated_at"]
    search_fields = ["query", "case_studies__title"]
    fields = ["query"]
    inlines = [PickedCaseStudyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("case_studies")

    @admin.display(description="Recommended case studies")
    def recommended(self, pick):
        return ", ".join(case_study.title for case_study in pick.case_studies.all())
