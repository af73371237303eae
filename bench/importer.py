"""Parse speed of the interview importer: 1,000 interviews, target under 10 seconds; then one
page close to the 20 MB upload limit (the HTML sample's body repeated in one article); then
pathological inputs (thousands of unclosed tags, runs of Markdown markup), each of which must
take no more than a second or two.

    .venv/bin/python bench/importer.py [COUNT]

The sample interviews (the four originals and the 22 published shapes: front matter, numbered,
bold and heading questions, transcripts, press releases, blog pages) are repeated with
variations (another organization name, a longer answer), decoded from bytes and parsed with a
vocabulary the size of a well-used database (hundreds of tags, dozens of platforms). Nothing
touches the database.
"""

import contextlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from kb.importer.parse import parse_interview  # noqa: E402
from kb.importer.reading import ImportProblem, read_text  # noqa: E402
from kb.importer.vocabulary import Vocabulary  # noqa: E402

SAMPLES = ROOT / "tests" / "samples" / "interviews"
SHAPES = SAMPLES / "shapes"
TARGET_SECONDS = 10.0


def sample_files():
    for folder in (SAMPLES, SHAPES):
        for expected in sorted(folder.glob("*.expected.json")):
            name = expected.name.removesuffix(".expected.json")
            wanted = json.loads(expected.read_text(encoding="utf-8"))
            organization = wanted.get("interviews", [wanted])[0]["organization"]
            yield name, (folder / name).read_text(encoding="utf-8"), organization


def variations(count):
    """`count` (filename, bytes) pairs: the samples with a different organization each time,
    and every third one with an answer three times as long."""
    samples = list(sample_files())
    for number in range(count):
        name, text, organization = samples[number % len(samples)]
        varied = text.replace(organization, f"{organization} {number}")
        if number % 3 == 0:
            varied = varied.replace("a shared GPU.", "a shared GPU. " * 3)
            varied = varied.replace(" guest", " guest machine")
            varied = varied.replace("</article>", "<p>Thanks for reading.</p></article>")
        yield name, varied.encode("utf-8")


def populated_vocabulary():
    return Vocabulary(
        platform_names=[f"Board family {n}" for n in range(60)] + ["Xen", "KVM", "Linux"],
        tag_names=[f"topic {n}" for n in range(400)] + ["infotainment", "GPU sharing"],
        industry_names=["Automotive", "Aerospace", "Industrial", "Medical", "Rail"],
    )


def largest_page(megabytes=16):
    html = (SAMPLES / "interview.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    copies = megabytes * 1024 * 1024 // len(body.encode("utf-8"))
    article = f"<article>{body * copies}</article>"
    return f"<html><head><title>Big</title></head><body>{article}</body></html>"


def time_largest_page(vocabulary):
    page = largest_page()
    started = time.process_time()
    interview = parse_interview(page, filename="big.html", vocabulary=vocabulary)
    elapsed = time.process_time() - started
    print(
        f"A {len(page.encode('utf-8')) / 1024 / 1024:.1f} MB page ({len(interview.qa)} questions) "
        f"in {elapsed:.1f} s of CPU"
    )


PATHOLOGICAL_HTML = ["<div>", "<b>", "<span><i>", "<ul><li>", "<table><tr><td>", "<a href=x>"]
PATHOLOGICAL_TEXT = ["[", "[a", "**a", "> ", "- ", "<b>", "![x](", "**Q?**\n"]


def time_pathological(vocabulary):
    """Thousands of unclosed tags and runs of markup around a two-question interview."""
    html_answer = "<p><b>Why Xen?</b> It is small.</p><p><b>What did it cost?</b></p><p>Time.</p>"
    text_answer = "**Why Xen?** It is small.\n\n**What did it cost?**\n\nTime.\n\n"
    worst = 0.0
    for opening in PATHOLOGICAL_HTML:
        for count in (5_000, 50_000):
            page = (
                f"<html><body><h1>Interview: Acme</h1>{html_answer}{opening * count}</body></html>"
            )
            worst = max(worst, timed(page, "deep.html", vocabulary, f"{count:,} x {opening}"))
    for junk in PATHOLOGICAL_TEXT:
        text = f"# Interview: Acme\n\n{text_answer}{junk * 10_000}\n\n{text_answer}"
        worst = max(worst, timed(text, "junk.md", vocabulary, f"10,000 x {junk!r}"))
    print(f"Slowest pathological input: CPU {worst:.2f} s (target: 2 s)")


def timed(text, filename, vocabulary, label):
    """CPU seconds (and wall seconds, which other work on a shared machine also counts)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    with contextlib.suppress(ImportProblem):
        parse_interview(text, filename=filename, vocabulary=vocabulary)
    cpu, elapsed = time.process_time() - cpu_started, time.perf_counter() - started
    print(f"  {label:<28} {len(text) / 1024:8.0f} KB  CPU {cpu:5.2f} s  (wall {elapsed:5.2f} s)")
    return cpu


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    inputs = list(variations(count))
    vocabulary = populated_vocabulary()
    parse_interview("Warm up?\n\nYes.", vocabulary=vocabulary)
    started, cpu_started = time.perf_counter(), time.process_time()
    questions = 0
    for filename, data in inputs:
        interview = parse_interview(read_text(data), filename=filename, vocabulary=vocabulary)
        questions += len(interview.qa)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # The verdict is on CPU time: on a shared machine the wall clock also counts other work.
    per_interview = cpu * 1000 / count
    verdict = "OK" if per_interview <= TARGET_SECONDS else "TOO SLOW"
    print(
        f"Parsed {count} interviews (the four samples repeated with small variations; "
        f"{questions} questions) in {elapsed:.2f} s (CPU {cpu:.2f} s)"
    )
    print(
        f"{per_interview:.2f} ms of CPU per interview; target {TARGET_SECONDS:.0f} s for 1,000 "
        f"({TARGET_SECONDS:.0f} ms each): {verdict}"
    )
    time_largest_page(vocabulary)
    time_pathological(vocabulary)


if __name__ == "__main__":
    main()
