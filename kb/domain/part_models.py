"""The ordered parts a case study is made of: the interview's questions and answers, benefits,
challenges, key facts and downloads (kb.domain.parts lists them; kb.domain.people adds the
people and the quotes)."""

from django.db import models
from django.db.models import Max
from reversion import register as keep_revisions

from kb.domain.images import DocumentFields, delete_files_with


def part_of_case_study(related_name):
    return models.ForeignKey("CaseStudy", on_delete=models.CASCADE, related_name=related_name)


class CaseStudyPart(models.Model):
    """An ordered piece of a case study; `position` is unique within its case study."""

    position = models.PositiveIntegerField(
        "order", blank=True, help_text="Lower numbers come first."
    )

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_study", "position"], name="%(class)s_unique_position"
            )
        ]

    def save(self, *args, **kwargs):
        if self.position is None:
            last = (
                type(self)
                .objects.filter(case_study=self.case_study_id)
                .aggregate(last=Max("position"))["last"]
            )
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)


@keep_revisions()
class QuestionAnswer(CaseStudyPart):
    case_study = part_of_case_study("qa_pairs")
    question = models.TextField()
    answer = models.TextField()

    class Meta(CaseStudyPart.Meta):
        verbose_name = "question and answer"
        verbose_name_plural = "interview: questions and answers"

    def __str__(self):
        return self.question


@keep_revisions()
class Benefit(CaseStudyPart):
    case_study = part_of_case_study("benefits")
    statement = models.CharField(max_length=255, help_text="The benefit in one short sentence.")
    detail = models.TextField(blank=True, help_text="Optional: a few words more.")

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.statement


@keep_revisions()
class Challenge(CaseStudyPart):
    case_study = part_of_case_study("challenges")
    problem = models.TextField(help_text="What was hard.")
    solution = models.TextField(
        "how it was overcome", blank=True, help_text="What the team did about it."
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.problem


@keep_revisions()
class KeyFact(CaseStudyPart):
    case_study = part_of_case_study("key_facts")
    label = models.CharField(max_length=100, help_text="e.g. \u201cCustomers\u201d")
    value = models.CharField(
        max_length=200, help_text="e.g. \u201ctier-1 suppliers in 3 regions\u201d"
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return f"{self.label}: {self.value}"


@keep_revisions()
class Document(DocumentFields, CaseStudyPart):
    """A PDF offered for download on a case study's page."""

    case_study = part_of_case_study("documents")

    class Meta(CaseStudyPart.Meta):
        verbose_name = "download (PDF)"
        verbose_name_plural = "downloads (PDF)"

    def __str__(self):
        return self.title


delete_files_with(Document)
