"""Links that change one part of the current query string.

Changing a filter drops `page`, so a new filter never lands on a page that no longer exists.
"""

from urllib.parse import urlencode

from django import template

register = template.Library()


def query_string(params):
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def params_without_page(request):
    """The query string's (name, value) pairs but `page`, read once per request: a listing
    page makes a link for every facet value."""
    if not hasattr(request, "_kb_params_without_page"):
        request._kb_params_without_page = [
            (name, value)
            for name, values in request.GET.lists()
            if name != "page"
            for value in values
        ]
    return request._kb_params_without_page


@register.simple_tag
def toggle_param(request, name, value):
    """The current URL with `name=value` added (after the other values of `name`), or removed
    if it is already there."""
    params = params_without_page(request)
    if (name, value) in params:
        toggled = [pair for pair in params if pair != (name, value)]
    else:
        same_name = [n for n, (param, _) in enumerate(params) if param == name]
        at = same_name[-1] + 1 if same_name else len(params)
        toggled = [*params[:at], (name, value), *params[at:]]
    return f"?{urlencode(toggled)}"


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
