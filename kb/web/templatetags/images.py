"""{% picture %}, {% rendition %} and share images: templates ask for what they show.

    {% load images %}
    {% picture case_study.main_picture widths="400,800,1200" crop="16:9" class="hero"
               sizes="(max-width: 600px) 100vw, 600px" loading="lazy" %}
    {% rendition person.photo "fill-96x96" as avatar %}<img src="{{ avatar.url }}" …>
    <meta property="og:image" content="{% share_image_url case_study.share_image %}">

A raster image becomes a <picture>: WebP renditions in a <source srcset>, and an <img> with
renditions in the original's kind (JPEG, or PNG where it is transparent) as the fallback, with
width and height (no layout shift), alt, loading and decoding. An SVG is a plain <img> of the
original with its width and height. Decorative images get alt="". Renditions are made on first
use and stored (kb.domain.images); pages prefetch them, so a page view makes none after the
first and runs no query per image.
"""

import logging
from math import gcd

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()
logger = logging.getLogger(__name__)

SHARE_SPEC = "fill-1200x630|format-jpeg"
DEFAULT_WIDTHS = "400,800,1200"


def parse_widths(widths):
    return sorted({int(width) for width in str(widths).split(",") if width.strip()})


def parse_crop(crop):
    """ "16:9" → (16, 9); empty → None."""
    if not crop:
        return None
    across, down = (int(n) for n in str(crop).split(":"))
    divisor = gcd(across, down)
    return across // divisor, down // divisor


def resize_spec(width, crop):
    if crop is None:
        return f"width-{width}"
    return f"fill-{width}x{round(width * crop[1] / crop[0])}"


def usable_widths(image, widths, crop):
    """The requested widths an image can give without being scaled up (at least one)."""
    largest = image.width
    if crop is not None:
        largest = min(image.width, image.height * crop[0] // crop[1])
    fitting = [width for width in widths if width <= largest]
    return fitting or [min(widths[0], largest)]


def renditions_for(image, widths, crop, output):
    return [image.get_rendition(f"{resize_spec(w, crop)}|format-{output}") for w in widths]


def srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def fallback_format(image):
    return "png" if image.file.name.lower().endswith((".png", ".gif")) else "jpeg"


def attributes(**values):
    """Rendered HTML attributes; None values are left out, "" is kept (alt="")."""
    present = [(name.rstrip("_").replace("_", "-"), value) for name, value in values.items()]
    return format_html_join(
        "", ' {}="{}"', [(name, value) for name, value in present if value is not None]
    )


def img_attributes(image, loading, css_class, **source):
    """An <img>'s attributes: its `source` (src, srcset, sizes, width, height) in that order,
    then the image's alt text, `loading`, asynchronous decoding and the CSS class."""
    return attributes(**source, alt=image.alt, loading=loading, decoding="async", class_=css_class)


@register.simple_tag
def picture(image, widths=DEFAULT_WIDTHS, sizes=None, crop=None, loading="lazy", **extra):
    """A responsive picture of `image`; nothing at all when there is no image."""
    if image is None:
        return ""
    css_class = extra.get("class")
    if image.is_svg:
        return format_html(
            "<img{}>",
            img_attributes(
                image,
                loading,
                css_class,
                src=image.file.url,
                width=image.width,
                height=image.height,
            ),
        )
    crop = parse_crop(crop)
    try:
        chosen = usable_widths(image, parse_widths(widths), crop)
        webp = renditions_for(image, chosen, crop, "webp")
        fallback = renditions_for(image, chosen, crop, fallback_format(image))
    except OSError:
        logger.exception("Cannot make renditions of image %s", image.pk)
        return ""
    largest = fallback[-1]
    sizes = sizes or f"(max-width: {largest.width}px) 100vw, {largest.width}px"
    return format_html(
        '<picture><source type="image/webp"{}><img{}></picture>',
        attributes(srcset=srcset(webp), sizes=sizes),
        img_attributes(
            image,
            loading,
            css_class,
            src=largest.url,
            srcset=srcset(fallback),
            sizes=sizes,
            width=largest.width,
            height=largest.height,
        ),
    )


@register.simple_tag
def rendition(image, spec):
    """One rendition (url, width, height) for hand-written markup; None without an image.
    An SVG is returned as itself: it has a url, a width and a height too."""
    if image is None:
        return None
    if image.is_svg:
        return SvgAsRendition(image)
    try:
        return image.get_rendition(spec)
    except OSError:
        logger.exception("Cannot make rendition %s of image %s", spec, image.pk)
        return None


class SvgAsRendition:
    def __init__(self, image):
        self.url, self.width, self.height = image.file.url, image.width, image.height


def share_image_url(image, request):
    """The absolute address of a 1200 × 630 JPEG of `image`, for og:image; "" without one."""
    if image is None or image.is_svg:
        return ""
    try:
        url = image.get_rendition(SHARE_SPEC).url
    except OSError:
        logger.exception("Cannot make the share image of image %s", image.pk)
        return ""
    return request.build_absolute_uri(url)


@register.simple_tag(takes_context=True, name="share_image_url")
def share_image_url_tag(context, image):
    return share_image_url(image, context["request"])
