"""What an uploaded file must be before it is stored: checked by decoding it, never by its name.

Images are opened with Pillow: only JPEG, PNG, GIF and WebP that decode completely, at most
`IMAGE_MAX_BYTES` and `IMAGE_MAX_PIXELS` (a decompression bomb is refused from its header, before
any pixel is decoded). JPEG, PNG and WebP are written again without their metadata, so EXIF
location and camera data never reach the storage. SVG is parsed as XML with defusedxml (no
entities, no external DTDs) and refused if it could run a script or fetch anything. PDFs are
opened with pypdf. Every refusal is a ValidationError an editor can act on.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

RASTER_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
ACCEPTED = "JPEG, PNG, GIF, WebP or SVG"


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed its checks: the bytes to store, under which extension."""

    content: bytes
    extension: str
    width: int = 0
    height: int = 0

    @property
    def digest(self):
        return hashlib.sha256(self.content).hexdigest()


def read_upload(upload, limit, kind):
    """The bytes of an uploaded file, refused above `limit` bytes before anything else."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise too_large(size, limit, kind)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large(len(data), limit, kind)
    return data


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size, limit, kind):
    return ValidationError(
        f"The file is {megabytes(size)}; {kind} may be at most {megabytes(limit)}. "
        "Make it smaller and upload it again.",
        code="too_large",
    )


def file_label(upload):
    name = getattr(upload, "name", "") or "The file"
    return f"\u201c{name.rsplit('/', 1)[-1]}\u201d"


# --- Images ------------------------------------------------------------------------------------


def check_image(upload):
    """A CheckedFile for an uploaded image, or a ValidationError saying why it is refused."""
    data = read_upload(upload, settings.IMAGE_MAX_BYTES, "images")
    if looks_like_svg(data):
        return check_svg(data, upload)
    return check_raster(data, upload)


def check_raster(data, upload):
    not_an_image = ValidationError(
        f"{file_label(upload)} is not an image: upload a {ACCEPTED} file.", code="not_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            picture = PillowImage.open(io.BytesIO(data))
            if picture.format not in RASTER_FORMATS:
                raise not_an_image
            refuse_too_many_pixels(picture.width, picture.height)
            picture.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise not_an_image from error
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning) as error:
        raise bomb_error() from error
    return without_metadata(picture, data)


def refuse_too_many_pixels(width, height):
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise bomb_error(width, height)


def bomb_error(width=None, height=None):
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    size = (
        f"is {width:,} \u00d7 {height:,} pixels"
        if width
        else f"has far more than {limit:g} million pixels"
    )
    return ValidationError(
        f"The image {size}; at most {limit:g} million pixels are accepted (a larger one could "
        "exhaust the server's memory). Scale it down and upload it again.",
        code="too_many_pixels",
    )


def without_metadata(picture, data):
    """The image written again without EXIF and text metadata (location, camera, software);
    turned upright first, since the orientation tag goes with the rest. GIF has no EXIF and
    is kept as it is, animation included."""
    extension = RASTER_FORMATS[picture.format]
    if picture.format == "GIF":
        return CheckedFile(data, extension, picture.width, picture.height)
    upright = ImageOps.exif_transpose(picture)
    options = {"icc_profile": picture.info.get("icc_profile")}
    if picture.format == "JPEG":
        options.update(quality=92, optimize=True)
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
    elif picture.format == "WEBP":
        options.update(quality=92)
    out = io.BytesIO()
    upright.save(out, format=picture.format, **{k: v for k, v in options.items() if v})
    return CheckedFile(out.getvalue(), extension, upright.width, upright.height)


# --- SVG ---------------------------------------------------------------------------------------

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
LINK_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href")
ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)
SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def looks_like_svg(data):
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")


def check_svg(data, upload):
    """SVG is accepted only when it cannot act: no script, no event handler, no link or style
    reaching outside the file. Such an SVG is refused rather than rewritten, so what the editor
    sees in the admin is exactly what visitors get."""
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise ValidationError(
            f"{file_label(upload)} is not an image: it is neither a picture nor a valid SVG.",
            code="not_image",
        ) from error
    if root.tag not in (f"{SVG_NAMESPACE}svg", "svg"):
        raise ValidationError(
            f"{file_label(upload)} is not an SVG image: upload a {ACCEPTED} file.",
            code="not_image",
        )
    for element in root.iter():
        refuse_active_svg_element(element)
    width, height = svg_size(root)
    return CheckedFile(data, "svg", width, height)


def refuse_active_svg_element(element):
    name = element.tag.rsplit("}", 1)[-1]
    reasons = []
    if name in ACTIVE_ELEMENTS:
        reasons.append(f"a <{name}> element")
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            reasons.append(f"an event handler ({local})")
        elif attribute in LINK_ATTRIBUTES and not value.strip().startswith("#"):
            reasons.append("a link to another file")
        elif EXTERNAL_URL.search(value):
            reasons.append("a reference to another file")
        elif SCRIPT_URL.search(value) or (local == "attributename" and "href" in value.lower()):
            reasons.append("a script address")
    if name == "style" and (
        EXTERNAL_URL.search(element.text or "") or "@import" in (element.text or "")
    ):
        reasons.append("a style sheet loading another file")
    if reasons:
        raise ValidationError(
            f"This SVG contains {reasons[0]}; SVGs with scripts, event handlers or references "
            "to other files are refused. Export it again as a plain drawing.",
            code="unsafe_svg",
        )


def svg_size(root):
    """Width and height in CSS pixels: the width and height attributes, else the viewBox."""
    width, height = (SVG_LENGTH.match(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    try:
        _, _, box_width, box_height = (
            float(n) for n in root.get("viewBox", "").replace(",", " ").split()
        )
    except ValueError:
        return 300, 150  # what browsers assume for an SVG with no size
    return round(box_width), round(box_height)


# --- PDF ---------------------------------------------------------------------------------------


def check_pdf(upload):
    """A CheckedFile for an uploaded PDF: it must start like one and pypdf must read its pages."""
    data = read_upload(upload, settings.DOCUMENT_MAX_BYTES, "documents")
    not_a_pdf = ValidationError(
        f"{file_label(upload)} is not a PDF document: upload a PDF (white paper, slides).",
        code="not_pdf",
    )
    if not data.lstrip()[:5] == b"%PDF-":
        raise not_a_pdf
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) < 1:
            raise not_a_pdf
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise not_a_pdf from error
    return CheckedFile(data, "pdf")
