"""The search report for marketing: what visitors look for, and what they do not find.

Registered for the search log; staff who may view the log (Editors may) see, for a chosen
period, the most frequent searches and the searches that found nothing.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from kb.domain.models import SearchLog
from kb.search import picks, variants

DEFAULT_DAYS = 30
QUICK_PERIODS = (7, 30, 90, 365)
REPORT_ROWS = 50
FEW_RESULTS = 3


EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)
OUT_OF_RANGE = "Choose a date between 2000 and 2999."


def date_field(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[
            MinValueValidator(EARLIEST, OUT_OF_RANGE),
            MaxValueValidator(LATEST, OUT_OF_RANGE),
        ],
    )


class PeriodForm(forms.Form):
    start = date_field("From")
    end = date_field("To (inclusive)")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The start of the period comes after its end.")
        return cleaned


def default_period(today):
    return {"start": today - datetime.timedelta(days=DEFAULT_DAYS - 1), "end": today}


def chosen_period(query_dict, today):
    """(form, start, end) from the query string; the last 30 days when nothing valid is given."""
    form = PeriodForm(query_dict if "start" in query_dict else None, initial=default_period(today))
    period = form.cleaned_data if form.is_bound and form.is_valid() else default_period(today)
    return form, period["start"], period["end"]


def searches_between(start, end):
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return SearchLog.objects.filter(created_at__gte=since, created_at__lt=until)


def top_queries(searches):
    return (
        searches.values("query")
        .annotate(searches=Count("pk"), most_results=Max("results"), last=Max("created_at"))
        .order_by("-searches", "query")[:REPORT_ROWS]
    )


def queries_without_results(searches):
    return (
        searches.filter(results=0)
        .values("query")
        .annotate(searches=Count("pk"), last=Max("created_at"))
        .order_by("-searches", "query")[:REPORT_ROWS]
    )


def misspellings(searches):
    """Searches whose spelling found nothing, with what was searched instead."""
    return (
        searches.exclude(corrected_to="")
        .values("query", "corrected_to")
        .annotate(searches=Count("pk"), last=Max("created_at"))
        .order_by("-searches", "query")[:REPORT_ROWS]
    )


def queries_with_few_results(searches):
    """Searches that never found more than a few case studies (but found some)."""
    return (
        searches.values("query")
        .annotate(searches=Count("pk"), most_results=Max("results"), last=Max("created_at"))
        .filter(most_results__gt=0, most_results__lte=FEW_RESULTS)
        .order_by("-searches", "query")[:REPORT_ROWS]
    )


def with_service(rows):
    """The rows, each with what now serves its search (a pick, synonyms) and links to add a
    synonym or a pick for it, filled in. No query per row: the glossary is in memory."""
    glossary = variants.current()
    rows = list(rows)
    for row in rows:
        row["service"] = picks.served_by(row["query"], glossary)
        row["add_synonym"] = (
            reverse("admin:kb_synonym_add") + "?" + urlencode({"line": row["query"]})
        )
        row["add_pick"] = (
            reverse("admin:kb_editorpick_add") + "?" + urlencode({"query": row["query"]})
        )
    return rows


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """The log itself is written only by the search page; the admin shows the report."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        today = timezone.localdate()
        form, start, end = chosen_period(request.GET, today)
        searches = searches_between(start, end)
        quick = [
            (days, {"start": today - datetime.timedelta(days=days - 1), "end": today})
            for days in QUICK_PERIODS
        ]
        context = {
            **self.admin_site.each_context(request),
            **(extra_context or {}),
            "opts": self.model._meta,
            "title": "Search report",
            "form": form,
            "start": start,
            "end": end,
            "quick_periods": quick,
            "total": searches.count(),
            "top_queries": top_queries(searches),
            "queries_without_results": with_service(queries_without_results(searches)),
            "queries_with_few_results": with_service(queries_with_few_results(searches)),
            "few_results": FEW_RESULTS,
            "misspellings": misspellings(searches),
        }
        return TemplateResponse(request, "admin/kb/searchlog/report.html", context)
