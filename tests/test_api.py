"""The JSON API as a partner's script uses it: lists, filters, search, paging, caching."""

import datetime
from email.utils import parsedate_to_datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, settings

from kb.domain.models import CaseStudy, CaseStudyPerson, IndexChange, Person, Quote
from kb.listing import facet_index
from tests import builders
from tests.builders import case_study
from tests.shown import card_titles

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": CaseStudy.Status.DRAFT},
    "in review": {"status": CaseStudy.Status.REVIEW},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


def titles(response):
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def catalogue():
    return builders.catalogue()


@pytest.fixture
def hidden():
    return [case_study(f"Hidden {name}", **state) for name, state in HIDDEN_STATES.items()]


def test_list_gives_published_case_studies_newest_first(client, catalogue, hidden):
    response = client.get("/api/case-studies/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert titles(response) == ["Car on Xen", "Car on KVM", "Plane on Xen"]
    assert body["next"] is None and body["previous"] is None


def test_list_item_says_what_a_case_study_is_about(client, catalogue):
    item = client.get("/api/case-studies/?limit=1").json()["results"][0]

    assert item["slug"] == catalogue["car_xen"].slug
    assert item["url"] == f"http://testserver/case-studies/{item['slug']}/"
    assert item["api_url"] == f"http://testserver/api/case-studies/{item['slug']}/"
    assert item["organization"] == {"name": "GlobalLogic", "slug": "globallogic", "website": ""}
    assert [industry["slug"] for industry in item["industries"]] == ["automotive"]
    assert {platform["slug"] for platform in item["platforms"]} == {"xen", "arm"}
    assert [tag["name"] for tag in item["tags"]] == ["infotainment"]
    assert item["published_at"].startswith(str(catalogue["car_xen"].publish_at.date()))
    assert "interview" not in item


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("industry=automotive", ["Car on Xen", "Car on KVM"]),
        ("platform=xen", ["Car on Xen", "Plane on Xen"]),
        ("platform=xen&platform=kvm", ["Car on Xen", "Car on KVM", "Plane on Xen"]),
        ("platform=xen&industry=automotive", ["Car on Xen"]),
        ("organization=globallogic&tag=safety", ["Plane on Xen"]),
        ("tag=INFOTAINMENT", ["Car on Xen"]),
        ("tag=no-such-tag", []),
    ],
)
def test_filters_combine_like_the_site(client, catalogue, query, expected):
    assert titles(client.get(f"/api/case-studies/?{query}")) == expected


def test_search_finds_words_in_the_text_most_relevant_first(client, catalogue, hidden):
    response = client.get("/api/case-studies/?q=cluster")

    assert titles(response) == ["Car on KVM"]
    assert response.json()["count"] == 1


def test_search_combines_with_filters(client, catalogue):
    assert titles(client.get("/api/case-studies/?q=xen&industry=aerospace")) == ["Plane on Xen"]


def test_search_never_finds_hidden_case_studies(client, hidden):
    response = client.get("/api/case-studies/?q=hidden")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_pages_link_to_each_other(client, catalogue):
    first = client.get("/api/case-studies/?limit=2&platform=xen&platform=kvm").json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None

    second = client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["Plane on Xen"]
    assert second["next"] is None
    assert "platform=xen&platform=kvm" in second["previous"]


def test_an_offset_past_the_end_gives_an_empty_page(client, catalogue):
    body = client.get("/api/case-studies/?offset=50").json()

    assert body["results"] == [] and body["count"] == 3


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=ten",
        "offset=-1",
        "offset=10001",
        "industry=%3Cscript%3E",
        "tag=a%00b",
        "q=" + "x" * 201,
        "&".join(["tag=t"] * 21),
    ],
)
def test_bad_parameters_get_a_json_error(client, query):
    response = client.get(f"/api/case-studies/?{query}")

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize("query", ['"', "NEAR(", "c++", "a:b", "-", "*", "don't"])
def test_odd_searches_never_fail(client, catalogue, query):
    response = client.get("/api/case-studies/", {"q": query})

    assert response.status_code == 200


