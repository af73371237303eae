"""A case study's written parts (kb.domain.parts.WRITTEN_PARTS: interview, benefits, challenges,
key facts) read in one query instead of one per part, and handed to the case study as if
prefetched: `case_study.benefits.all()` then runs no query.

Each part is a small table with the same shape (an id, the case study, a position, text), so
one UNION ALL reads them all; the columns of the part with fewer are padded with NULL. Their
fields are numbers and text, which every database returns as the ORM would.
"""

from django.db import connections

from kb.domain.parts import WRITTEN_PARTS


def columns_of(model):
    return [field.column for field in model._meta.concrete_fields]


def union_sql(parts, width):
    selects = []
    for number, part in enumerate(parts):
        meta = part.model._meta
        columns = columns_of(part.model)
        padding = ["NULL"] * (width - len(columns))
        case_study = meta.get_field("case_study").column
        selects.append(
            f"SELECT {number} AS part, {', '.join([*columns, *padding])} "
            f"FROM {meta.db_table} WHERE {case_study} = %s"
        )
    # Each part's rows together, in their own order (position: a column they all share).
    position = 2 + columns_of(parts[0].model).index("position")
    return " UNION ALL ".join(selects) + f" ORDER BY 1, {position}"


def prefetch_written_parts(case_study, using="default"):
    """Read every written part of `case_study` in one query and keep them on it."""
    parts = WRITTEN_PARTS
    width = max(len(columns_of(part.model)) for part in parts)
    rows = {number: [] for number in range(len(parts))}
    with connections[using].cursor() as cursor:
        cursor.execute(union_sql(parts, width), [case_study.pk] * len(parts))
        for number, *values in cursor.fetchall():
            rows[number].append(values)
    for number, part in enumerate(parts):
        keep(case_study, part, rows[number], using)


def keep(case_study, part, rows, using):
    """Make `rows` what `case_study.<part>.all()` answers, as prefetch_related would."""
    fields = [field.attname for field in part.model._meta.concrete_fields]
    objects = [part.model.from_db(using, fields, values[: len(fields)]) for values in rows]
    relation = part.model._meta.get_field("case_study")
    for item in objects:
        relation.set_cached_value(item, case_study)
    queryset = getattr(case_study, part.related_name).all()
    queryset._result_cache, queryset._prefetch_done = objects, True
    cache = case_study.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[relation.remote_field.cache_name] = queryset
