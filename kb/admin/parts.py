"""The parts of a case study as edited on its page: the order number, the inlines, and
saving them renumbered 1, 2, 3… in that order."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet

from kb.admin.markdown_widget import MarkdownTextarea
from kb.domain import publishing
from kb.domain.models import CaseStudy
from kb.domain.part_models import Benefit, Challenge, KeyFact, QuestionAnswer


class PartForm(forms.ModelForm):
    """A part of a case study with an "order" number that need not be unique or gapless:
    parts are renumbered 1, 2, 3… in that order when saved (see `save_parts_in_order`)."""

    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="Lower numbers come first. Leave empty to add at the end.",
        widget=forms.NumberInput(attrs={"style": "width: 5em"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["order"].initial = self.instance.position


class PartInlineMixin:
    """What every part's inline shares: the order number instead of the stored position, and
    one empty row to add a part."""

    form = PartForm
    extra = 1
    exclude = ["position"]


class StackedPartInline(PartInlineMixin, admin.StackedInline):
    pass


class TabularPartInline(PartInlineMixin, admin.TabularInline):
    pass


class ContentForPublishingFormSet(BaseInlineFormSet):
    """Questions and answers: also checks that a case study being published has content
    (a question and answer here, or a benefit in the benefits section of the same page)."""

    def clean(self):
        super().clean()
        if self.instance.status != CaseStudy.Status.PUBLISHED:
            return
        if kept_forms(self) or submitted_benefit_count(self.data):
            return
        raise ValidationError(publishing.NEEDS_CONTENT)


def kept_forms(formset):
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and (form.instance.pk or form.has_changed())
    ]


def submitted_benefit_count(data, prefix="benefits"):
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
    except ValueError:
        return 0
    return sum(
        1
        for index in range(total)
        if data.get(f"{prefix}-{index}-statement", "").strip()
        and not data.get(f"{prefix}-{index}-DELETE")
    )


class QuestionAnswerInline(StackedPartInline):
    model = QuestionAnswer
    formset = ContentForPublishingFormSet
    fields = ["order", "question", "answer"]
    verbose_name = "question and answer"
    verbose_name_plural = "The interview: questions and answers"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "question":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 90})
        if db_field.name == "answer":
            kwargs["widget"] = MarkdownTextarea(attrs={"rows": 6, "cols": 90})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class BenefitInline(StackedPartInline):
    model = Benefit
    fields = ["order", "statement", "detail"]
    verbose_name_plural = "Benefits"


class ChallengeInline(StackedPartInline):
    model = Challenge
    fields = ["order", "problem", "solution"]
    verbose_name_plural = "Challenges and how they were overcome"


class KeyFactInline(TabularPartInline):
    model = KeyFact
    fields = ["order", "label", "value"]
    verbose_name_plural = "Key facts (optional)"


def save_parts_in_order(formset):
    """Save a formset of case-study parts, renumbering them 1, 2, 3… by their "order" field.

    Positions are unique per case study, so rows are first moved out of the way: swapping two
    parts' order would otherwise collide half-way through.
    """
    formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    kept = [form for form in kept_forms(formset) if form not in formset.deleted_forms]
    kept = [form for _, form in sorted(enumerate(kept), key=order_key)]
    formset.model.objects.filter(case_study=formset.instance).update(
        position=F("position") + 1_000_000
    )
    for number, form in enumerate(kept, start=1):
        part = form.instance
        part.case_study = formset.instance
        part.position = number
        part.save()


def order_key(indexed_form):
    """Parts with an order number first, by number; then the rest as they stand on the page."""
    index, form = indexed_form
    order = form.cleaned_data.get("order")
    return (order is None, order or 0, index)
