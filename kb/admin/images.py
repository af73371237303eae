"""Images and PDFs in the admin: upload with a thumbnail, pick with autocomplete.

Editors upload in the Images list or straight from the organization, case study or person
they are editing (the "+" beside the picker opens the upload form). A refused file is named
with the reason, and the rest of the form keeps what the editor typed.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join

from kb.domain import uploads
from kb.domain.models import Document, Image

ACCEPTED_TYPES = "image/jpeg,image/png,image/gif,image/webp,image/svg+xml"
THUMBNAIL_SPEC = "max-160x160"
PREVIEW_SPEC = "max-480x360"


def upload_was_dropped(request):
    """True when the request was too large for any file in it to be kept (see settings:
    uploads stay in memory, and a request over the limit keeps no file at all)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return request.method == "POST" and length > settings.FILE_UPLOAD_MAX_MEMORY_SIZE


def dropped_upload_error():
    limit = settings.FILE_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return forms.ValidationError(
        f"The upload was over {limit} MB, so the file was not received. "
        "Make it smaller and choose it again.",
        code="too_large",
    )


class CheckedUploadForm(forms.ModelForm):
    """A form whose file is checked by `check` (kb.domain.uploads) before it is kept."""

    upload_dropped = False  # set per request by the admin (see `upload_was_dropped`)
    check = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.upload_dropped:  # say why the file is missing, not that it is required
            self.fields["file"].required = False

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.upload_dropped:
            raise dropped_upload_error()
        if upload is None or upload == self.initial.get("file"):
            return upload  # no new file: keep the stored one
        self.instance.set_file(type(self).check(upload), name_hint=upload.name)
        self.uploaded_name = upload.name
        return self.instance.file


def thumbnail_html(image, spec=THUMBNAIL_SPEC):
    """A small picture of `image` for the admin, or a dash."""
    if image is None or not image.file:
        return "\u2014"
    if image.is_svg:
        url, width, height = image.file.url, image.width, image.height
        scale = min(1, 160 / max(width, height, 1)) if spec == THUMBNAIL_SPEC else 1
        width, height = round(width * scale), round(height * scale)
    else:
        try:
            made = image.get_rendition(spec)
        except OSError:
            return "(the file is missing)"
        url, width, height = made.url, made.width, made.height
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="kb-thumbnail">',
        url,
        width,
        height,
        image.alt,
    )


class ImageForm(CheckedUploadForm):
    check = uploads.check_image

    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "decorative", "focal_point_x", "focal_point_y"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ACCEPTED_TYPES
        self.fields["title"].required = False
        self.fields["title"].help_text += " Left empty, the file's name is used."

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title") or "").strip() and getattr(self, "uploaded_name", ""):
            cleaned["title"] = self.uploaded_name.rsplit(".", 1)[0][:200]
        if not cleaned.get("title"):
            self.add_error("title", "Give the image a title to find it again.")
        return cleaned


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt_text", "dimensions", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["decorative"]
    search_fields = ["title", "alt_text"]
    readonly_fields = ["preview", "dimensions", "file_size"]
    fieldsets = [
        (None, {"fields": ["preview", "file", "title"]}),
        ("Accessibility", {"fields": ["alt_text", "decorative"]}),
        (
            "Focal point (optional)",
            {
                "fields": ["focal_point_x", "focal_point_y"],
                "description": "The part of the picture that crops must keep, e.g. a face: "
                "0.5 and 0.3 is the middle, a third of the way down.",
            },
        ),
        ("File", {"fields": ["dimensions", "file_size"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.upload_dropped = upload_was_dropped(request)
        return form

    @admin.display(description="Picture")
    def thumbnail(self, obj):
        return thumbnail_html(obj)

    @admin.display(description="Preview")
    def preview(self, obj):
        return thumbnail_html(obj if obj.pk else None, PREVIEW_SPEC)

    @admin.display(description="Size in pixels")
    def dimensions(self, obj):
        return f"{obj.width} \u00d7 {obj.height}" if obj.pk else "\u2014"


class ImagePickerMixin:
    """For model admins with image fields: pick with autocomplete, see a thumbnail in the list."""

    image_fields = ()

    def get_autocomplete_fields(self, request):
        return [*super().get_autocomplete_fields(request), *self.image_fields]


def image_column(field, description):
    @admin.display(description=description)
    def column(self, obj):
        return thumbnail_html(getattr(obj, field))

    return column


def image_previews(*fields):
    """A read-only form field showing the images chosen in `fields`, as saved."""

    @admin.display(description="Chosen pictures")
    def previews(self, obj):
        shown = [(obj._meta.get_field(f).verbose_name, getattr(obj, f)) for f in fields]
        shown = [(label, image) for label, image in shown if image is not None]
        if not shown:
            return "\u2014"
        return format_html_join(
            "",
            '<figure class="kb-preview">{}<figcaption>{}</figcaption></figure>',
            [(thumbnail_html(image), label.capitalize()) for label, image in shown],
        )

    return previews


class DocumentForm(CheckedUploadForm):
    check = uploads.check_pdf


def document_inline(part_form, base=admin.TabularInline):
    """The downloads section of a case study, ordered like its other parts."""

    class DocumentPartForm(DocumentForm, part_form):
        class Meta:
            model = Document
            fields = ["title", "file"]

    class DocumentInline(base):
        model = Document
        form = DocumentPartForm
        extra = 0
        fields = ["order", "title", "file", "size_label"]
        readonly_fields = ["size_label"]
        verbose_name_plural = "Downloads (PDF: white paper, slides)"

        def get_formset(self, request, obj=None, **kwargs):
            formset = super().get_formset(request, obj, **kwargs)
            formset.form.upload_dropped = upload_was_dropped(request)
            return formset

        @admin.display(description="Size")
        def size_label(self, obj):
            return filesizeformat(obj.size) if obj.pk else "\u2014"

    return DocumentInline
