"""What search engines and social networks read in a case-study page's head.

`page_meta` gives the canonical address, Open Graph and Twitter card tags; `case_study_json_ld`
describes the case study as a schema.org `Article`. The interview's questions and answers are
the article's parts (`hasPart`): each a `Question` with its `acceptedAnswer`, an `Answer`.
(A `Question` is a `CreativeWork`, so it is a valid part of an article; `FAQPage` would claim
the questions are the site's own frequently asked ones, which an interview's are not.)

Only visible case studies get any of this: templates/kb/case_study_detail.html leaves it out of
editors' previews.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kb.web.templatetags.images import rendition, share_image_url

SITE_NAME = "Virtualization in Industry"

# Inside <script>, "</script>" or "<!--" in the data would end or change the element: write
# <, > and & as JSON escapes, which parse back to the same text.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def last_change(case_study):
    return max(case_study.updated_at, case_study.publish_at)


def canonical_url(request, case_study):
    return request.build_absolute_uri(case_study.get_absolute_url())


LOGO_SPEC = "max-600x600|format-png"


def site_publisher(request):
    home = request.build_absolute_uri(reverse("kb:home"))
    logo = request.build_absolute_uri(static("kb/logo.svg"))
    return {"@type": "Organization", "name": SITE_NAME, "url": home, "logo": logo}


def logo_url(request, organization):
    """The absolute address of the organization's logo (a PNG rendition of a raster logo, the
    SVG itself otherwise), or "" without one. Reads the prefetched logo and renditions."""
    made = rendition(organization.logo, LOGO_SPEC)
    return request.build_absolute_uri(made.url) if made else ""


def organization_entity(request, organization):
    entity = {
        "@type": "Organization",
        "@id": request.build_absolute_uri(organization.get_absolute_url()),
        "name": organization.name,
    }
    logo = logo_url(request, organization)
    if logo:
        entity["logo"] = logo
    if organization.website:
        entity["url"] = organization.website
    if organization.description:
        entity["description"] = organization.description
    return entity


def interview_questions(case_study):
    return [
        {
            "@type": "Question",
            "position": position,
            "name": qa.question,
            "text": qa.question,
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": qa.answer},
        }
        for position, qa in enumerate(case_study.qa_pairs.all(), start=1)
    ]


def case_study_json_ld(request, case_study):
    """The case study as a schema.org Article (a dict ready for JSON). Reads the prefetched
    industries, platforms, tags and questions and answers."""
    url = canonical_url(request, case_study)
    article = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": case_study.title,
        "description": case_study.page_description,
        "datePublished": case_study.publish_at.isoformat(),
        "dateModified": last_change(case_study).isoformat(),
        "inLanguage": "en",
        "author": site_publisher(request),
        "publisher": site_publisher(request),
        "about": [organization_entity(request, case_study.organization)]
        + [{"@type": "Thing", "name": industry.name} for industry in case_study.industries.all()],
        "mentions": [{"@type": "Thing", "name": p.name} for p in case_study.platforms.all()],
        "keywords": [tag.name for tag in case_study.tags.all()],
        "hasPart": interview_questions(case_study),
    }
    image = share_image_url(case_study.picture_to_share, request)
    if image:
        article["image"] = [image]
    if case_study.source_url:
        article["isBasedOn"] = case_study.source_url
    return article


def json_ld_script(data):
    """`data` in a <script type="application/ld+json"> element, safe from markup injection."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


def page_meta(request, case_study):
    """Open Graph and Twitter card tags, as (attribute, key, content) triples: attribute is
    "property" for Open Graph, "name" for Twitter."""
    title, summary = case_study.page_title, case_study.page_description
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:title", title),
        ("property", "og:description", summary),
        ("property", "og:url", canonical_url(request, case_study)),
        ("property", "article:published_time", case_study.publish_at.isoformat()),
        ("property", "article:modified_time", last_change(case_study).isoformat()),
    ]
    tags += [("property", "article:section", i.name) for i in case_study.industries.all()[:1]]
    tags += [("property", "article:tag", tag.name) for tag in case_study.tags.all()]
    image = case_study.picture_to_share
    image_url = share_image_url(image, request)
    if image_url:
        tags += [
            ("property", "og:image", image_url),
            ("property", "og:image:width", "1200"),
            ("property", "og:image:height", "630"),
            ("property", "og:image:alt", image.alt),
        ]
    tags += [
        ("name", "twitter:card", "summary_large_image" if image_url else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", summary),
    ]
    if image_url:
        tags.append(("name", "twitter:image", image_url))
    return tags
