"""{% case_study_head case_study %}: canonical address, social cards and JSON-LD for a page."""

from django import template

from kb.web.structured_data import canonical_url, case_study_json_ld, json_ld_script, page_meta

register = template.Library()


@register.inclusion_tag("kb/_case_study_head.html", takes_context=True)
def case_study_head(context, case_study):
    request = context["request"]
    return {
        "canonical_url": canonical_url(request, case_study),
        "meta_tags": page_meta(request, case_study),
        "json_ld": json_ld_script(case_study_json_ld(request, case_study)),
    }
