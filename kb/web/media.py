"""Uploaded files and renditions, served by the application itself (`/media/…`).

Enough for `make serve` on one machine: every stored name carries a digest of its content, so
images are cached for a year and never revalidated. Only the kinds the site stores are served,
each with its own content type (never guessed from the content: `nosniff` is on for every
response). A CDN or web server in front can take over the same addresses (see the README);
with S3-compatible storage, pages link the bucket or its CDN directly and this view is unused.
"""

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from kb.storage import LONG_CACHE

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}
# An SVG opened on its own is a document: it may draw, never run or fetch anything.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
DOCUMENT_CACHE = "public, max-age=86400"


def serve_media(request, name):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES or not name.startswith(("images/", "documents/")):
        raise Http404("No such file.")
    try:
        stored = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation, OSError) as error:
        raise Http404("No such file.") from error
    response = FileResponse(stored, content_type=CONTENT_TYPES[extension])
    if extension == "pdf":
        response["Content-Disposition"] = f'inline; filename="{name.rsplit("/", 1)[-1]}"'
        response["Cache-Control"] = DOCUMENT_CACHE
    else:
        response["Cache-Control"] = LONG_CACHE
    if extension == "svg":
        response["Content-Security-Policy"] = SVG_POLICY
    return response
