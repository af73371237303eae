"""People a case study names, their part in it, and the pull quotes shown with their name."""

from django.db import models
from reversion import register as keep_revisions

from kb.domain.fields import image_field, not_blank, optional_link
from kb.domain.part_models import CaseStudyPart, part_of_case_study
from kb.domain.taxonomy import Organization


class Person(models.Model):
    """Someone a case study names: interviewed, interviewing or quoted."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="e.g. \u201cHead of platform software\u201d"
    )
    organization = optional_link(
        Organization, "people", "Where the person works, if it is on file."
    )
    photo = image_field("A portrait, ideally square; the focal point keeps the face in crops.")

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]
        constraints = [not_blank("name", "person")]

    def __str__(self):
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


@keep_revisions()
class CaseStudyPerson(CaseStudyPart):
    """A person's part in one case study."""

    class Role(models.TextChoices):
        INTERVIEWEE = "interviewee", "Interviewed"
        INTERVIEWER = "interviewer", "Interviewer"
        QUOTED = "quoted", "Quoted"

    case_study = part_of_case_study("people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appearances")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INTERVIEWEE)

    class Meta(CaseStudyPart.Meta):
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


@keep_revisions()
class Quote(CaseStudyPart):
    """A pull quote: a sentence shown prominently, attributed to a person or to our summary."""

    case_study = part_of_case_study("quotes")
    text = models.TextField()
    person = optional_link(
        Person, "quotes", "Who said it. Leave empty for a sentence of our own summary."
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self):
        return self.text


def people_with_names():
    """A case study's `people` prefetched with each person and their organization."""
    return models.Prefetch("people", CaseStudyPerson.objects.select_related("person__organization"))


def quotes_with_names():
    """A case study's `quotes` prefetched with who said each and their organization."""
    return models.Prefetch("quotes", Quote.objects.select_related("person__organization"))
