"""Where a case study or an industry is on the public site: the models' `get_absolute_url`,
installed by the ABSOLUTE_URL_OVERRIDES setting, so that the domain knows no URL.

Imported by the settings: this module imports nothing of the project."""

from django.urls import reverse


def case_study_url(case_study):
    return reverse("kb:case-study", args=[case_study.slug])


def industry_url(industry):
    return reverse("kb:industry", args=[industry.slug])


def organization_url(organization):
    return reverse("kb:organization", args=[organization.slug])


def platform_url(platform):
    return reverse("kb:platform", args=[platform.slug])
