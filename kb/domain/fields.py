"""Field and constraint helpers the knowledge base's models share."""

from django.db import models
from django.db.models import Q

from kb.domain.images import Image


def optional_link(model, related_name, help_text):
    """A link that may be empty, and is emptied (not deleting anything) if its target goes."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


def image_field(help_text, related_name="+"):
    """A picked image."""
    return optional_link(Image, related_name, help_text)


def not_blank(field, model_name):
    return models.CheckConstraint(
        condition=~Q(**{field: ""}), name=f"{model_name}_{field}_not_blank"
    )
