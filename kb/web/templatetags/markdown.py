"""`{{ text|markdown }}` and `{{ text|markdown_inline }}`: stored Markdown as safe HTML."""

from django import template
from django.utils.safestring import mark_safe

from kb.domain.markdown import render_markdown, render_markdown_inline

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.filter(name="markdown_inline")
def markdown_inline_filter(text):
    return mark_safe(render_markdown_inline(text))  # noqa: S308 - sanitised by nh3
