"""The call to action: what a page asks the visitor to do next, e.g. "Talk to us about your
platform". One site-wide call to action is edited in the admin; a case study may replace its
text and link with its own."""

from dataclasses import dataclass

from django.db import models

from kb.domain.links import validate_call_to_action_link

DEFAULT_BUTTON_LABEL = "Get in touch"


class CallToAction(models.Model):
    """The site-wide call to action. There is at most one: the admin edits the same row."""

    text = models.CharField(
        max_length=160,
        help_text="One sentence inviting the visitor to act, e.g. \u201cTalk to us about your "
        "platform\u201d.",
    )
    detail = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional: a sentence under it, e.g. what happens when they get in touch.",
    )
    button_label = models.CharField(
        max_length=40,
        default=DEFAULT_BUTTON_LABEL,
        help_text="The words on the button, e.g. \u201cContact us\u201d.",
    )
    link = models.CharField(
        max_length=500,
        validators=[validate_call_to_action_link],
        help_text="Where the button leads: a page of this site (/contact/), an https:// "
        "address or a mailto: address.",
    )

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "call to action (site-wide)"

    def __str__(self):
        return self.text

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first()


@dataclass(frozen=True)
class Invitation:
    """A call to action as a page shows it."""

    text: str
    detail: str
    button_label: str
    link: str


def site_invitation(site_wide):
    if site_wide is None:
        return None
    return Invitation(site_wide.text, site_wide.detail, site_wide.button_label, site_wide.link)


def invitation_for(case_study, site_wide):
    """The case study's own call to action when it has one (its text, and its link or else the
    site's), otherwise the site-wide one; None when there is neither."""
    own_text = case_study.call_to_action_text.strip()
    if not own_text:
        return site_invitation(site_wide)
    link = case_study.call_to_action_link or (site_wide.link if site_wide else "")
    if not link:
        return None
    label = site_wide.button_label if site_wide else DEFAULT_BUTTON_LABEL
    return Invitation(own_text, "", label, link)