def test_detail_has_every_part_in_order(client):
    entry = case_study(
        "Full story",
        qa=(("First question?", "First answer."), ("Second question?", "Second answer.")),
        benefits=("Fewer boxes", "Faster updates"),
        challenges=(("No GPU sharing.", "Mediated passthrough."),),
        key_facts=(("Cars", "Millions"),),
    )
    entry.introduction = "Who and why."
    entry.source_name = "A blog"
    entry.source_url = "https://example.com/story"
    entry.source_date = datetime.date(2024, 5, 1)
    entry.save()

    body = client.get(f"/api/case-studies/{entry.slug}/").json()

    assert body["title"] == "Full story"
    assert body["introduction"] == "Who and why."
    assert body["interview"] == [
        {"question": "First question?", "answer": "First answer."},
        {"question": "Second question?", "answer": "Second answer."},
    ]
    assert [benefit["statement"] for benefit in body["benefits"]] == [
        "Fewer boxes",
        "Faster updates",
    ]
    assert body["challenges"] == [
        {"problem": "No GPU sharing.", "solution": "Mediated passthrough."}
    ]
    assert body["key_facts"] == [{"label": "Cars", "value": "Millions"}]
    assert body["source"] == {
        "name": "A blog",
        "url": "https://example.com/story",
        "date": "2024-05-01",
    }


def test_detail_names_the_people_their_quotes_and_the_video(client):
    entry = case_study("Told by people", org="Acme Embedded")
    engineer = Person.objects.create(
        name="Ada Example", job_title="Platform lead", organization=entry.organization
    )
    host = Person.objects.create(name="Sam Host")
    CaseStudyPerson.objects.create(case_study=entry, person=engineer, role="interviewee")
    CaseStudyPerson.objects.create(case_study=entry, person=host, role="interviewer")
    Quote.objects.create(case_study=entry, person=engineer, text="One chip, two systems.")
    Quote.objects.create(case_study=entry, text="Updates ship twice as often.")
    entry.video_url = "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    entry.save()

    body = client.get(f"/api/case-studies/{entry.slug}/").json()

    ada = {"name": "Ada Example", "job_title": "Platform lead", "organization": "Acme Embedded"}
    assert body["people"] == [
        {**ada, "role": "interviewee", "role_label": "Interviewed"},
        {
            "name": "Sam Host",
            "job_title": "",
            "organization": None,
            "role": "interviewer",
            "role_label": "Interviewer",
        },
    ]
    # A quote with no one named is a sentence of our own summary, never a quotation.
    assert body["quotes"] == [
        {"text": "One chip, two systems.", "person": ada},
        {"text": "Updates ship twice as often.", "person": None},
    ]
    assert body["video"] == {
        "provider": "YouTube",
        "video_id": "aBcDeFgHiJk",
        "url": "https://www.youtube.com/watch?v=aBcDeFgHiJk",
    }


def test_detail_of_a_story_without_people_quotes_or_video(client, catalogue):
    body = client.get(f"/api/case-studies/{catalogue['car_xen'].slug}/").json()

    assert body["people"] == [] and body["quotes"] == [] and body["video"] is None


def test_a_renamed_person_shows_in_the_detail_at_once(client):
    entry = case_study("Told by one person")
    person = Person.objects.create(name="Ada Example")
    CaseStudyPerson.objects.create(case_study=entry, person=person)
    url = f"/api/case-studies/{entry.slug}/"
    etag = client.get(url)["ETag"]

    person.name = "Ada Example-Smith"
    person.save()
    again = client.get(url, headers={"if-none-match": etag})

    assert again.status_code == 200
    assert again.json()["people"][0]["name"] == "Ada Example-Smith"


def test_unknown_slug_is_a_json_404(client):
    response = client.get("/api/case-studies/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No published case study has this slug."}


@pytest.mark.parametrize("slug", ["%00", "a%20b", "%3Cscript%3E", "%F0%9F%98%80", "x" * 201])
def test_a_malformed_slug_is_a_json_404(client, slug):
    response = client.get(f"/api/case-studies/{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No published case study has this slug."}


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_case_studies_are_404_and_never_listed(client, editor_client, state):
    entry = case_study("Secret plans", **HIDDEN_STATES[state])

    assert client.get(f"/api/case-studies/{entry.slug}/").status_code == 404
    assert editor_client.get(f"/api/case-studies/{entry.slug}/").status_code == 404
    assert client.get("/api/case-studies/").json()["count"] == 0
    for group in ("industries", "platforms", "organizations", "tags"):
        assert client.get(f"/api/{group}/").json() == []


