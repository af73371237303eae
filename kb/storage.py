"""Where uploaded files and renditions are kept, chosen by environment variables.

DJANGO_MEDIA_ROOT        folder for uploads on the local filesystem (default: var/media).
DJANGO_S3_BUCKET         when set, files go to this bucket of an S3-compatible object store
                         through django-storages instead.
DJANGO_S3_ENDPOINT_URL   the store's address for anything but AWS (MinIO, Ceph, R2, Garage…).
DJANGO_S3_REGION         the region, if the store wants one.
DJANGO_S3_ACCESS_KEY_ID, DJANGO_S3_SECRET_ACCESS_KEY
                         credentials; left unset, boto3's usual sources (AWS_* variables, an
                         instance role) apply.
DJANGO_S3_CUSTOM_DOMAIN  a CDN or public host name serving the bucket, e.g. media.example.com;
                         pages then link files there (and the CSP allows it for images).
DJANGO_S3_QUERYSTRING_AUTH "1" for signed, expiring links when the bucket is private
                         (default "0": the bucket or the CDN in front of it is public).

This module is read by kb.settings and imports nothing from Django.
"""

from urllib.parse import urlsplit

LONG_CACHE = "public, max-age=31536000, immutable"


def flag(value):
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def default_storage(environ, base_dir):
    """The STORAGES["default"] entry and MEDIA_ROOT for this environment."""
    media_root = environ.get("DJANGO_MEDIA_ROOT") or str(base_dir / "var" / "media")
    bucket = environ.get("DJANGO_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, media_root
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("DJANGO_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("DJANGO_S3_REGION") or None,
        "access_key": environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
        "custom_domain": environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
        "querystring_auth": flag(environ.get("DJANGO_S3_QUERYSTRING_AUTH")),
        "file_overwrite": False,
        # Every stored name carries a digest of its content: caches may keep them for ever.
        "object_parameters": {"CacheControl": LONG_CACHE},
    }
    options = {key: value for key, value in options.items() if value is not None}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, media_root


def media_image_sources(environ):
    """Hosts the CSP must allow images from when files are not served by the site itself."""
    if not environ.get("DJANGO_S3_BUCKET"):
        return []
    domain = environ.get("DJANGO_S3_CUSTOM_DOMAIN")
    if domain:
        return [f"https://{domain}"]
    endpoint = environ.get("DJANGO_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    return ["https://*.amazonaws.com"]
