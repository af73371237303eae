"""Bytes to text, before any parsing: every bad input is refused with a message an editor
understands, and text in older encodings arrives with the right characters."""

import pytest

from kb.importer.parse import parse_interview
from kb.importer.reading import MAX_BYTES, ImportProblem, read_text


def read_and_parse(data, filename=""):
    return parse_interview(read_text(data), filename=filename)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf" * 2])
def test_empty_input(data):
    with pytest.raises(ImportProblem, match="empty"):
        read_text(data)


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.4\n...", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a Word document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "not text"),
        (bytes(range(256)) * 8, "not text"),
    ],
)
def test_binary_input(data, what):
    with pytest.raises(ImportProblem, match=what):
        read_text(data)


def test_input_over_the_limit():
    with pytest.raises(ImportProblem, match="limit is 20 MB"):
        read_text(b"a" * (MAX_BYTES + 1))


def test_input_at_the_limit_is_read():
    assert len(read_text(b"a" * MAX_BYTES)) == MAX_BYTES


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Caf\u00e9 M\u00fcller: why did you choose a hypervisor? \u00bfPor qu\u00e9?", "latin-1"),
        ("\u201cQuoted\u201d \u2013 \u20ac5 \u2026 na\u00efve \u0153uvre", "cp1252"),
        ("\u041f\u043e\u0447\u0435\u043c\u0443 \u0432\u044b \u0432\u044b\u0431\u0440\u0430"
         "\u043b\u0438 \u0433\u0438\u043f\u0435\u0440\u0432\u0438\u0437\u043e\u0440?", "cp1251"),
        ("Unicode with a byte-order mark \u2713", "utf-8-sig"),
        ("UTF-16 from a Windows editor \u2713", "utf-16"),
    ],
)  # fmt: skip
def test_text_in_other_encodings_keeps_its_characters(text, encoding):
    assert read_text(text.encode(encoding)) == text


def test_windows_line_endings_are_normalised():
    assert read_text(b"Why?\r\n\r\nBecause.\r") == "Why?\n\nBecause.\n"


def test_scripts_and_styles_are_not_text():
    interview = read_and_parse(
        b"<html><head><script>evil()</script><style>p{}</style></head><body>"
        b"<h1>Interview: Acme on safety</h1><h2>Why Xen?</h2>"
        b"<p>Isolation.<script>evil()</script></p><noscript>Enable JS</noscript></body></html>",
        filename="page.html",
    )
    text = str(interview.as_json()) + interview.introduction
    assert "evil" not in text
    assert "Enable JS" not in text
    assert interview.qa == [("Why Xen?", "Isolation.")]


def test_text_without_questions():
    with pytest.raises(ImportProblem, match="No questions were found"):
        read_and_parse(b"Release notes\n\nVersion 2 fixes bugs.")
