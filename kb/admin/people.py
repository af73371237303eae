"""People named by case studies, with their photo picked from the images (or uploaded)."""

from django.contrib import admin

from kb.admin.images import ImagePickerMixin, image_column
from kb.domain.models import Person


@admin.register(Person)
class PersonAdmin(ImagePickerMixin, admin.ModelAdmin):
    list_display = ["photo_thumbnail", "name", "job_title", "organization"]
    list_display_links = ["photo_thumbnail", "name"]
    list_select_related = ["organization", "photo"]
    list_filter = ["organization"]
    search_fields = ["name", "job_title", "organization__name"]
    autocomplete_fields = ["organization"]
    image_fields = ["photo"]
    photo_thumbnail = image_column("photo", "Photo")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photo__renditions")
