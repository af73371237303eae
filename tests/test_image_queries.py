"""Pictures cost no query per image: pages prefetch the renditions they show."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.domain import uploads
from kb.domain.editors import EDITORS_GROUP
from kb.domain.models import CaseStudy, Image, Organization
from tests.builders import case_study
from tests.image_files import SVG_LOGO, jpeg_upload, upload

pytestmark = pytest.mark.django_db


def picture(name, file=None):
    file = file or jpeg_upload(width=480, height=270)
    image = Image(title=name, alt_text=f"Picture of {name}")
    image.set_file(uploads.check_image(file), file.name)
    image.save()
    return image


def entries_with_pictures(first, count):
    for number in range(first, first + count):
        entry = case_study(f"Pictured {number}", org=f"Org {number}")
        entry.main_picture = picture(f"entry {number}")
        entry.save()
        Organization.objects.filter(pk=entry.organization_id).update(
            logo=picture(f"logo {number}", upload("logo.svg", SVG_LOGO))
        )


def queries_for(client, url):
    client.get(url)  # makes the renditions the first time
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<picture>") >= 1
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/industries/automotive/"])
def test_more_pictures_on_a_page_take_no_more_queries(client, url):
    entries_with_pictures(0, 2)
    few = queries_for(client, url)
    entries_with_pictures(2, 6)
    assert CaseStudy.objects.count() == 8
    assert queries_for(client, url) == few


def test_editors_may_add_and_change_images_and_remove_a_download_but_not_delete_images():
    codenames = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"add_image", "change_image", "view_image"} <= codenames
    assert {"add_document", "change_document", "delete_document"} <= codenames
    assert "delete_image" not in codenames
