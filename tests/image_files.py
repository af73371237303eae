"""Files for the upload tests, made here with Pillow or by hand: nothing copied."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage


def raster_bytes(width=640, height=480, fmt="JPEG", colour=(40, 120, 200), **save):
    picture = PillowImage.new("RGBA" if fmt == "PNG" else "RGB", (width, height), colour)
    for x in range(0, width, 40):  # some detail, so the encoders have something to do
        picture.paste((255, 200, 0), (x, 0, x + 10, height))
    out = io.BytesIO()
    picture.save(out, format=fmt, **save)
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_upload(name="photo.jpg", **kwargs):
    return upload(name, raster_bytes(**kwargs), "image/jpeg")


def png_upload(name="logo.png", **kwargs):
    return upload(name, raster_bytes(fmt="PNG", **kwargs), "image/png")


def jpeg_with_gps():
    """A JPEG whose EXIF names a camera and a place (made-up values)."""
    exif = PillowImage.Exif()
    exif[0x010F] = "Example Camera Maker"  # Make
    exif[0x0110] = "Model 1"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (48.0, 8.0, 30.0)
    gps[3] = "E"
    gps[4] = (11.0, 34.0, 12.0)
    return raster_bytes(fmt="JPEG", exif=exif.tobytes())


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb(width=30_000, height=30_000):
    """A tiny PNG whose header claims 900 million pixels: decoding it would take gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (width + 1) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )


SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">'
    b'<rect width="200" height="80" rx="12" fill="#1d4ed8"/>'
    b'<text x="100" y="52" font-size="36" text-anchor="middle" fill="#fff">KB</text></svg>'
)
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)
SVG_WITH_HANDLER = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10" onclick="alert(1)"/></svg>'
)
SVG_WITH_EXTERNAL_IMAGE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="10" height="10"><image xlink:href="https://tracker.example/pixel.png"/></svg>'
)


def pdf_bytes(title="A white paper"):
    """A one-page PDF written by pypdf."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SVG_ANIMATING_A_LINK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><a href="#x">'
    b'<set attributeName="href" to="javascript:alert(1)"/><rect width="10" height="10"/></a></svg>'
)
