"""Public pages. Views stay thin: querysets and kb.listing.browse hold the logic."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils import timezone
from taggit.models import Tag

from kb.domain.models import CaseStudy, Industry
from kb.listing.browse import browse
from kb.listing.related import related_ids
from kb.web import feeds

CASE_STUDY_PARTS = (
    "industries",
    "platforms",
    "tags",
    "qa_pairs",
    "benefits",
    "challenges",
    "key_facts",
)


def paginate(request, queryset):
    """The requested page; a missing or bad number gives the first page, too large the last."""
    return Paginator(queryset, settings.CASE_STUDIES_PER_PAGE).get_page(request.GET.get("page"))


def home(request):
    now = timezone.now()
    visible = CaseStudy.objects.visible(now)
    industries = Industry.objects.annotate(
        published=Count(
            "case_studies",
            filter=Q(
                case_studies__status=CaseStudy.Status.PUBLISHED,
                case_studies__publish_at__lte=now,
            ),
        )
    ).filter(published__gt=0)
    featured = list(visible.filter(featured=True).for_cards().newest_first()[:3])
    latest = visible.exclude(pk__in=[case.pk for case in featured]).for_cards().newest_first()
    # Lists, not querysets: the template runs no query.
    industries, latest = list(industries), list(latest[:6])
    return render(
        request,
        "kb/home.html",
        {
            "industries": industries,
            "featured": featured,
            "latest": latest,
            "feed": feeds.all_case_studies_feed(),
        },
    )


def render_listing(request, template_context, fixed=None):
    listing = browse(request.GET, fixed=fixed)
    page = paginate(request, listing.newest_first)
    context = {"listing": listing, "page": page, **template_context}
    return render(request, "kb/case_study_list.html", context)


def case_study_list(request):
    return render_listing(
        request,
        {
            "heading": "All case studies",
            "lead": "Every published case study, newest first.",
            "feed": feeds.all_case_studies_feed(),
        },
    )


def industry_detail(request, slug):
    industry = get_object_or_404(Industry, slug=slug)
    return render_listing(
        request,
        {
            "heading": industry.name,
            "feed": feeds.industry_feed(industry),
            "lead": industry.description,
            "fixed_facet": "industry",
            "breadcrumb": "Industries",
        },
        fixed={"industry": [industry.pk]},
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return render_listing(
        request,
        {
            "heading": f"Tagged \u201c{tag.name}\u201d",
            "feed": feeds.tag_feed(tag),
            "lead": "",
            "fixed_facet": "tag",
            "breadcrumb": "Tags",
        },
        fixed={"tag": [tag.pk]},
    )


def can_preview(user):
    return user.is_active and user.is_staff and user.has_perm("kb.view_casestudy")


def case_study_detail(request, slug):
    case_study = get_object_or_404(
        CaseStudy.objects.select_related("organization").prefetch_related(*CASE_STUDY_PARTS),
        slug=slug,
    )
    is_preview = not case_study.is_visible
    if is_preview and not can_preview(request.user):
        raise Http404("No case study at this address.")
    return render(
        request,
        "kb/case_study_detail.html",
        {"case_study": case_study, "related": related_cards(case_study), "is_preview": is_preview},
    )


def related_cards(case_study, limit=3):
    """The related case studies' cards, most related first (from its prefetched labels)."""
    shared = {
        "platform": [platform.pk for platform in case_study.platforms.all()],
        "tag": [tag.pk for tag in case_study.tags.all()],
        "industry": [industry.pk for industry in case_study.industries.all()],
    }
    ids = related_ids(case_study.pk, shared, limit)
    cards = CaseStudy.objects.filter(pk__in=ids).for_cards().in_bulk()
    return [cards[pk] for pk in ids if pk in cards]


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("kb/favicon.svg"))


def not_found(request, exception):
    return render(request, "404.html", status=404)
