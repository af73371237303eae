"""The demo's people, pull quotes, platform descriptions and call to action: from public facts,
never anyone's invented words, and loaded once (editors' changes stay)."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from kb import demo
from kb.domain.calls_to_action import CallToAction
from kb.domain.models import CaseStudy, Platform, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded():
    call_command("load_demo", verbosity=0)


def test_every_demo_story_has_people_and_a_pull_quote_labelled_as_our_summary(client, demo_loaded):
    for entry in demo.CASE_STUDIES:
        story = CaseStudy.objects.get(slug=entry["slug"])
        assert story.people.exists(), entry["slug"]
        soup = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
        caption = soup.select_one(".quote-pull figcaption").get_text(" ", strip=True)
        assert caption.startswith("Our summary"), entry["slug"]
    assert not Quote.objects.filter(person__isnull=False).exists()


def test_demo_platforms_say_what_they_are(client, demo_loaded):
    soup = BeautifulSoup(client.get("/platforms/xen/").content, "html.parser")

    assert "type-1 hypervisor" in soup.select_one(".page-header .lead").get_text()
    assert not Platform.objects.filter(case_studies__isnull=False, description="").exists()


def test_loading_the_demo_again_keeps_what_editors_changed(demo_loaded):
    call_to_action = CallToAction.objects.get()
    call_to_action.text = "Our own words"
    call_to_action.save()
    quote = Quote.objects.first()
    quote.text = "Edited by an editor."
    quote.save()
    xen = Platform.objects.get(slug="xen")
    xen.description = "Edited too."
    xen.save()

    call_command("load_demo", verbosity=0)

    assert CallToAction.objects.get().text == "Our own words"
    assert Quote.objects.get(pk=quote.pk).text == "Edited by an editor."
    assert Quote.objects.filter(case_study=quote.case_study).count() == 1
    assert Platform.objects.get(slug="xen").description == "Edited too."
