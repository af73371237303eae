"""Any text an editor can store, in any text field of any model, by any way in, renders safely
on every surface: no public page, feed, sitemap, API answer or admin page answers 5xx, and
nothing breaks out of its escaping.

The default run tries a fixed set of hostile strings in every field; the slow run
(`make test-slow`) lets hypothesis generate text as well (controls, markup, right-to-left,
very long strings). Ways in: the ORM (what the admin, the importer and the API use) and the
JSON import.
"""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from kb import exchange
from kb.domain.models import CaseStudy, Image, Industry, Organization, Platform
from kb.domain.text import text_fields

pytestmark = pytest.mark.django_db

MARKER = "kbx"  # the tag name hostile text opens; its raw form must never reach a page
BREAKOUTS = [
    f"<{MARKER}>",
    f"</script><{MARKER}>",
    f'"><{MARKER} onerror=alert(1)>',
    f"]]><{MARKER}>",
]
HOSTILE = [
    f"</script><{MARKER}>\x00\x07\x0b\x1b\ufffe",
    f'"><{MARKER} onerror=alert(1)>&amp;{{{{ x }}}}{{% now "Y" %}}',
    f"\u202eRTL \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 <{MARKER}>\u200f",
    f"]]><{MARKER}> \ud83d\ude80 " + "x" * 5000,
]
SKIPPED_FIELDS = (models.SlugField, models.URLField, models.EmailField)


def stored_text_fields():
    """(model, field name) of every editable free-text field of the knowledge base and tags."""
    chosen = []
    for model in [*apps.get_app_config("kb").get_models(), Tag]:
        for field in text_fields(model):
            if isinstance(field, SKIPPED_FIELDS) or field.choices or not field.editable:
                continue
            chosen.append((model, field.name))
    return chosen


FIELDS = stored_text_fields()


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return CaseStudy.objects.visible().order_by("pk").first()


def store(model, name, text):
    """Write `text` into the first stored row of `model` (cut to the field's length); False
    when the knowledge base holds no such row or its rules refuse the text."""
    instance = model.objects.order_by("pk").first()
    if instance is None:
        return False
    limit = model._meta.get_field(name).max_length
    setattr(instance, name, text[:limit] if limit else text)
    if not getattr(instance, name).strip() and not model._meta.get_field(name).blank:
        setattr(instance, name, "x" + text[: (limit or 10) - 1])
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        return False  # refused by the model's own rules (e.g. an image with no alt text)
    return True


def test_text_the_rules_refuse_is_not_stored(demo):
    picture = Image.objects.filter(decorative=False).order_by("pk").first()
    if picture is None or picture != Image.objects.order_by("pk").first():
        pytest.skip("the demo's first picture is decorative")
    assert store(Image, "alt_text", "") is False
    picture.refresh_from_db()
    assert picture.alt_text != ""


def admin_urls(model):
    instance = model.objects.order_by("pk").first()
    opts = model._meta
    try:
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        if instance is not None:
            urls.append(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
            )
        return urls
    except NoReverseMatch:
        return []


def surfaces(case_study):
    industry = case_study.industries.first()
    tag = case_study.tags.first()
    platform = case_study.platforms.first()
    organization = case_study.organization
    return [
        "/",
        "/case-studies/",
        case_study.get_absolute_url(),
        f"/industries/{industry.slug}/",
        f"/tags/{tag.slug}/",
        f"/organizations/{organization.slug}/",
        f"/platforms/{platform.slug}/",
        f"/search/?q={case_study.title.split()[0]}",
        "/search/suggest/?q=vir",
        "/feeds/case-studies.atom",
        f"/feeds/industries/{industry.slug}.atom",
        f"/feeds/tags/{tag.slug}.atom",
        "/sitemap.xml",
        "/api/case-studies/",
        f"/api/case-studies/{case_study.slug}/",
        "/api/tags/",
        "/api/organizations/",
        "/admin/kb/searchlog/",
    ]


def assert_every_surface_is_safe(client, case_study, model):
    case_study.refresh_from_db()
    for url in surfaces(case_study) + admin_urls(model):
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        body = response.content.decode()
        content_type = response["Content-Type"]
        if "json" in content_type:
            json.loads(body)  # the API answers JSON; markup inside strings is data there
            continue
        for breakout in BREAKOUTS:
            assert breakout not in body, f"{url}: {breakout!r} reached the page unescaped"


@pytest.mark.parametrize("text", HOSTILE, ids=["controls", "attributes", "rtl", "long"])
def test_hostile_text_in_every_field_at_once_renders_safely(admin_client, demo, text):
    stored = [model for model, name in FIELDS if store(model, name, text)]
    assert CaseStudy in stored and Tag in stored
    for model in set(stored) - {CaseStudy}:
        for url in admin_urls(model):
            assert admin_client.get(url).status_code < 500, url
    assert_every_surface_is_safe(admin_client, demo, CaseStudy)


def test_hostile_text_through_the_json_import_renders_safely(admin_client, demo, tmp_path):
    data = json.loads(exchange.export_json(CaseStudy.objects.filter(pk=demo.pk)))
    entry = data["case_studies"][0]
    entry["slug"] = "imported-hostile"
    for key in ("title", "summary", "introduction"):
        entry[key] = HOSTILE[0][:200] if key == "title" else HOSTILE[1]
    for part in ("qa_pairs", "benefits", "challenges"):
        for item in entry.get(part, []):
            for key in item:
                item[key] = HOSTILE[2][:200]
    entry["tags"] = [HOSTILE[0][:100]]
    entry["status"] = "published"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    call_command("import_case_studies", str(path), stdout=io.StringIO())
    imported = CaseStudy.objects.get(slug="imported-hostile")
    assert_every_surface_is_safe(admin_client, imported, CaseStudy)


TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60).map(lambda t: f"<{MARKER}>{t}"),
    st.sampled_from(HOSTILE),
)


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_generated_text_in_any_field_renders_safely(admin_client, demo, field, text):
    model, name = field
    if not store(model, name, text):
        return
    assert_every_surface_is_safe(admin_client, demo, model)


def test_every_kind_of_thing_is_covered():
    covered = {model for model, _ in FIELDS}
    assert {CaseStudy, Industry, Organization, Platform, Tag} <= covered
