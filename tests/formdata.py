"""Submit an HTML form as a browser would: every field with the value it shows."""

from bs4 import BeautifulSoup

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


def form_data(response, form_id=None, **changes):
    """The data a browser posts for the page's form (the first, or the one with `form_id`),
    with `changes` applied on top."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", id=form_id) if form_id else soup.find("form", method="post")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        for value in field_values(field):
            data.setdefault(name, []).append(value)
    data = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    data.update(changes)
    return data


def field_values(field):
    if field.name == "textarea":
        return [field.text.removeprefix("\n")]
    if field.name == "select":
        chosen = [
            option.get("value", option.text) for option in field.find_all("option", selected=True)
        ]
        if chosen or field.has_attr("multiple"):
            return chosen
        first = field.find("option")
        return [first.get("value", first.text)] if first else []
    kind = field.get("type", "text").lower()
    if kind in SKIPPED_INPUTS:
        return []
    if kind in ("checkbox", "radio"):
        return [field.get("value", "on")] if field.has_attr("checked") else []
    return [field.get("value", "")]
