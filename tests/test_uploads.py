"""Uploads: only real images and PDFs are stored, and nothing private travels with them."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PillowImage

from kb.domain import uploads
from tests.image_files import (
    SVG_ANIMATING_A_LINK,
    SVG_LOGO,
    SVG_WITH_EXTERNAL_IMAGE,
    SVG_WITH_HANDLER,
    SVG_WITH_SCRIPT,
    decompression_bomb,
    jpeg_upload,
    jpeg_with_gps,
    pdf_bytes,
    png_upload,
    raster_bytes,
    upload,
)


def refusal(check, file):
    with pytest.raises(ValidationError) as caught:
        check(file)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("notes.png", b"Just some text, not a picture at all.\n" * 20, "not_image", "not an image"),
        ("page.jpg", b"<!doctype html><html><body><h1>Hi</h1></body></html>", "not_image", "not"),
        ("bomb.png", decompression_bomb(), "too_many_pixels", "million pixels"),
        ("logo.svg", SVG_WITH_SCRIPT, "unsafe_svg", "<script>"),
        ("logo.svg", SVG_WITH_HANDLER, "unsafe_svg", "event handler"),
        ("logo.svg", SVG_WITH_EXTERNAL_IMAGE, "unsafe_svg", "link to another file"),
        ("logo.svg", SVG_ANIMATING_A_LINK, "unsafe_svg", "a script address"),
        ("truncated.jpg", raster_bytes()[:2000], "not_image", "not an image"),
    ],
)
def test_bad_images_are_refused_with_a_reason(name, content, code, words):
    error = refusal(uploads.check_image, upload(name, content))
    assert error.code == code
    assert words in error.message


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [(9_000, 5_000, "is 9,000 \u00d7 5,000 pixels"), (30_000, 30_000, "far more than 40 million")],
)
def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded(width, height, size):
    bomb = upload("bomb.png", decompression_bomb(width, height))
    error = refusal(uploads.check_image, bomb)
    assert size in error.message
    assert "at most 40 million pixels" in error.message


def test_an_image_over_10_mb_is_refused():
    noise = PillowImage.frombytes("RGB", (2048, 2048), os.urandom(2048 * 2048 * 3))
    out = io.BytesIO()
    noise.save(out, format="PNG", compress_level=0)
    assert out.tell() > 12 * 1024 * 1024
    error = refusal(uploads.check_image, upload("huge.png", out.getvalue()))
    assert error.code == "too_large"
    assert "12.0 MB" in error.message
    assert "at most 10.0 MB" in error.message


def test_html_named_jpg_is_named_in_the_message():
    error = refusal(uploads.check_image, upload("page.jpg", b"<html><body>x</body></html>"))
    assert "\u201cpage.jpg\u201d" in error.message


def test_gps_and_camera_data_are_removed_from_a_stored_jpeg():
    original = jpeg_with_gps()
    assert PillowImage.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # it had GPS

    checked = uploads.check_image(upload("holiday.jpg", original))

    stored = PillowImage.open(io.BytesIO(checked.content))
    assert stored.format == "JPEG"
    exif = stored.getexif()
    assert not exif.get_ifd(0x8825)
    assert 0x010F not in exif and 0x0110 not in exif
    assert b"Example Camera Maker" not in checked.content
    assert (checked.width, checked.height) == (640, 480)


def test_good_images_pass_with_their_size():
    assert uploads.check_image(jpeg_upload(width=300, height=200)).extension == "jpg"
    png = uploads.check_image(png_upload(width=120, height=60))
    assert (png.extension, png.width, png.height) == ("png", 120, 60)
    svg = uploads.check_image(upload("logo.svg", SVG_LOGO))
    assert (svg.extension, svg.width, svg.height) == ("svg", 200, 80)


def test_an_svg_sized_only_by_its_viewbox_gets_that_size():
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect/></svg>'
    assert uploads.check_image(upload("mark.svg", drawing)).width == 120


def test_an_svg_with_an_entity_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
    )
    assert refusal(uploads.check_image, upload("bomb.svg", bomb)).code == "not_image"


def test_a_pdf_passes_and_a_fake_one_is_refused():
    assert uploads.check_pdf(upload("paper.pdf", pdf_bytes())).extension == "pdf"
    for fake in (b"%PDF-1.7 but nothing after", b"Plain text pretending.", raster_bytes()):
        error = refusal(uploads.check_pdf, upload("paper.pdf", fake))
        assert error.code == "not_pdf"
        assert "\u201cpaper.pdf\u201d is not a PDF document" in error.message