def test_groups_count_only_published_case_studies(client, catalogue, hidden):
    industries = client.get("/api/industries/").json()
    platforms = client.get("/api/platforms/").json()
    organizations = client.get("/api/organizations/").json()
    tags = client.get("/api/tags/").json()

    assert [(i["slug"], i["case_study_count"]) for i in industries] == [
        ("aerospace", 1),
        ("automotive", 2),
    ]
    assert {p["slug"]: p["case_study_count"] for p in platforms} == {"arm": 1, "kvm": 1, "xen": 2}
    assert platforms[0]["kind"] == "hypervisor"
    assert {o["slug"]: o["case_study_count"] for o in organizations} == {
        "globallogic": 2,
        "other-org": 1,
    }
    assert {t["slug"]: t["case_study_count"] for t in tags} == {
        "cluster": 1,
        "infotainment": 1,
        "safety": 1,
    }
    assert industries[0]["url"] == "http://testserver/industries/aerospace/"
    assert industries[0]["api_url"] == "http://testserver/api/case-studies/?industry=aerospace"


def test_answers_may_be_cached_for_five_minutes(client, catalogue):
    for url in ("/api/case-studies/", f"/api/case-studies/{catalogue['car_xen'].slug}/"):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=300, stale-while-revalidate=300"
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize("path", ["case-studies/", "tags/", "platforms/"])
def test_partner_sites_may_read_the_api_from_their_pages(client, catalogue, path):
    assert client.get(f"/api/{path}")["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["case-studies/", "tags/", "industries/"])
def test_an_unchanged_answer_is_304(client, catalogue, path):
    first = client.get(f"/api/{path}")

    by_etag = client.get(f"/api/{path}", headers={"If-None-Match": first["ETag"]})
    by_date = client.get(f"/api/{path}", headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag["Cache-Control"] == "public, max-age=300, stale-while-revalidate=300"


def test_detail_is_304_until_the_case_study_changes(client, catalogue):
    entry = catalogue["car_xen"]
    url = f"/api/case-studies/{entry.slug}/"
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    entry.summary = "A new summary."
    entry.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["summary"] == "A new summary."


def test_the_list_etag_changes_when_an_entry_is_published_or_filtered(client, catalogue):
    etag = client.get("/api/case-studies/")["ETag"]
    draft = case_study("Soon", status=CaseStudy.Status.DRAFT)

    assert client.get("/api/case-studies/")["ETag"] == etag
    assert client.get("/api/case-studies/?tag=safety")["ETag"] != etag

    draft.mark_published()
    draft.save()
    response = client.get("/api/case-studies/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["count"] == 4


@pytest.fixture
def many_entries():
    for number in range(15):
        case_study(
            f"Entry {number}",
            industries=["Automotive", "Industrial"],
            platforms=["Xen", "ARM"],
            tags=["infotainment", "safety", f"tag-{number}"],
            qa=[(f"Question {n}?", f"Answer {n}.") for n in range(3)],
            key_facts=(("Cars", "Many"),),
        )


def test_list_runs_a_constant_number_of_queries(
    client, many_entries, django_assert_max_num_queries
):
    client.get("/api/case-studies/?limit=1")  # reads the facet index (kb.listing.facet_index) once
    # The page cache's state (kb.web.freshness), the facet index's state, which entries are
    # scheduled, then the page and its three prefetches: nothing is counted in SQL.
    with django_assert_max_num_queries(7):
        response = client.get("/api/case-studies/?limit=100")
    assert len(response.json()["results"]) == 15

    # The same, the search's glossary, words and matches, the chosen tag, and the ranked page.
    with django_assert_max_num_queries(14):
        searched = client.get("/api/case-studies/?q=entry&tag=safety&limit=100")
    assert len(searched.json()["results"]) == 15


def queries_of(client, url):
    client.cookies["sessionid"] = "not-a-session"  # the page cache steps aside
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/case-studies/?limit=100",
        "/api/case-studies/?industry=industrial&platform=xen&tag=safety&limit=100",
        "/api/case-studies/?q=entry&limit=100",
        "/api/tags/",
    ],
)
def test_list_queries_do_not_grow_with_the_case_studies(client, many_entries, url):
    client.get("/api/case-studies/?limit=1")
    few = queries_of(client, url)
    for number in range(15, 45):
        case_study(f"Entry {number}", industries=["Industrial"], platforms=["Xen"], tags=["safety"])
    client.get("/api/case-studies/?limit=1")  # the facet index is read again after a change

    assert queries_of(client, url) == few


def test_detail_runs_a_constant_number_of_queries(
    client, many_entries, django_assert_max_num_queries
):
    slug = CaseStudy.objects.first().slug
    # 12, and the page cache's state (kb.web.freshness): the people and quotes are two of them.
    with django_assert_max_num_queries(13):
        response = client.get(f"/api/case-studies/{slug}/")
    assert len(response.json()["interview"]) == 3


def test_group_lists_run_three_queries(client, many_entries, django_assert_num_queries):
    # Reads the facet index (kb.listing.facet_index) and which entries are scheduled, once.
    client.get("/api/case-studies/?limit=1")
    # The page cache's state of the knowledge base (kb.web.freshness), the facet index's state,
    # then the list; counted in the facet index.
    for group in ("industries", "platforms", "organizations", "tags"):
        with django_assert_num_queries(3):
            assert client.get(f"/api/{group}/").status_code == 200


def test_openapi_schema_describes_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()

    assert set(schema["paths"]) == {
        "/api/case-studies/",
        "/api/case-studies/{slug}/",
        "/api/industries/",
        "/api/platforms/",
        "/api/organizations/",
        "/api/tags/",
    }


def test_docs_page_loads_nothing_from_other_sites(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# --- The schema holds: generated requests never cause a server error, answers match it ------

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def same_database_connection():
    """Requests through the WSGI application close the database connection when they start and
    finish, as in production; the test's transaction needs it open (Django's test client keeps
    it open in the same way)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_to_its_schema(case, same_database_connection, catalogue, hidden):
    case.call_and_validate()
    if "slug" in (case.path_parameters or {}):
        for entry in (catalogue["car_xen"], hidden[0]):
            case.path_parameters = {"slug": entry.slug}
            case.call_and_validate()


@pytest.mark.parametrize("path", ["case-studies/", "organizations/", "case-studies/{slug}/"])
def test_renaming_an_organization_changes_the_answer_at_once(client, catalogue, path):
    entry = catalogue["car_xen"]
    url = "/api/" + path.format(slug=entry.slug)
    first = client.get(url)
    organization = entry.organization
    organization.name = "Renamed Systems"
    organization.save()
    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 200
    assert "Renamed Systems" in by_etag.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "industry=automotive", "platform=xen&platform=kvm", "q=xen", "q=xen&industry=aerospace"],
)
def test_the_api_lists_and_counts_what_the_site_shows(client, catalogue, hidden, query):
    """The same filters and search give the same case studies, in the same order, on the site
    and in the API."""
    site = client.get(f"/search/?{query}")
    api = client.get(f"/api/case-studies/?{query}").json()

    site_page = site.context["page"]
    assert api["count"] == site_page.paginator.count
    assert [item["title"] for item in api["results"]] == card_titles(site, within=".results")


GROUPS = {"industry": "industries", "platform": "platforms", "organization": "organizations"}


def test_the_api_counts_groups_as_the_site_does(client, catalogue, hidden):
    """Each group's count in the API is the count the site's filters show beside it."""
    listing = client.get("/case-studies/").context["listing"]
    site = {f.param: {value.slug: value.count for value in f.values} for f in listing.facets}
    for param, group in {**GROUPS, "tag": "tags"}.items():
        api = {row["slug"]: row["case_study_count"] for row in client.get(f"/api/{group}/").json()}
        assert api == site[param]


def test_last_modified_is_the_latest_change_among_the_listed_case_studies(client, catalogue):
    long_ago = timezone.now().replace(microsecond=0) - datetime.timedelta(days=30)
    IndexChange.objects.update(changed_at=long_ago)
    CaseStudy.objects.update(updated_at=long_ago, publish_at=long_ago)
    plane, car = catalogue["plane_xen"], catalogue["car_xen"]
    CaseStudy.objects.filter(pk=plane.pk).update(updated_at=long_ago + datetime.timedelta(days=1))
    CaseStudy.objects.filter(pk=car.pk).update(publish_at=long_ago + datetime.timedelta(days=2))
    facet_index.record_change()  # as a save through the site would
    IndexChange.objects.update(changed_at=long_ago)

    def last_modified(query):
        return parsedate_to_datetime(client.get(f"/api/case-studies/?{query}")["Last-Modified"])

    assert last_modified("tag=safety") == long_ago + datetime.timedelta(days=1)
    assert last_modified("") == long_ago + datetime.timedelta(days=2)
    assert last_modified("tag=cluster") == long_ago
