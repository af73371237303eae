"""What search records as visitors use it: the searches made, and changes to the index."""

import secrets

from django.db import models
from django.utils import timezone


class SearchLog(models.Model):
    """One search made on the site: what was asked and how many case studies it found.

    Nothing identifies the visitor. Marketing reads the report in the admin: the top queries and
    those that found nothing, which is content the knowledge base is missing.
    """

    query = models.CharField(
        max_length=200, help_text="The search as the visitor typed it, in lower case."
    )
    corrected_to = models.CharField(
        max_length=200,
        blank=True,
        help_text="What was searched instead, when the visitor's spelling found nothing.",
    )
    results = models.PositiveIntegerField("results found")
    created_at = models.DateTimeField("searched at", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "search"
        verbose_name_plural = "searches"
        ordering = ["-created_at"]

    def __str__(self):
        return self.query


def new_token():
    return secrets.token_hex(16)


class IndexChange(models.Model):
    """A change to the search index: what is published, or how it is labelled or worded.

    Each web process keeps an in-memory facet index (kb.listing.facet_index) and rebuilds it
    when the newest of these rows is not the one it was built from. A new row per change, rather
    than one row updated by everyone, so concurrent writers never wait for each other here; the
    random token tells apart changes that reused an id after a rollback.
    """

    token = models.CharField(max_length=32, default=new_token, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "search index change"

    def __str__(self):
        return f"Search index change at {self.changed_at:%Y-%m-%d %H:%M:%S}"
