"""Uploads on S3-compatible object storage (django-storages), against moto's local S3 server.

Skipped, with the reason, when moto's server cannot be started here.
"""

import json
import urllib.request
from pathlib import Path

import pytest
from django.template import Context, Template

from kb import storage
from kb.domain import uploads
from kb.domain.models import Image
from tests.image_files import jpeg_upload

pytestmark = pytest.mark.django_db
BUCKET = "kb-media-test"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}


@pytest.fixture(scope="module")
def s3_endpoint():
    try:
        import boto3
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        pytest.skip(f"moto's S3 server is not installed ({error}); pip install 'moto[server]'")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 - any failure to start means: skip, say why
        pytest.skip(f"moto's S3 server could not start: {error}")
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    # As in production: the bucket (or the CDN in front of it) lets anyone read files.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    environment = {
        "DJANGO_S3_BUCKET": BUCKET,
        "DJANGO_S3_ENDPOINT_URL": s3_endpoint,
        "DJANGO_S3_REGION": "us-east-1",
        "DJANGO_S3_ACCESS_KEY_ID": "testing",
        "DJANGO_S3_SECRET_ACCESS_KEY": "testing",
    }
    default, _ = storage.default_storage(environment, Path("/unused"))
    settings.STORAGES = {**settings.STORAGES, "default": default}
    return s3_endpoint


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
        return response.status, response.headers, response.read()


def test_an_upload_and_its_renditions_are_stored_and_served_from_the_bucket(s3_storage):
    image = Image(title="On S3", alt_text="Stripes in the bucket")
    image.set_file(uploads.check_image(jpeg_upload(width=1000, height=600)), "stripes.jpg")
    image.save()

    assert image.file.url.startswith(f"{s3_storage}/{BUCKET}/images/stripes-")
    status, headers, body = fetch(image.file.url)
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body[:3] == b"\xff\xd8\xff"

    html = Template('{% load images %}{% picture image widths="400" %}').render(
        Context({"image": image})
    )
    webp = image.get_rendition("width-400|format-webp")
    assert f'srcset="{webp.url} 400w"' in html
    status, headers, body = fetch(webp.url)
    assert (status, headers["Content-Type"], body[:4]) == (200, "image/webp", b"RIFF")


def test_the_policy_allows_images_from_the_bucket_or_its_cdn():
    assert storage.media_image_sources({}) == []
    assert storage.media_image_sources(
        {"DJANGO_S3_BUCKET": "b", "DJANGO_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}
    ) == ["http://127.0.0.1:9000"]
    assert storage.media_image_sources(
        {"DJANGO_S3_BUCKET": "b", "DJANGO_S3_CUSTOM_DOMAIN": "media.example.org"}
    ) == ["https://media.example.org"]
