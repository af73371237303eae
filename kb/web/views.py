"""Public pages. Views stay thin: querysets and kb.listing.browse hold the logic."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from kb.domain.calls_to_action import CallToAction, invitation_for, site_invitation
from kb.domain.models import CaseStudy, Industry, Quote
from kb.domain.parts import PARTS, WRITTEN_PART_NAMES
from kb.domain.people import people_with_names
from kb.domain.written_parts import prefetch_written_parts
from kb.listing import facet_index
from kb.listing.browse import FACET_SOURCES, Browse
from kb.listing.featured import featured_newest
from kb.listing.groups import (
    counted,
    visible_industry,
    visible_organization,
    visible_platform,
    visible_tag,
)
from kb.listing.related import related_ids
from kb.web import feeds, fragments
from kb.web.listing_links import listing_links, selection_of

# How the case study's page reads each part (kb.domain.parts): people and quotes with whom
# they name, the others as they are.
PART_PREFETCHES = {
    "people": people_with_names(),
    "quotes": Prefetch(
        "quotes",
        Quote.objects.select_related("person__organization", "person__photo").prefetch_related(
            "person__photo__renditions"
        ),
    ),
}
CASE_STUDY_PARTS = (
    "industries",
    "platforms",
    "tags",
    *(PART_PREFETCHES.get(part.related_name, part.related_name) for part in PARTS),
    "organization__logo__renditions",
    "main_picture__renditions",
    "share_image__renditions",
)
PLAY_VIDEO = "play"  # ?video=play: the page with the player instead of the preview


def home(request):
    now = timezone.now()
    everything = Browse({}, now=now)
    featured, latest = featured_and_latest(everything, featured=3, latest=6)
    return render(
        request,
        "kb/home.html",
        {
            "industries": counted(Industry.objects.all(), "industry", everything),
            "featured": featured,
            "latest": latest,
            "feed": feeds.all_case_studies_feed(),
            "invitation": site_invitation(site_call_to_action(everything.index)),
        },
    )


def site_call_to_action(index):
    """The site-wide call to action, read once per state of the knowledge base (`index`, the
    facet index of that state; editing it records a change: kb.web.freshness)."""
    return index.derived.get_or_compute(("call to action",), CallToAction.current)


def featured_and_latest(listing, featured, latest):
    """The cards (HTML) of the newest `featured` featured case studies of `listing`, and of
    the newest `latest` others."""
    featured_ids = featured_newest(listing.index, listing.now, featured)
    newest = listing.newest_first.ids[: latest + len(featured_ids)].tolist()
    latest_ids = [pk for pk in newest if pk not in featured_ids][:latest]
    shown = fragments.cards(featured_ids + latest_ids, listing.index)
    return shown[: len(featured_ids)], shown[len(featured_ids) :]


def render_listing(request, template_context, fixed=None, template="kb/case_study_list.html"):
    selection = selection_of(request.GET)
    listing = Browse(selection.filters, fixed=fixed)
    # A missing or bad page number gives the first page, too large the last.
    cards = fragments.CardPages(listing)
    page = Paginator(cards, settings.CASE_STUDIES_PER_PAGE).get_page(selection.page)
    links = listing_links(request.GET, listing, page, template_context.get("fixed_facet"))
    context = {"listing": listing, "links": links, "page": page, **template_context}
    return render(request, template, context)


def case_study_list(request):
    return render_listing(
        request,
        {
            "heading": "All case studies",
            "lead": "Every published case study, newest first.",
            "feed": feeds.all_case_studies_feed(),
        },
    )


def shown_or_404(group, kind):
    """`group` (an industry, tag, organization or platform visitors can see), or a 404."""
    if group is None:
        raise Http404(f"No {kind} with published case studies at this address.")
    return group


def industry_detail(request, slug):
    industry = shown_or_404(visible_industry(slug), "industry")
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
    tag = shown_or_404(visible_tag(slug), "tag")
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


def group_page(request, kind, group, feed):
    """An organization's or a platform's page (`kind`): it, and its published case studies
    with the other filters. 404 for one with none published (`group` is None)."""
    shown_or_404(group, kind)
    return render_listing(
        request,
        {"heading": group.name, kind: group, "feed": feed(group), "fixed_facet": kind},
        fixed={kind: [group.pk]},
        template=f"kb/{kind}_detail.html",
    )


def organization_detail(request, slug):
    organization = visible_organization(slug)
    return group_page(request, "organization", organization, feeds.organization_feed)


def platform_detail(request, slug):
    return group_page(request, "platform", visible_platform(slug), feeds.platform_feed)


def can_preview(user):
    return user.is_active and user.is_staff and user.has_perm("kb.view_casestudy")


def detail_prefetches():
    """CASE_STUDY_PARTS but the written parts, which come in one query (kb.domain.written_parts)."""
    return [part for part in CASE_STUDY_PARTS if part not in WRITTEN_PART_NAMES]


def case_study_detail(request, slug):
    # The state first: what the page shows is read after it, so it is never older than it.
    index = facet_index.CACHE.current(FACET_SOURCES)  # this process's, as the database stands
    entry = get_object_or_404(CaseStudy.objects.only("status", "publish_at"), slug=slug)
    is_preview = not entry.is_visible
    if is_preview and not can_preview(request.user):
        raise Http404("No case study at this address.")
    playing = request.GET.get("video") == PLAY_VIDEO

    def make():
        return make_story(request, entry.pk, index, is_preview, playing)

    # A preview is always rendered: saving an entry visitors cannot see records no change.
    variant = (request.build_absolute_uri("/"), playing)
    story = make() if is_preview else fragments.story(index, entry.pk, variant, make)
    related = fragments.cards(related_ids(entry.pk, story.shared, 3, index=index), index)
    context = {
        "story": fragments.safe(story),
        "case_study": entry,
        "is_preview": is_preview,
        "related": related,
    }
    response = render(request, "kb/case_study_detail.html", context)
    if story.frame_origin:
        # Only the page the visitor asked to play the video on may frame the player.
        response._csp_update = {"frame-src": [story.frame_origin]}
    return response


def make_story(request, pk, index, is_preview, playing):
    """A case study's page body and head, rendered (kb.web.fragments.Story)."""
    case_study = (
        CaseStudy.objects.select_related("organization__logo", "main_picture", "share_image")
        .prefetch_related(*detail_prefetches())
        .get(pk=pk)
    )
    prefetch_written_parts(case_study)
    video = case_study.video
    playing = playing and video is not None
    quotes = list(case_study.quotes.all())
    context = {
        "case_study": case_study,
        "is_preview": is_preview,
        "pull_quote": quotes[0] if quotes else None,
        "more_quotes": quotes[1:],
        "invitation": invitation_for(case_study, site_call_to_action(index)),
        "video": video,
        "playing_video": playing,
    }
    return fragments.Story(
        title=case_study.page_title,
        description=case_study.page_description,
        head=render_to_string("kb/story/_head.html", context, request),
        body=render_to_string("kb/story/_body.html", context, request),
        shared=shared_labels(case_study),
        frame_origin=video.frame_origin if playing else None,
    )


def shared_labels(case_study):
    """Its labels' ids, by facet, from its prefetched labels (for related case studies)."""
    return {
        "platform": [platform.pk for platform in case_study.platforms.all()],
        "tag": [tag.pk for tag in case_study.tags.all()],
        "industry": [industry.pk for industry in case_study.industries.all()],
    }


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("kb/favicon.svg"))


def not_found(request, exception):
    return render(request, "404.html", status=404)
