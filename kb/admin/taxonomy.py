"""Industries, organizations and platforms, as editors keep them."""

from django.contrib import admin

from kb.admin.images import ImagePickerMixin, image_column, image_previews
from kb.admin.lookups import OfferedLookupsOnly
from kb.domain.taxonomy import Industry, Organization, Platform


@admin.register(Industry)
class IndustryAdmin(OfferedLookupsOnly, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(OfferedLookupsOnly, ImagePickerMixin, admin.ModelAdmin):
    list_display = ["logo_thumbnail", "name", "website"]
    list_display_links = ["logo_thumbnail", "name"]
    list_select_related = ["logo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    image_fields = ["logo"]
    readonly_fields = ["logo_preview"]
    logo_thumbnail = image_column("logo", "Logo")
    logo_preview = image_previews("logo")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("logo__renditions")


@admin.register(Platform)
class PlatformAdmin(OfferedLookupsOnly, admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
