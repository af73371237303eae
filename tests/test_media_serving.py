"""Uploaded files and renditions served by the application: right type, nosniff, cached."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kb.domain import uploads
from kb.domain.models import Image
from tests.image_files import SVG_LOGO, jpeg_upload, upload

pytestmark = pytest.mark.django_db


def stored(file):
    image = Image(title="t", alt_text="Something")
    image.set_file(uploads.check_image(file), file.name)
    image.save()
    return image


def body(response):
    return b"".join(response.streaming_content)


def test_an_original_and_its_renditions_are_served_with_their_type(client):
    image = stored(jpeg_upload(width=900, height=600))
    for url, content_type in [
        (image.file.url, "image/jpeg"),
        (image.get_rendition("width-400|format-webp").url, "image/webp"),
        (image.get_rendition("fill-200x200|format-png").url, "image/png"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert body(response)[:4] in (b"\xff\xd8\xff\xe0", b"RIFF", b"\x89PNG")


def test_an_svg_is_served_as_svg_that_can_run_nothing(client):
    logo = stored(upload("logo.svg", SVG_LOGO))
    response = client.get(logo.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert body(response) == SVG_LOGO


def test_a_pdf_is_served_inline_with_a_shorter_cache(client):
    name = default_storage.save("documents/abc/white-paper.pdf", ContentFile(b"%PDF-1.4 ..."))
    response = client.get(f"/media/{name}")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="white-paper.pdf"'
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/nothing-here.jpg",
        "/media/images/../../kb.sqlite3",
        "/media/images/%2e%2e/%2e%2e/settings.py",
        "/media/images/notes.txt",
        "/media/other/file.png",
        "/media/images/",
    ],
)
def test_anything_else_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_files_outside_the_served_kinds_are_not_served_even_if_stored(client):
    name = default_storage.save("images/page.html", ContentFile(b"<script>alert(1)</script>"))
    assert client.get(f"/media/{name}").status_code == 404
