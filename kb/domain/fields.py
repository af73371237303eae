"""Field and constraint helpers the knowledge base's models share."""

from django.db import models
from django.db.models import Q

from kb.domain.images import Image


def image_field(help_text, related_name="+"):
    """A picked image: optional, and emptied (not deleting anything) if the image goes."""
    return models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


def not_blank(field, model_name):
    return models.CheckConstraint(
        condition=~Q(**{field: ""}), name=f"{model_name}_{field}_not_blank"
    )
