"""Former addresses: the slugs renamed things had (kept and answered by kb.domain.addresses)."""

from django.db import models
from django.utils import timezone


class FormerSlug(models.Model):
    """A slug something had before it was renamed, so links already shared keep working (the
    public site answers them with a permanent redirect). Written by kb.domain.addresses."""

    kind = models.CharField(max_length=100, help_text="The model, as app_label.model_name.")
    slug = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    renamed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "former address"
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="unique_former_slug")]

    def __str__(self):
        return f"{self.kind} {self.slug}"
