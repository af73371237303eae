"""Importing from a web address (against a local server the settings allow) and in batches."""

import http.server
import json
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kb.domain.models import CaseStudy
from kb.importer.fetch import fetch, is_internal
from kb.importer.reading import ImportProblem

PAGE = b"""<html><head><title>Interview: Alder Robotics on arm controllers</title>
<link rel="canonical" href="https://alder.example/interview"></head><body><article>
<h1>Interview: Alder Robotics on arm controllers</h1>
<p>Alder Robotics builds robot arms for laboratories.</p>
<p><strong>Why a hypervisor?</strong></p>
<p>To keep the motion control apart from the user interface.</p>
<p><strong>What did it cost?</strong></p><p>Three months of porting.</p>
</article></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):  # noqa: N802 - the name http.server calls
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/interview": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
        "/moved": (302, {"Location": "/interview"}, b""),
        "/to-private": (302, {"Location": "http://10.1.2.3/secret"}, b""),
        "/to-localhost": (
            302,
            {"Location": f"http://localhost:{httpd.server_address[1]}/interview"},
            b"",
        ),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/gone": (410, {}, b"gone"),
        "/notes.md": (
            200,
            {"Content-Type": "text/markdown"},
            b"# Interview: Birch Labs on Xen\n\n**Why Xen?**\n\nBecause it is open source.\n",
        ),
    }
    yield base
    httpd.shutdown()


@pytest.fixture
def allow_local(settings):
    settings.IMPORTER_ALLOWED_HOSTS = ["127.0.0.1"]


def run(*args):
    out = StringIO()
    call_command("import_interview", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_interview_is_imported_from_an_address(server, allow_local):
    run(f"{server}/interview")
    draft = CaseStudy.objects.get()
    assert draft.title == "Interview: Alder Robotics on arm controllers"
    assert draft.organization.name == "Alder Robotics"
    assert draft.source_url == "https://alder.example/interview"
    assert [qa.question for qa in draft.qa_pairs.all()] == [
        "Why a hypervisor?",
        "What did it cost?",
    ]


def test_a_page_without_a_canonical_address_keeps_the_address_it_came_from(server, allow_local):
    fetched = fetch(f"{server}/moved", allowed_hosts=["127.0.0.1"])
    assert fetched.url == f"{server}/interview"
    assert fetched.filename == "page.html"


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:9/x", "http://localhost/x", "http://10.0.0.7/", "http://169.254.169.254/",
     "http://[::1]/", "http://224.0.0.1/", "http://0.0.0.0/"],
)  # fmt: skip
def test_private_loopback_link_local_and_multicast_addresses_are_refused(address):
    with pytest.raises(ImportProblem, match="private or local network"):
        fetch(address)


def test_a_local_server_is_refused_unless_the_settings_allow_it(server):
    with pytest.raises(ImportProblem, match="private or local network"):
        fetch(f"{server}/interview")


@pytest.mark.parametrize("path", ["/to-private", "/to-localhost"])
def test_every_redirect_is_checked_again(server, path):
    with pytest.raises(ImportProblem, match="private or local network"):
        fetch(f"{server}{path}", allowed_hosts=["127.0.0.1"])


def test_endless_redirects_and_errors_are_refused_with_a_reason(server):
    with pytest.raises(ImportProblem, match="redirected more than 5 times"):
        fetch(f"{server}/loop", allowed_hosts=["127.0.0.1"])
    with pytest.raises(ImportProblem, match="HTTP 410"):
        fetch(f"{server}/gone", allowed_hosts=["127.0.0.1"])


def test_a_page_over_the_limit_is_refused(server):
    with pytest.raises(ImportProblem, match="larger than 20 MB"):
        fetch(f"{server}/interview", allowed_hosts=["127.0.0.1"], max_bytes=100)


@pytest.mark.parametrize("address", ["ftp://example.org/x", "file:///etc/passwd", "javascript:x"])
def test_only_http_and_https_are_fetched(address):
    with pytest.raises(ImportProblem, match="Only http"):
        fetch(address)


def test_mapped_and_public_addresses():
    assert is_internal("::ffff:127.0.0.1")
    assert not is_internal("93.184.216.34")


@pytest.mark.django_db
def test_a_refused_address_fails_the_command_and_saves_nothing(server):
    with pytest.raises(CommandError, match="private or local network"):
        run(f"{server}/interview")
    assert not CaseStudy.objects.exists()


# Batches


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.md").write_text(
        "# Interview: Cedar Labs on Xen\n\n**Why Xen?**\n\nIt is small.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Just a note with no questions at all.\n", encoding="utf-8")
    (tmp_path / "c.html").write_bytes(PAGE)
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    return tmp_path


@pytest.mark.django_db
def test_a_folder_is_imported_with_one_line_per_file(folder):
    lines = run(str(folder)).splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        f"{folder / 'a.md'}: created \u201cInterview: Cedar Labs on Xen\u201d"
    )
    assert lines[1].startswith(f"{folder / 'b.txt'}: refused: No questions were found")
    assert lines[2].startswith(f"{folder / 'c.html'}: created")
    assert CaseStudy.objects.count() == 2


@pytest.mark.django_db
def test_a_batch_as_json_is_a_list_of_outcomes(folder, server, allow_local):
    printed = json.loads(
        run(
            str(folder / "a.md"),
            f"{server}/notes.md",
            str(folder / "missing.md"),
            "--format",
            "json",
        )
    )
    assert [item["status"] for item in printed] == ["created", "created", "refused"], printed
    assert printed[1]["drafts"][0]["title"] == "Interview: Birch Labs on Xen"
    assert printed[2]["message"] == f"No such file: {folder / 'missing.md'}"
    assert (
        CaseStudy.objects.get(title="Interview: Birch Labs on Xen").source_url
        == f"{server}/notes.md"
    )


@pytest.mark.django_db
def test_a_dry_run_batch_saves_nothing(folder):
    printed = json.loads(run(str(folder), "--dry-run", "--format", "json"))
    assert [item["status"] for item in printed] == ["recognised", "refused", "recognised"]
    assert printed[0]["interviews"][0]["qa"] == [{"question": "Why Xen?", "answer": "It is small."}]
    assert not CaseStudy.objects.exists()


@pytest.mark.django_db
def test_two_interviews_in_one_file_become_two_drafts_with_their_people(tmp_path):
    from tests.test_importer_shapes import SHAPES

    run(str(SHAPES / "two-interviews.md"))
    first, second = CaseStudy.objects.order_by("pk")
    assert first.organization.name == "Redwood Avionics"
    assert second.organization.name == "Bluefin Automotive"
    person = first.people.get()
    assert (person.person.name, person.person.job_title, person.role) == (
        "Elena Vasquez", "software lead", "interviewee",
    )  # fmt: skip
    assert person.person.organization == first.organization
