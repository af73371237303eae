"""Editors (not superusers) upload images and PDFs in the admin and pick them by name."""

import re

import pytest
from bs4 import BeautifulSoup

from kb.domain import uploads
from kb.domain.models import CaseStudy, Document, Image, Organization, Person, Rendition
from tests.builders import organization
from tests.image_files import SVG_WITH_SCRIPT, jpeg_upload, pdf_bytes, upload
from tests.test_admin import case_study_form

pytestmark = pytest.mark.django_db

IMAGE_ADD = "/admin/kb/image/add/"


def image_named(title, alt_text="A test picture"):
    image = Image(title=title, alt_text=alt_text)
    image.set_file(uploads.check_image(jpeg_upload(width=800, height=500)), "p.jpg")
    image.save()
    return image


def thumbnails(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select("img.kb-thumbnail")


def test_editor_uploads_an_image_and_sees_its_thumbnail(editor_client):
    response = editor_client.post(
        IMAGE_ADD,
        {
            "file": jpeg_upload("site-visit.jpg", width=1200, height=800),
            "title": "",
            "alt_text": "Engineers at a test bench",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    image = Image.objects.get()
    assert image.title == "site-visit"
    assert (image.width, image.height) == (1200, 800)
    assert image.file.name.startswith("images/site-visit-")

    listing = editor_client.get("/admin/kb/image/")
    [thumbnail] = thumbnails(listing)
    assert thumbnail["alt"] == "Engineers at a test bench"
    assert int(thumbnail["width"]) <= 160 and int(thumbnail["height"]) <= 160
    assert editor_client.get(thumbnail["src"]).status_code == 200

    form = editor_client.get(f"/admin/kb/image/{image.pk}/change/")
    [preview] = thumbnails(form)
    assert int(preview["width"]) == 480


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("logo.png", b"not a picture, only words"), "is not an image"),
        (upload("logo.svg", SVG_WITH_SCRIPT), "SVGs with scripts"),
    ],
)
def test_a_refused_file_is_explained_and_the_form_keeps_what_was_typed(
    editor_client, file, message
):
    response = editor_client.post(
        IMAGE_ADD,
        {"file": file, "title": "Partner logo", "alt_text": "The partner's logo, in blue"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "title"})["value"] == "Partner logo"
    assert soup.find("input", {"name": "alt_text"})["value"] == "The partner's logo, in blue"
    assert not Image.objects.exists()


def test_an_upload_too_large_to_receive_is_explained_and_the_form_kept(editor_client):
    huge = upload("poster.png", b"\x89PNG\r\n\x1a\n" + bytes(22 * 1024 * 1024))
    response = editor_client.post(
        IMAGE_ADD, {"file": huge, "title": "Poster", "alt_text": "The event poster"}
    )
    assert response.status_code == 200
    assert "The upload was over 21 MB, so the file was not received" in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "alt_text"})["value"] == "The event poster"
    assert not Image.objects.exists()


def test_an_image_needs_alt_text_or_to_be_marked_decorative(editor_client):
    response = editor_client.post(IMAGE_ADD, {"file": jpeg_upload(), "title": "Stripes"})
    assert response.status_code == 200
    assert "alt text" in response.context["adminform"].form.errors["alt_text"][0]
    response = editor_client.post(
        IMAGE_ADD, {"file": jpeg_upload(), "title": "Stripes", "decorative": "on"}
    )
    assert response.status_code == 302
    assert Image.objects.get().alt == ""


def test_replacing_the_file_keeps_the_image_and_renews_its_renditions(editor_client):
    image = image_named("Team photo")
    old = image.get_rendition("width-400|format-webp")
    response = editor_client.post(
        f"/admin/kb/image/{image.pk}/change/",
        {
            "file": jpeg_upload("new.jpg", width=900, height=900),
            "title": "Team photo",
            "alt_text": "The team",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (900, 900)
    assert not Rendition.objects.filter(pk=old.pk).exists()


def test_editor_picks_a_logo_by_name_or_uploads_one_from_the_organization(editor_client):
    company = organization("Example Motors")
    logo = image_named("Example Motors logo")
    image_named("Something else")
    page = editor_client.get(f"/admin/kb/organization/{company.pk}/change/")
    soup = BeautifulSoup(page.content, "html.parser")
    picker = soup.find("select", {"name": "logo"})
    assert "admin-autocomplete" in picker["class"]
    assert soup.find("a", id="add_id_logo")["href"].startswith("/admin/kb/image/add/")

    found = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "kb", "model_name": "organization", "field_name": "logo", "term": "motors"},
    ).json()
    assert [result["text"] for result in found["results"]] == ["Example Motors logo"]

    data = {
        "name": company.name,
        "slug": company.slug,
        "website": "",
        "description": "",
        "logo": str(logo.pk),
    }
    assert (
        editor_client.post(f"/admin/kb/organization/{company.pk}/change/", data).status_code == 302
    )
    assert Organization.objects.get(pk=company.pk).logo == logo
    form = editor_client.get(f"/admin/kb/organization/{company.pk}/change/")
    assert [img["alt"] for img in thumbnails(form)] == ["A test picture"]
    assert len(thumbnails(editor_client.get("/admin/kb/organization/"))) == 1


def test_people_have_a_photo_picked_the_same_way(editor_client):
    photo = image_named("Portrait of A. Example")
    Person.objects.create(name="A. Example", job_title="Platform lead", photo=photo)
    listing = editor_client.get("/admin/kb/person/")
    assert [img["alt"] for img in thumbnails(listing)] == ["A test picture"]
    page = editor_client.get(f"/admin/kb/person/{Person.objects.get().pk}/change/")
    assert (
        "admin-autocomplete"
        in BeautifulSoup(page.content, "html.parser").find("select", {"name": "photo"})["class"]
    )


def test_editor_gives_a_case_study_its_pictures_and_a_pdf(editor_client):
    picture = image_named("Cockpit")
    data = case_study_form(
        main_picture=str(picture.pk),
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-order": "",
            "documents-0-title": "White paper",
            "documents-0-file": upload("paper.pdf", pdf_bytes()),
        },
    )
    response = editor_client.post("/admin/kb/casestudy/add/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entry = CaseStudy.objects.get()
    assert entry.main_picture == picture
    form = editor_client.get(f"/admin/kb/casestudy/{entry.pk}/change/")
    assert "Main picture" in form.content.decode()
    assert len(thumbnails(form)) == 1
    document = Document.objects.get()
    assert (document.case_study, document.title, document.position) == (entry, "White paper", 1)
    assert document.size == len(pdf_bytes())
    assert document.file.name.endswith("/paper.pdf")


def test_a_fake_pdf_is_refused_and_the_case_study_form_keeps_its_text(editor_client):
    data = case_study_form(
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-order": "",
            "documents-0-title": "Slides",
            "documents-0-file": upload("slides.pdf", b"<html>not a pdf</html>"),
        },
    )
    response = editor_client.post("/admin/kb/casestudy/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "\u201cslides.pdf\u201d is not a PDF document" in html
    assert re.search(r'name="title"[^>]*value="Cockpit consolidation at Example Motors"', html)
    assert not CaseStudy.objects.exists()
