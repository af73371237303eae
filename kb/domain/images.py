"""Images and downloadable documents, after Wagtail's images.

An Image is the original file as uploaded (checked and stripped of metadata by
kb.domain.uploads), its size, its alt text (or the editor's word that it is decorative) and an
optional focal point. A Rendition is one derived file, keyed by the image and a spec
(`fill-1200x630|format-webp`, see kb.domain.renditions): made once, on first use, and stored;
pages find them among the renditions they prefetched. File names carry a digest of what they
were made from, so a changed image gets new names and caches may keep files for ever.
"""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils.text import slugify

from kb.domain import renditions

NEEDS_ALT_TEXT = (
    "Describe the image for people who cannot see it (alt text), or tick \u201cdecorative\u201d "
    "if it adds nothing to the text around it."
)
FOCAL_POINT_HALF = "Give both coordinates of the focal point, or neither."


def fraction_field(label):
    return models.FloatField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the left (top) edge, 1 the right (bottom) edge; 0.5 is the middle.",
    )


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")


class Image(models.Model):
    title = models.CharField(
        max_length=200,
        help_text="For finding it again in the admin, e.g. \u201cGlobalLogic logo\u201d.",
    )
    file = models.FileField(
        upload_to="images/", max_length=255, help_text="JPEG, PNG, GIF, WebP or SVG, at most 10 MB."
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    file_size = models.PositiveIntegerField(editable=False, default=0)
    file_hash = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, in a sentence, for screen readers and search engines.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the image adds nothing to the text around it: it then gets no "
        "alt text on purpose.",
    )
    focal_point_x = fraction_field("focal point, across")
    focal_point_y = fraction_field("focal point, down")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | ~Q(alt_text=""), name="image_alt_text_or_decorative"
            ),
            models.CheckConstraint(
                condition=Q(focal_point_x__isnull=True, focal_point_y__isnull=True)
                | Q(focal_point_x__isnull=False, focal_point_y__isnull=False),
                name="image_focal_point_whole",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        before = self.stored_state()
        if before and before[1:] != (self.file_hash, self.focal_point_x, self.focal_point_y):
            self.delete_renditions()
        super().save(*args, **kwargs)
        if before and before[0] and before[0] != self.file.name:
            delete_after_commit(self.file.storage, before[0])  # the replaced original

    def clean(self):
        errors = {}
        if not self.decorative and not self.alt_text.strip():
            errors["alt_text"] = NEEDS_ALT_TEXT
        if (self.focal_point_x is None) != (self.focal_point_y is None):
            errors["focal_point_x"] = FOCAL_POINT_HALF
        if errors:
            raise ValidationError(errors)

    @property
    def is_svg(self):
        return self.file.name.lower().endswith(".svg")

    @property
    def alt(self):
        """The alt attribute: empty for a decorative image, on purpose."""
        return "" if self.decorative else self.alt_text

    @property
    def focal_point(self):
        if self.focal_point_x is None or self.focal_point_y is None:
            return None
        return (self.focal_point_x, self.focal_point_y)

    def set_file(self, checked, name_hint=""):
        """Take a file that passed kb.domain.uploads' checks as this image's original."""
        stem = slugify(name_hint.rsplit(".", 1)[0])[:40] or "image"
        self.file = ContentFile(
            checked.content, name=f"{stem}-{checked.digest[:12]}.{checked.extension}"
        )
        self.width, self.height = checked.width, checked.height
        self.file_size = len(checked.content)
        self.file_hash = checked.digest

    def stored_state(self):
        """(file name, file hash, focal point x, y) as stored, or None for a new image."""
        if self.pk is None:
            return None
        fields = ("file", "file_hash", "focal_point_x", "focal_point_y")
        return Image.objects.filter(pk=self.pk).values_list(*fields).first()

    def delete_renditions(self):
        self.renditions.all().delete()
        self.__dict__.pop("_rendition_cache", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("renditions", None)

    # --- renditions ---

    def rendition_cache(self):
        """This image's renditions by spec: the prefetched ones, or one query, once."""
        if "_rendition_cache" not in self.__dict__:
            self._rendition_cache = {r.spec: r for r in self.renditions.all()}
        return self._rendition_cache

    def get_rendition(self, spec):
        """The rendition for `spec`, made and stored now if it does not exist yet."""
        cache = self.rendition_cache()
        if spec not in cache:
            cache[spec] = Rendition.objects.make(self, spec)
        return cache[spec]

    def rendition_key(self):
        """What a rendition was made from: the original and the focal point."""
        made_from = f"{self.file_hash}:{self.focal_point}"
        return hashlib.sha256(made_from.encode()).hexdigest()[:10]


class RenditionManager(models.Manager):
    def make(self, image, spec):
        renditions.parse_spec(spec)
        with image.file.open("rb") as source:
            made = renditions.make(source, spec, image.focal_point)
        rendition = self.model(image=image, spec=spec, width=made.width, height=made.height)
        name = f"{image.pk}-{image.rendition_key()}-{spec.replace('|', '.')}.{made.extension}"
        rendition.file.save(name, ContentFile(made.content), save=False)
        try:
            with transaction.atomic():
                rendition.save()
        except IntegrityError:
            # Another request made it meanwhile: use theirs.
            rendition.file.delete(save=False)
            return self.get(image=image, spec=spec)
        return rendition


class Rendition(models.Model):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=100)
    file = models.FileField(upload_to="images/renditions/", max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    objects = RenditionManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["image", "spec"], name="unique_rendition_per_spec")
        ]

    def __str__(self):
        return f"{self.image} ({self.spec})"

    @property
    def url(self):
        return self.file.url


def delete_after_commit(storage, name):
    """Remove a stored file once the change that dropped it is committed (not if it rolls
    back)."""
    transaction.on_commit(lambda: storage.delete(name))


def delete_file_after_commit(sender, instance, **kwargs):
    """A deleted row's file goes too."""
    if instance.file and instance.file.name:
        delete_after_commit(instance.file.storage, instance.file.name)


def delete_files_with(model):
    post_delete.connect(delete_file_after_commit, sender=model, dispatch_uid=f"files-{model}")


delete_files_with(Image)
delete_files_with(Rendition)


def new_document_folder():
    return secrets.token_hex(8)


def document_path(document, filename):
    stem = slugify(filename.rsplit(".", 1)[0])[:60] or "document"
    return f"documents/{document.folder}/{stem}.pdf"


class DocumentFields(models.Model):
    """A PDF to download: a white paper, slides. Checked as a PDF on upload."""

    title = models.CharField(
        max_length=200, help_text="e.g. \u201cWhite paper: GPU sharing in the car\u201d"
    )
    file = models.FileField(
        upload_to=document_path, max_length=255, help_text="A PDF, at most 20 MB."
    )
    size = models.PositiveIntegerField(editable=False, default=0, help_text="In bytes.")
    folder = models.CharField(max_length=16, default=new_document_folder, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def set_file(self, checked, name_hint=""):
        self.file = ContentFile(checked.content, name=name_hint or "document.pdf")
        self.size = len(checked.content)
