"""Answers, introductions, summaries, benefits and challenges are Markdown from now on.

Existing texts were plain and shown through `linebreaks` (or as they are): each one that would
show differently as Markdown is rewritten so that it shows the same (markup characters
escaped, single newlines kept as line breaks). Texts that show the same are left untouched.
"""

import re

from django.db import migrations
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import escape

from kb.domain.markdown import markdown_from_plain_text, render_markdown, render_markdown_inline

# (model, field, shown with line breaks)
FIELDS = [
    ("CaseStudy", "introduction", True),
    ("CaseStudy", "summary", False),
    ("QuestionAnswer", "answer", True),
    ("Benefit", "detail", False),
    ("Challenge", "problem", False),
    ("Challenge", "solution", False),
]
SPACE = re.compile(r"\s+")
AROUND_TAGS = re.compile(r"\s*(<[^>]+>)\s*")
EDGE_BREAKS = re.compile(r"(?:<br />)+(</p>)|(<p>)(?:<br />)+")


def shown(html):
    """HTML as a reader sees it: spaces next to tags and empty paragraphs do not show."""
    html = SPACE.sub(" ", html.replace("<br>", "<br />"))
    html = AROUND_TAGS.sub(r"\1", html)
    html = EDGE_BREAKS.sub(lambda m: m.group(1) or m.group(2), html)
    return html.replace("<p></p>", "").strip()


def as_markdown(text, line_breaks):
    if line_breaks:
        before, after = linebreaks_filter(text), render_markdown
    else:
        before, after = escape(text), render_markdown_inline
    if shown(after(text)) == shown(before):
        return text
    return markdown_from_plain_text(text, line_breaks=line_breaks)


def to_markdown(apps, schema_editor):
    for model_name, field, line_breaks in FIELDS:
        model = apps.get_model("kb", model_name)
        changed = []
        for row in model.objects.exclude(**{field: ""}).only("pk", field).iterator():
            text = getattr(row, field)
            markdown = as_markdown(text, line_breaks)
            if markdown != text:
                setattr(row, field, markdown)
                changed.append(row)
        model.objects.bulk_update(changed, [field], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("kb", "0014_seed_search_glossary")]

    operations = [migrations.RunPython(to_markdown, migrations.RunPython.noop, elidable=True)]
