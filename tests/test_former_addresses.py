"""Defect 14: renaming a slug keeps every address already shared working, with a 301."""

import pytest
from taggit.models import Tag

from kb.domain.addresses import renamed_to
from kb.domain.models import CaseStudy, Industry, Organization, Platform
from tests.builders import case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return case_study("Cockpit on Xen", industries=["Automotive"], tags=["GPU sharing"])


def rename(thing, slug):
    thing.slug = slug
    thing.save()


def assert_moved(client, old, new):
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_a_renamed_case_study(client, entry):
    old = entry.get_absolute_url()
    rename(entry, "cockpit-consolidation")
    assert_moved(client, old, "/case-studies/cockpit-consolidation/")


def test_a_renamed_industry_page_and_feed(client, entry):
    rename(Industry.objects.get(slug="automotive"), "cars")
    assert_moved(client, "/industries/automotive/", "/industries/cars/")
    assert_moved(client, "/feeds/industries/automotive.atom", "/feeds/industries/cars.atom")


def test_a_renamed_tag_page_and_feed(client, entry):
    rename(Tag.objects.get(name="GPU sharing"), "gpu")
    assert_moved(client, "/tags/gpu-sharing/", "/tags/gpu/")
    assert_moved(client, "/feeds/tags/gpu-sharing.atom", "/feeds/tags/gpu.atom")


def test_renamed_twice_both_old_addresses_lead_to_the_page(client, entry):
    old = entry.get_absolute_url()
    rename(entry, "second-name")
    rename(entry, "third-name")
    assert_moved(client, old, "/case-studies/third-name/")
    assert_moved(client, "/case-studies/second-name/", "/case-studies/third-name/")


def test_the_query_string_is_kept(client, entry):
    rename(Industry.objects.get(slug="automotive"), "cars")
    response = client.get("/industries/automotive/", {"platform": "xen"})
    assert response["Location"] == "/industries/cars/?platform=xen"


def test_a_slug_taken_by_something_else_is_its_page(client, entry):
    old_slug = entry.slug
    rename(entry, "moved-away")
    newcomer = case_study("Newcomer")
    rename(newcomer, old_slug)
    response = client.get(f"/case-studies/{old_slug}/")
    assert response.status_code == 200
    assert "Newcomer" in response.content.decode()


def test_renaming_back_stops_the_redirect(client, entry):
    old_slug = entry.slug
    rename(entry, "elsewhere")
    rename(entry, old_slug)
    assert client.get(f"/case-studies/{old_slug}/").status_code == 200
    assert_moved(client, "/case-studies/elsewhere/", f"/case-studies/{old_slug}/")


def test_a_draft_renamed_is_not_revealed(client, entry):
    draft = case_study("Secret draft", status=CaseStudy.Status.DRAFT)
    old = f"/case-studies/{draft.slug}/"
    rename(draft, "secret-new-name")
    response = client.get(old)
    assert response.status_code == 404
    assert b"secret-new-name" not in response.content


def test_the_admin_rename_of_an_organization_is_remembered(editor_client, entry):
    org = Organization.objects.get()
    response = editor_client.post(
        f"/admin/kb/organization/{org.pk}/change/",
        {"name": org.name, "slug": "renamed-org", "website": "", "description": ""},
    )
    assert response.status_code == 302
    assert renamed_to(Organization, "acme-embedded") == org


def test_unknown_addresses_stay_404(client, entry):
    assert client.get("/case-studies/never-existed/").status_code == 404
    assert client.get("/no/such/page/").status_code == 404


def test_renamed_organization_and_platform_pages_and_feeds(client, entry):
    rename(Organization.objects.get(), "acme")
    assert_moved(client, "/organizations/acme-embedded/", "/organizations/acme/")
    assert_moved(
        client, "/feeds/organizations/acme-embedded.atom", "/feeds/organizations/acme.atom"
    )
    rename(Platform.objects.get(slug="xen"), "xen-hypervisor")
    assert_moved(client, "/platforms/xen/", "/platforms/xen-hypervisor/")
    assert_moved(client, "/feeds/platforms/xen.atom", "/feeds/platforms/xen-hypervisor.atom")
