"""Editors keep people, pull quotes, SEO fields, a video and the call to action in the admin."""

import pytest

from kb.domain.calls_to_action import CallToAction
from kb.domain.models import CaseStudy, Person, Quote
from tests.builders import case_study
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

CTA_LIST = "/admin/kb/calltoaction/"


def change_url(entry):
    return f"/admin/kb/casestudy/{entry.pk}/change/"


def test_editor_adds_a_person_and_a_quote_to_a_case_study(editor_client):
    entry = case_study("Cockpit")
    person = Person.objects.create(name="Dana Example", job_title="Engineer")
    data = form_data(
        editor_client.get(change_url(entry)),
        "casestudy_form",
        **{
            "people-0-person": str(person.pk),
            "people-0-role": "interviewee",
            "quotes-0-text": "One chip did the work of two.",
            "quotes-0-person": str(person.pk),
        },
    )
    response = editor_client.post(change_url(entry), data)

    assert response.status_code == 302
    assert entry.people.get().person == person
    quote = Quote.objects.get(case_study=entry)
    assert (quote.text, quote.person, quote.position) == (
        "One chip did the work of two.",
        person,
        1,
    )


def test_the_inlines_explain_themselves_to_editors(editor_client):
    html = editor_client.get(change_url(case_study())).content.decode()

    assert "People in this story" in html and "Pull quotes" in html
    assert "never invent a quote" in html
    assert "Our summary" in html
    assert "Search engines and sharing" in html and "Call to action" in html


def test_a_bad_video_or_call_to_action_link_is_explained_and_nothing_is_saved(editor_client):
    entry = case_study("Cockpit")
    data = form_data(
        editor_client.get(change_url(entry)),
        "casestudy_form",
        title="Changed title",
        video_url="https://example.com/clip.mp4",
        call_to_action_text="Try it",
        call_to_action_link="javascript:alert(1)",
    )
    response = editor_client.post(change_url(entry), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "not a YouTube or Vimeo video address" in html
    assert "is not a link a visitor can follow" in html
    assert 'value="Changed title"' in html  # what the editor typed is kept
    assert CaseStudy.objects.get(pk=entry.pk).title == "Cockpit"


def test_editor_saves_seo_fields_and_a_video(editor_client):
    entry = case_study("Cockpit")
    data = form_data(
        editor_client.get(change_url(entry)),
        "casestudy_form",
        seo_title="Cockpit on one chip",
        meta_description="How two controllers became one.",
        video_url="https://vimeo.com/123456789",
    )
    assert editor_client.post(change_url(entry), data).status_code == 302

    entry.refresh_from_db()
    assert entry.page_title == "Cockpit on one chip"
    assert entry.video.embed_url.startswith("https://player.vimeo.com/video/123456789")


def test_editors_may_remove_a_quote_while_editing(editor_client):
    entry = case_study("Cockpit")
    quote = Quote.objects.create(case_study=entry, text="Gone soon.", position=1)
    data = form_data(
        editor_client.get(change_url(entry)), "casestudy_form", **{"quotes-0-DELETE": "on"}
    )

    assert editor_client.post(change_url(entry), data).status_code == 302
    assert not Quote.objects.filter(pk=quote.pk).exists()


def test_the_site_wide_call_to_action_is_one_entry_opened_directly(editor_client):
    assert editor_client.get(CTA_LIST)["Location"] == "/admin/kb/calltoaction/add/"
    response = editor_client.post(
        "/admin/kb/calltoaction/add/",
        {
            "text": "Talk to us about your platform",
            "detail": "",
            "button_label": "Contact us",
            "link": "/contact/",
        },
    )
    assert response.status_code == 302
    current = CallToAction.objects.get()
    assert editor_client.get(CTA_LIST)["Location"] == f"/admin/kb/calltoaction/{current.pk}/change/"
    assert editor_client.get("/admin/kb/calltoaction/add/").status_code == 403


def test_a_call_to_action_with_a_script_link_is_refused(editor_client):
    response = editor_client.post(
        "/admin/kb/calltoaction/add/",
        {"text": "Click", "detail": "", "button_label": "Go", "link": "javascript:alert(1)"},
    )

    assert response.status_code == 200
    assert "is not a link a visitor can follow" in response.content.decode()
    assert not CallToAction.objects.exists()


def test_people_list_shows_how_many_case_studies_name_each(editor_client):
    person = Person.objects.create(name="Dana Example")
    for title in ("One", "Two"):
        case_study(title).people.create(person=person, role="quoted")
    html = editor_client.get("/admin/kb/person/").content.decode()

    assert "Dana Example" in html
    assert '<td class="field-case_study_count">2</td>' in html


def test_the_people_picker_lists_people_alphabetically(editor_client):
    for name in ["Zora Late", "Anke Early", "Milo Middle"]:
        Person.objects.create(name=name)
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "kb", "model_name": "quote", "field_name": "person"},
    )

    assert response.status_code == 200
    names = [result["text"] for result in response.json()["results"]]
    assert names == sorted(names) and len(names) == 3
