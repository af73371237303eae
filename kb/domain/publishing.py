"""What a case study needs before visitors may see it: the one home of the publishing rules.

Every way in uses these: the admin's form and its bulk *Publish* action (kb.admin), the JSON
import (kb.exchange), and the interview importer, which makes drafts only (kb.importer.drafts).
The API only reads.
"""

from django.core.exceptions import ValidationError

NEEDS_SUMMARY = "Write a summary before publishing: lists and search engines show it."
NEEDS_CONTENT = (
    "A published case study needs at least one question and answer or one benefit. "
    "Add one, or keep it as a draft."
)


class NotPublishable(ValidationError):
    """The case study cannot be published; the messages say why, in an editor's words."""


def has_summary(summary):
    return bool((summary or "").strip())


def publishing_problems(summary, has_content):
    """What stops a case study with this summary, and with or without a question and answer or
    a benefit, from being published."""
    problems = []
    if not has_summary(summary):
        problems.append(NEEDS_SUMMARY)
    if not has_content:
        problems.append(NEEDS_CONTENT)
    return problems


def refuse_unpublishable(summary, has_content):
    """Raise NotPublishable unless the case study may be published."""
    problems = publishing_problems(summary, has_content)
    if problems:
        raise NotPublishable(problems)


def publish(case_study, has_content, now=None):
    """Publish `case_study` (not saved) if the rules allow: an empty publish date becomes now.
    Raises NotPublishable otherwise."""
    refuse_unpublishable(case_study.summary, has_content)
    case_study.mark_published(now)
