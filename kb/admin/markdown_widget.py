"""A text area that says Markdown is accepted and shows how the text will look."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kb.domain.markdown import render_markdown

MARKDOWN_NOTE = (
    "Markdown is accepted: **bold**, *italic*, [a link](https://\u2026), "
    "lists with - or 1., a blank line between paragraphs."
)


class MarkdownTextarea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        area = super().render(name, value, attrs, renderer)
        preview = render_markdown(value or "")
        shown = (
            format_html(
                '<details class="markdown-preview"><summary>Preview</summary>{}</details>',
                mark_safe(preview),  # noqa: S308 - sanitised by nh3
            )
            if preview
            else ""
        )
        return format_html('{}<div class="help">{}</div>{}', area, MARKDOWN_NOTE, shown)
