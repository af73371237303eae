"""A story's page as a visitor sees it: hero, key figures, pull quote, people, video, downloads,
call to action, and what search engines and shares read in its head."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PillowImage

from kb.domain.calls_to_action import CallToAction
from kb.domain.links import parse_video, validate_call_to_action_link
from kb.domain.models import CaseStudyPerson, Person, Quote
from tests.builders import case_study, organization
from tests.picture_builders import stored_document, stored_image, stored_svg_logo

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aBcDeFgHiJk"


@pytest.fixture
def story():
    entry = case_study(
        "Cockpit on one chip",
        org="Acme Embedded",
        summary="Cluster and infotainment share one chip.",
        benefits=("Two controllers fewer", "Faster updates"),
        key_facts=(("Controllers saved", "2 per car"), ("Boot time", "under 2 s")),
    )
    return entry


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def with_person_quote(entry):
    photo = stored_image("Portrait", "Portrait of Dana Example", width=600, height=600)
    person = Person.objects.create(
        name="Dana Example",
        job_title="Head of platform software",
        organization=entry.organization,
        photo=photo,
    )
    CaseStudyPerson.objects.create(case_study=entry, person=person, role="interviewee")
    Quote.objects.create(case_study=entry, person=person, text="One chip did the work of two.")
    return person


def test_hero_shows_title_organization_industry_and_first_benefit_as_the_result(client, story):
    soup = soup_of(client.get(story.get_absolute_url()))
    hero = soup.select_one(".story-hero")

    assert hero.h1.get_text() == "Cockpit on one chip"
    assert hero.select_one(".org-chip")["href"] == "/organizations/acme-embedded/"
    assert "Automotive" in hero.select_one(".story-org").get_text()
    assert "Two controllers fewer" in hero.select_one(".story-result").get_text()


def test_key_figures_form_a_band_of_values_with_their_labels(client, story):
    soup = soup_of(client.get(story.get_absolute_url()))
    figures = [
        (figure.dd.get_text(), figure.dt.get_text()) for figure in soup.select(".figures .figure")
    ]

    assert figures == [("2 per car", "Controllers saved"), ("under 2 s", "Boot time")]


def test_pull_quote_names_the_person_their_role_and_shows_their_photo(client, story):
    with_person_quote(story)
    soup = soup_of(client.get(story.get_absolute_url()))
    quote = soup.select_one(".quote-pull")

    assert quote.blockquote.get_text(strip=True) == "One chip did the work of two."
    assert quote.figcaption.strong.get_text() == "Dana Example"
    assert quote.select_one(".quote-role").get_text() == "Head of platform software, Acme Embedded"
    photo = quote.select_one(".quote-photo img")
    assert photo["alt"] == "Portrait of Dana Example" and photo["srcset"]
    people = soup.select_one(".at-a-glance .people").get_text(" ", strip=True)
    assert "Dana Example" in people and "(interviewed)" in people


def test_a_quote_without_a_person_is_labelled_as_our_summary_not_a_quotation(client, story):
    Quote.objects.create(case_study=story, text="Fewer boxes, same safety.")
    soup = soup_of(client.get(story.get_absolute_url()))
    caption = soup.select_one(".quote-pull figcaption").get_text(" ", strip=True)

    assert caption.startswith("Our summary")
    assert "not a quotation" in caption


def test_later_quotes_are_shown_within_the_story(client, story):
    Quote.objects.create(case_study=story, text="First.", position=1)
    Quote.objects.create(case_study=story, text="Second.", position=2)
    soup = soup_of(client.get(story.get_absolute_url()))

    assert soup.select_one(".quote-pull blockquote").get_text(strip=True) == "First."
    assert [q.get_text(strip=True) for q in soup.select(".story-body .quote blockquote")] == [
        "Second."
    ]


# --- Call to action ----------------------------------------------------------------------------


@pytest.fixture
def site_call_to_action():
    return CallToAction.objects.create(
        text="Talk to us about your platform",
        detail="We answer within a day.",
        button_label="Contact us",
        link="/contact/",
    )


def test_site_wide_call_to_action_ends_every_story_and_the_home_page(
    client, story, site_call_to_action
):
    for url in [story.get_absolute_url(), "/"]:
        cta = soup_of(client.get(url)).select_one(".cta")
        assert cta.h2.get_text() == "Talk to us about your platform", url
        assert cta.a["href"] == "/contact/" and cta.a.get_text() == "Contact us", url


def test_a_story_may_ask_something_else_with_its_own_text_and_link(
    client, story, site_call_to_action
):
    story.call_to_action_text = "See your cockpit on one chip"
    story.call_to_action_link = "https://example.com/demo"
    story.save()
    cta = soup_of(client.get(story.get_absolute_url())).select_one(".cta")

    assert cta.h2.get_text() == "See your cockpit on one chip"
    assert cta.a["href"] == "https://example.com/demo"
    home_cta = soup_of(client.get("/")).select_one(".cta")
    assert home_cta.h2.get_text() == "Talk to us about your platform"


def test_without_any_call_to_action_the_page_shows_none(client, story):
    assert soup_of(client.get(story.get_absolute_url())).select_one(".cta") is None


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "//evil.example/", "data:text/html,hi", "ftp://x.example/", "mailto:"],
)
def test_links_a_visitor_cannot_safely_follow_are_refused(link):
    with pytest.raises(ValidationError, match="not a link a visitor can follow"):
        validate_call_to_action_link(link)


@pytest.mark.parametrize(
    "link", ["/contact/", "https://example.com/talk", "mailto:stories@example.org"]
)
def test_pages_of_the_site_web_addresses_and_mail_addresses_are_accepted(link):
    validate_call_to_action_link(link)


# --- Video -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        (YOUTUBE, "YouTube", "aBcDeFgHiJk"),
        ("https://youtu.be/aBcDeFgHiJk?t=10", "YouTube", "aBcDeFgHiJk"),
        ("https://www.youtube.com/embed/aBcDeFgHiJk", "YouTube", "aBcDeFgHiJk"),
        ("https://vimeo.com/123456789", "Vimeo", "123456789"),
        ("https://player.vimeo.com/video/123456789", "Vimeo", "123456789"),
    ],
)
def test_youtube_and_vimeo_addresses_are_recognised(url, provider, video_id):
    video = parse_video(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/watch?v=aBcDeFgHiJk",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com/about",
        "javascript:alert(1)",
    ],
)
def test_other_addresses_are_not_videos(url):
    assert parse_video(url) is None


def test_video_is_a_preview_that_loads_nothing_from_the_video_host(client, story):
    story.video_url = YOUTUBE
    story.save()
    response = client.get(story.get_absolute_url())
    soup = soup_of(response)

    assert soup.find("iframe") is None
    assert soup.select_one(".video-preview")["href"] == "?video=play#video"
    assert "youtube" not in soup.select_one(".video-preview").decode().split("href")[0]
    assert not [img for img in soup.find_all("img") if "youtube" in img.get("src", "")]
    assert "frame-src" not in response["Content-Security-Policy"]


def test_clicking_the_preview_shows_the_player_and_allows_only_its_host(client, story):
    story.video_url = YOUTUBE
    story.save()
    response = client.get(story.get_absolute_url() + "?video=play")
    iframe = soup_of(response).select_one(".video iframe")

    assert iframe["src"].startswith("https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?")
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-src"] == "https://www.youtube-nocookie.com"
    assert policy["script-src"] == "'self'"


def test_asking_to_play_on_a_story_without_video_changes_nothing(client, story):
    response = client.get(story.get_absolute_url() + "?video=play")

    assert soup_of(response).find("iframe") is None
    assert "frame-src" not in response["Content-Security-Policy"]


# --- Downloads ---------------------------------------------------------------------------------


def test_downloads_are_listed_with_title_and_size_and_can_be_fetched(client, story):
    document = stored_document(story)
    link = soup_of(client.get(story.get_absolute_url())).select_one(".downloads a")

    assert "White paper: one chip, two systems" in link.get_text()
    assert f"PDF, {filesizeformat(document.size)}" in link.get_text()
    answer = client.get(link["href"])
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"


# --- Search engines and sharing ----------------------------------------------------------------


def meta(soup, attribute, key):
    found = soup.head.find("meta", attrs={attribute: key})
    return found["content"] if found else None


def test_seo_title_and_description_default_to_title_and_summary(client, story):
    soup = soup_of(client.get(story.get_absolute_url()))

    assert soup.title.get_text().startswith("Cockpit on one chip")
    assert meta(soup, "name", "description") == "Cluster and infotainment share one chip."
    assert meta(soup, "property", "og:title") == "Cockpit on one chip"
    assert meta(soup, "name", "twitter:card") == "summary"
    assert meta(soup, "property", "og:image") is None


def test_seo_title_and_description_replace_them_where_given(client, story):
    story.seo_title = "One chip for cluster and infotainment"
    story.meta_description = "How a cockpit saved two controllers."
    story.save()
    soup = soup_of(client.get(story.get_absolute_url()))

    assert soup.title.get_text().startswith("One chip for cluster and infotainment")
    assert meta(soup, "name", "description") == "How a cockpit saved two controllers."
    assert meta(soup, "property", "og:title") == "One chip for cluster and infotainment"
    assert meta(soup, "name", "twitter:description") == "How a cockpit saved two controllers."
    assert soup.h1.get_text() == "Cockpit on one chip"


def test_main_picture_is_shared_as_a_large_1200_by_630_image_that_resolves(client, story):
    story.main_picture = stored_image()
    story.save()
    soup = soup_of(client.get(story.get_absolute_url()))
    image_url = meta(soup, "property", "og:image")

    assert image_url.startswith("http://testserver/media/")
    assert meta(soup, "name", "twitter:card") == "summary_large_image"
    assert meta(soup, "name", "twitter:image") == image_url
    answer = client.get(image_url.removeprefix("http://testserver"))
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    with PillowImage.open(io.BytesIO(b"".join(answer.streaming_content))) as shared:
        assert shared.size == (1200, 630)


def test_share_image_wins_over_the_main_picture(client, story):
    story.main_picture = stored_image("Main")
    story.share_image = stored_image("Share", width=1300, height=700)
    story.save()
    soup = soup_of(client.get(story.get_absolute_url()))

    assert f"/{story.share_image.pk}-" in meta(soup, "property", "og:image")


def test_json_ld_carries_the_picture_and_the_organizations_logo(client, story):
    story.main_picture = stored_image()
    story.save()
    acme = organization("Acme Embedded")
    acme.logo = stored_svg_logo()
    acme.save()
    soup = soup_of(client.get(story.get_absolute_url()))
    data = json.loads(soup.find("script", type="application/ld+json").string)

    assert data["image"] == [meta(soup, "property", "og:image")]
    about = data["about"][0]
    assert about["@id"] == "http://testserver/organizations/acme-embedded/"
    assert about["logo"].startswith("http://testserver/media/") and about["logo"].endswith(".svg")
    assert data["publisher"]["logo"].endswith(".svg")


# --- Images on the page ------------------------------------------------------------------------


def test_every_image_has_alt_width_height_and_raster_images_a_srcset(client, story):
    story.main_picture = stored_image()
    story.save()
    acme = organization("Acme Embedded")
    acme.logo = stored_svg_logo()
    acme.save()
    with_person_quote(story)
    related = case_study("Another cockpit", org="Acme Embedded")
    related.main_picture = stored_image("Related")
    related.save()

    for url in [story.get_absolute_url(), "/", "/organizations/acme-embedded/"]:
        images = soup_of(client.get(url)).find_all("img")
        assert len(images) >= 2, url
        for img in images:
            assert img.has_attr("alt") and img["width"] and img["height"], (url, img)
            if not img["src"].endswith(".svg"):
                assert img["srcset"], (url, img)


def test_story_page_runs_a_constant_number_of_queries_with_pictures_people_and_quotes(
    client, story, django_assert_max_num_queries, site_call_to_action
):
    story.main_picture = stored_image()
    story.save()
    stored_document(story)
    for number in range(4):
        with_person_quote(story)
        related = case_study(f"Related {number}")
        related.main_picture = stored_image(f"Related {number}")
        related.save()
    client.get(story.get_absolute_url())  # the first view makes the renditions

    # The entry with its organization and pictures, 13 prefetches (parts, people, quotes and
    # their photos, documents, renditions), related entries and their cards, the call to action.
    with django_assert_max_num_queries(26):
        assert client.get(story.get_absolute_url()).status_code == 200
