"""The search glossary editors keep: synonyms and acronyms, and editor's picks.

A synonym line is either a set of equivalent terms, any of which finds the others:

    OTA, over-the-air, over the air

or a term and what it also finds (one way: searching "cockpit" finds "instrument cluster", not
the other way round):

    cockpit => instrument cluster, infotainment

An editor's pick pins case studies to the top of the results of one search (and of the same
search typed differently: another word order aside, hyphens, plurals and synonyms do not matter).
Search reads both when a visitor searches (kb.search.variants, kb.search.picks); nothing is
reindexed when they change.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

ONE_WAY = "=>"
MAX_TERMS_PER_LINE = 12
MAX_WORDS_PER_TERM = 5
WORD = re.compile(r"[^\W_]+")


def split_line(line):
    """(terms, expansions) of a synonym line: for a set of equivalent terms, `expansions` is
    None. Raises ValidationError with a message an editor can act on."""
    line = " ".join((line or "").split())
    if line.count(ONE_WAY) > 1:
        raise ValidationError(f"Use “{ONE_WAY}” at most once in a line.")
    if ONE_WAY in line:
        left, right = line.split(ONE_WAY)
        terms, expansions = split_terms(left), split_terms(right)
        if len(terms) != 1 or not expansions:
            raise ValidationError(
                f"Write one term before “{ONE_WAY}” and at least one after it, "
                "e.g. “cockpit => instrument cluster, infotainment”."
            )
        return terms, expansions
    terms = split_terms(line)
    if len(terms) < 2:
        raise ValidationError(
            "Write at least two terms separated by commas, e.g. “OTA, over-the-air”."
        )
    return terms, None


def split_terms(text):
    terms = []
    for raw in text.split(","):
        term = raw.strip()
        if not term:
            continue
        words = WORD.findall(term)
        if not words:
            raise ValidationError(f"“{term}” has no letters or digits.")
        if len(words) > MAX_WORDS_PER_TERM:
            raise ValidationError(f"“{term}” is too long: at most {MAX_WORDS_PER_TERM} words.")
        if term.lower() not in [t.lower() for t in terms]:
            terms.append(term)
    if len(terms) > MAX_TERMS_PER_LINE:
        raise ValidationError(f"At most {MAX_TERMS_PER_LINE} terms in a line.")
    return terms


class Synonym(models.Model):
    line = models.CharField(
        max_length=500,
        unique=True,
        help_text="Equivalent terms separated by commas (“OTA, over-the-air”), or one term, "
        "“=>” and what it also finds (“cockpit => instrument cluster”). Takes effect on the "
        "next search.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why, for other editors.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["line"]
        verbose_name = "synonym or acronym"
        verbose_name_plural = "synonyms and acronyms"

    def __str__(self):
        return self.line

    def clean(self):
        try:
            terms, expansions = split_line(self.line)
        except ValidationError as error:
            raise ValidationError({"line": error.messages}) from error
        self.line = ", ".join(terms) + (
            f" {ONE_WAY} " + ", ".join(expansions) if expansions else ""
        )

    @property
    def is_one_way(self):
        return ONE_WAY in self.line


class EditorPick(models.Model):
    query = models.CharField(
        max_length=200,
        unique=True,
        help_text="The search these case studies answer, as a visitor types it, e.g. "
        "“update services without the carmaker”. The same search with hyphens, plurals or "
        "synonyms also shows them.",
    )
    case_studies = models.ManyToManyField(
        "kb.CaseStudy", through="PickedCaseStudy", related_name="editor_picks"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["query"]
        verbose_name = "editor's pick"
        verbose_name_plural = "editor's picks"

    def __str__(self):
        return self.query

    def clean(self):
        self.query = " ".join((self.query or "").split())
        if not WORD.search(self.query):
            raise ValidationError({"query": "Type the search: letters or digits."})


class PickedCaseStudy(models.Model):
    pick = models.ForeignKey(EditorPick, on_delete=models.CASCADE, related_name="picked")
    case_study = models.ForeignKey("kb.CaseStudy", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "pk"]
        unique_together = [("pick", "case_study")]
        verbose_name = "recommended case study"
        verbose_name_plural = "recommended case studies"

    def __str__(self):
        return str(self.case_study)
