"""Renditions: the {% picture %} markup, made once and stored, crops that keep the focal point."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.test import RequestFactory
from PIL import Image as PillowImage

from kb.domain import renditions, uploads
from kb.domain.models import Image, Rendition
from kb.web.templatetags.images import share_image_url
from tests.image_files import SVG_LOGO, jpeg_upload, png_upload, upload

pytestmark = pytest.mark.django_db


def stored_image(file=None, **fields):
    file = file or jpeg_upload(width=1600, height=1000)
    image = Image(title="Test picture", alt_text=fields.pop("alt_text", "Blue and gold stripes"))
    for name, value in fields.items():
        setattr(image, name, value)
    image.set_file(uploads.check_image(file), file.name)
    image.save()
    return image


def render(source, **context):
    return Template("{% load images %}" + source).render(Context(context))


def attribute(html, tag, name):
    match = re.search(rf"<{tag}\b[^>]*\s{name}=\"([^\"]*)\"", html)
    return match and match[1]


def test_picture_gives_webp_sources_and_a_sized_fallback():
    image = stored_image()
    html = render(
        '{% picture image widths="400,800,1200" sizes="(max-width: 600px) 100vw, 600px" '
        'crop="16:9" loading="lazy" class="hero" %}',
        image=image,
    )
    assert html.startswith("<picture><source")
    assert attribute(html, "source", "type") == "image/webp"
    webp = attribute(html, "source", "srcset").split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in webp] == ["400w", "800w", "1200w"]
    assert all(entry.split(" ")[0].endswith(".webp") for entry in webp)
    fallback = attribute(html, "img", "srcset").split(", ")
    assert all(entry.split(" ")[0].endswith(".jpg") for entry in fallback)
    assert attribute(html, "img", "width") == "1200"
    assert attribute(html, "img", "height") == "675"
    assert attribute(html, "img", "alt") == "Blue and gold stripes"
    assert attribute(html, "img", "sizes") == "(max-width: 600px) 100vw, 600px"
    assert attribute(html, "img", "loading") == "lazy"
    assert attribute(html, "img", "decoding") == "async"
    assert attribute(html, "img", "class") == "hero"


def test_rendition_files_have_the_size_they_claim():
    image = stored_image()
    render('{% picture image widths="400,800" crop="16:9" %}', image=image)
    for rendition in Rendition.objects.filter(image=image):
        with default_storage.open(rendition.file.name) as stored:
            picture = PillowImage.open(stored)
            assert picture.size == (rendition.width, rendition.height)
            assert picture.format == ("WEBP" if rendition.spec.endswith("webp") else "JPEG")


def test_images_are_never_scaled_up():
    image = stored_image(jpeg_upload(width=500, height=300))
    html = render('{% picture image widths="400,800,1200" %}', image=image)
    widths = [entry.rsplit(" ", 1)[1] for entry in attribute(html, "img", "srcset").split(", ")]
    assert widths == ["400w"]
    html = render('{% picture image widths="800,1200" %}', image=image)
    assert attribute(html, "img", "width") == "500"


def test_a_transparent_png_falls_back_to_png():
    image = stored_image(png_upload(width=900, height=300))
    html = render('{% picture image widths="400" %}', image=image)
    assert attribute(html, "img", "src").endswith(".png")


def test_renditions_are_made_once_and_reused():
    image = stored_image()
    tag = '{% picture image widths="400,800" crop="1:1" %}'
    first = render(tag, image=image)
    assert Rendition.objects.count() == 4
    again = Image.objects.with_renditions().get(pk=image.pk)
    stored_before = set(Rendition.objects.values_list("pk", "file"))
    assert render(tag, image=again) == first
    assert set(Rendition.objects.values_list("pk", "file")) == stored_before


def test_prefetched_renditions_cost_no_query(django_assert_num_queries):
    image = stored_image()
    render('{% picture image widths="400,800" %}', image=image)
    images = list(Image.objects.with_renditions())
    with django_assert_num_queries(0):
        for each in images:
            render('{% picture image widths="400,800" %}', image=each)


def test_decorative_images_get_an_empty_alt():
    image = stored_image(alt_text="", decorative=True)
    html = render("{% picture image %}", image=image)
    assert re.search(r'<img [^>]*alt=""', html)


def test_svg_is_a_plain_img_with_its_size():
    logo = stored_image(upload("logo.svg", SVG_LOGO), alt_text="KB logo")
    html = render('{% picture logo widths="200" class="logo" %}', logo=logo)
    assert html.startswith("<img ")
    assert attribute(html, "img", "src").endswith(".svg")
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("200", "80")
    assert attribute(html, "img", "alt") == "KB logo"
    assert "srcset" not in html
    assert Rendition.objects.count() == 0


def test_no_image_renders_nothing():
    assert render("{% picture image %}", image=None) == ""


def test_a_missing_file_renders_nothing_rather_than_failing():
    image = stored_image()
    default_storage.delete(image.file.name)
    assert render("{% picture image %}", image=image) == ""


def test_rendition_tag_for_hand_written_markup():
    image = stored_image()
    html = render(
        '{% rendition image "fill-96x96" as avatar %}{{ avatar.url }} {{ avatar.width }}',
        image=image,
    )
    url, width = html.split()
    assert url.startswith("/media/images/renditions/") and width == "96"


def test_share_image_is_an_absolute_1200_by_630_jpeg():
    image = stored_image(jpeg_upload(width=2000, height=1400))
    url = share_image_url(image, RequestFactory().get("/"))
    assert url.startswith("http://testserver/media/images/renditions/")
    rendition = Rendition.objects.get(image=image)
    assert (rendition.width, rendition.height) == (1200, 630)
    assert url.endswith(".jpg")
    assert share_image_url(None, RequestFactory().get("/")) == ""


def test_a_crop_keeps_the_focal_point_in_view():
    # Left half red, right half blue: a square crop centred on the right keeps only blue.
    picture = PillowImage.new("RGB", (1600, 800), "red")
    picture.paste("blue", (800, 0, 1600, 800))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    image = stored_image(upload("halves.png", out.getvalue()), focal_point_x=0.9, focal_point_y=0.5)
    rendition = image.get_rendition("fill-200x200|format-png")
    with default_storage.open(rendition.file.name) as stored:
        cropped = PillowImage.open(stored).convert("RGB")
        assert cropped.getpixel((5, 100)) == (0, 0, 255)
        assert cropped.getpixel((195, 100)) == (0, 0, 255)


def test_changing_the_focal_point_makes_new_renditions_under_new_names():
    image = stored_image()
    old = image.get_rendition("fill-300x300|format-webp")
    image.focal_point_x, image.focal_point_y = 0.1, 0.1
    image.save()
    assert not Rendition.objects.filter(pk=old.pk).exists()
    new = Image.objects.get(pk=image.pk).get_rendition("fill-300x300|format-webp")
    assert new.file.name != old.file.name


def test_crop_box_is_centred_on_the_focal_point_and_kept_inside():
    assert renditions.crop_box(1600, 800, 1, 1, focal=(0.5, 0.5)) == (400, 0, 1200, 800)
    assert renditions.crop_box(1600, 800, 1, 1, focal=(0.95, 0.5)) == (800, 0, 1600, 800)
    assert renditions.crop_box(1600, 800, 1, 1, focal=(0.0, 0.5)) == (0, 0, 800, 800)


@pytest.mark.parametrize("spec", ["width-0", "fill-10", "blur-3", "format-tiff", "width-99999"])
def test_a_mistyped_spec_fails_loudly(spec):
    with pytest.raises(renditions.InvalidSpec):
        renditions.parse_spec(spec)


def test_deleting_an_image_removes_its_files_once_committed(django_capture_on_commit_callbacks):
    image = stored_image()
    rendition = image.get_rendition("width-400|format-webp")
    names = [image.file.name, rendition.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Rendition.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_replaced_original_is_removed_once_committed(django_capture_on_commit_callbacks):
    image = stored_image()
    old_name = image.file.name
    image.set_file(uploads.check_image(jpeg_upload(width=700, height=700)), "new.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert not default_storage.exists(old_name)
    assert default_storage.exists(image.file.name)
