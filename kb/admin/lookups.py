"""The admin's change lists answer only the filters their interface offers.

Django's admin accepts any lookup on a model's own fields from the address bar
(`?title__regex=(`): a malformed pattern is a database error, and a slow one holds a worker.
Editors filter with the sidebar and the date links, so anything else is refused (Django answers
400 Bad Request for a refused lookup).
"""

from django.contrib import admin

FIELD_LOOKUPS = ("exact", "id__exact", "isnull", "in", "id__in")
DATE_LOOKUPS = ("year", "month", "day", "gte", "lt")


class OfferedLookupsOnly:
    """A ModelAdmin mixin: `list_filter` fields (as the sidebar links them) and the date
    hierarchy; nothing else."""

    def offered_lookups(self):
        names = [spec for spec in self.list_filter if isinstance(spec, str)]
        offered = {f"{name}__{lookup}" for name in names for lookup in FIELD_LOOKUPS}
        if self.date_hierarchy:
            offered |= {f"{self.date_hierarchy}__{lookup}" for lookup in DATE_LOOKUPS}
        return offered

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.offered_lookups()


class OfferedLookupsModelAdmin(OfferedLookupsOnly, admin.ModelAdmin):
    pass
