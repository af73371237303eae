"""The form every ordered part of a case study is edited with."""

from django import forms


class PartForm(forms.ModelForm):
    """A part of a case study with an "order" number that need not be unique or gapless:
    parts are renumbered 1, 2, 3… in that order when saved (see `save_parts_in_order`)."""

    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="Lower numbers come first. Leave empty to add at the end.",
        widget=forms.NumberInput(attrs={"style": "width: 5em"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["order"].initial = self.instance.position
