"""Links that change one part of the current query string.

Changing a filter drops `page`, so a new filter never lands on a page that no longer exists.
"""

from django import template

register = template.Library()


def query_string(params):
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def toggle_param(request, name, value):
    """The current URL with `name=value` added, or removed if it is already there."""
    params = request.GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    return query_string(params)


@register.simple_tag
def page_url(request, number):
    params = request.GET.copy()
    params["page"] = number
    return query_string(params)


@register.simple_tag
def without_params(request, names):
    """The current URL without the given parameters (and without `page`)."""
    params = request.GET.copy()
    for name in [*names, "page"]:
        params.pop(name, None)
    return query_string(params)
