"""The demo pages with their pictures: every image is described, sized and actually there."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb import demo
from kb.domain import uploads
from kb.domain.models import CaseStudy, Image, Organization, Person, Rendition
from tests.builders import case_study
from tests.image_files import jpeg_upload

pytestmark = pytest.mark.django_db

STORY = "/case-studies/globallogic-nautilus-xen-automotive-virtualization/"


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def demo_pages():
    return [
        "/",
        "/case-studies/",
        "/industries/automotive/",
        *[f"/case-studies/{entry['slug']}/" for entry in demo.CASE_STUDIES],
        *[f"/organizations/{slug}/" for _, slug, *_ in demo.ORGANIZATIONS],
    ]


def image_urls(soup):
    for img in soup.find_all("img"):
        yield img["src"]
        yield from srcset_urls(img.get("srcset", ""))
    for source in soup.find_all("source"):
        yield from srcset_urls(source.get("srcset", ""))


def srcset_urls(srcset):
    return [entry.strip().split(" ")[0] for entry in srcset.split(",") if entry.strip()]


def local(url):
    return url.removeprefix("http://testserver")


def test_demo_pages_images_are_described_sized_served_and_made_once(client, demo_site):
    seen = set()
    for page in demo_pages():
        response = client.get(page)
        assert response.status_code == 200, page
        soup = BeautifulSoup(response.content, "html.parser")
        images = soup.find_all("img")
        assert images, f"{page} shows no image"
        for img in images:
            assert img.has_attr("alt"), (page, img)
            assert img.get("width", "").isdigit() and img.get("height", "").isdigit(), (page, img)
            if not img["src"].endswith(".svg"):
                assert img.get("srcset"), (page, img)
        seen.update(image_urls(soup))
    for url in seen:
        response = client.get(local(url))
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/"), url

    og_image_resolves(client)
    second_view_makes_no_rendition(client)


def og_image_resolves(client):
    """og:image is a 1200 × 630 JPEG that answers."""
    soup = BeautifulSoup(client.get(STORY).content, "html.parser")
    og_image = soup.find("meta", property="og:image")["content"]
    assert og_image.startswith("http://testserver/media/")
    response = client.get(local(og_image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def second_view_makes_no_rendition(client):
    for page in ("/", STORY):
        client.get(page)
        made = Rendition.objects.count()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        assert Rendition.objects.count() == made
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
        assert not [sql for sql in writes if "rendition" in sql.lower()], page


def test_demo_pictures_are_drawn_once_and_editors_choices_stand(demo_site):
    pictures = Image.objects.count()
    assert pictures == (
        len(demo.ORGANIZATIONS)
        + len(demo.CASE_STUDIES)
        + Person.objects.filter(photo__isnull=False).count()
    )
    assert all(o.logo_id for o in Organization.objects.all())
    assert all(c.main_picture_id for c in CaseStudy.objects.all())

    story = CaseStudy.objects.get(slug=STORY.split("/")[2])
    story.main_picture = None
    story.save()
    company = Organization.objects.get(slug="globallogic")
    company.logo = Image.objects.get(title="Demo: EPAM Systems logo")
    company.save()

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Image.objects.count() == pictures
    assert CaseStudy.objects.get(pk=story.pk).main_picture is None
    assert Organization.objects.get(pk=company.pk).logo.title == "Demo: EPAM Systems logo"


def test_demo_pictures_are_the_same_every_time():
    from kb.demo_pictures import avatar_jpeg, illustration_jpeg, monogram_svg

    assert monogram_svg("GlobalLogic") == monogram_svg("GlobalLogic")
    assert illustration_jpeg("x", ("#000000", "#ffffff", "#808080")) == illustration_jpeg(
        "x", ("#000000", "#ffffff", "#808080")
    )
    assert avatar_jpeg("A. Example") == avatar_jpeg("A. Example")


def test_visitors_see_a_changed_picture_at_once_even_with_pages_cached(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    entry = case_study("Pictured entry")
    image = Image(title="Entry picture", alt_text="First description")
    image.set_file(uploads.check_image(jpeg_upload(width=800, height=450)), "entry.jpg")
    image.save()
    entry.main_picture = image
    entry.save()
    url = entry.get_absolute_url()
    assert "First description" in client.get(url).content.decode()

    image.alt_text = "Second description"
    image.set_file(uploads.check_image(jpeg_upload(width=900, height=500)), "entry.jpg")
    image.save()

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    hero = soup.find("img", alt="Second description")
    assert hero is not None
    assert client.get(hero["src"]).status_code == 200
