"""Path converters: `uslug` is a slug in any script (`straße`, `自動車`)."""

from django.urls import register_converter


class UnicodeSlugConverter:
    """Letters and digits of any script, `_` and `-`."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")
