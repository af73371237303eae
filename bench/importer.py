"""Parse speed of the interview importer: 1,000 interviews, target under 10 seconds; then
invented interviews of six layouts and three lengths; then one page close to the 20 MB upload
limit (the HTML sample's body repeated in one article); then pathological inputs (thousands of
unclosed tags, runs of Markdown markup), each of which must take no more than a second or two.

    .venv/bin/python bench/importer.py [COUNT] [--varied-only | --samples-only]

The 1,000 are the sample files (the four originals and the published shapes: front matter,
numbered, bold and heading questions, transcripts, press releases, blog pages, tables), a few
kilobytes each, repeated with small variations (another organization name, a longer answer),
decoded from bytes and parsed with a vocabulary the size of a well-used database (hundreds of
tags, dozens of platforms). Nothing touches the database.

The varied run (bench/interview_maker.py) writes interviews of about 2,000, 20,000 and 200,000
characters in each layout (Markdown with bold questions or "Q:"/"A:" labels, plain text with
speakers' names or labels, HTML with bold questions or speakers' names), each one different,
and prints interviews per second and MB per second of CPU time for each layout and length, with
how many of the written questions were found.
"""

import argparse
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

sys.path.insert(0, str(ROOT / "bench"))
from interview_maker import LAYOUTS, make_interview  # noqa: E402

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
        # A round table names no one organization: it stays as it is.
        varied = text.replace(organization, f"{organization} {number}") if organization else text
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


# (characters, interviews of each layout at that length)
VARIED_LENGTHS = ((2_000, 100), (20_000, 20), (200_000, 3))


def time_varied(vocabulary):
    """Interviews/s and MB/s (CPU) per layout and length, on invented interviews."""
    print("\n| layout | length | interviews | questions found/written | interviews/s | MB/s |")
    print("|---|---:|---:|---:|---:|---:|")
    total_bytes, total_cpu = 0, 0.0
    for layout in LAYOUTS:
        for characters, count in VARIED_LENGTHS:
            inputs = [make_interview(layout, characters, number) for number in range(count)]
            encoded = [(name, text.encode("utf-8"), written) for name, text, written in inputs]
            size = sum(len(data) for _, data, _ in encoded)
            found, cpu_started = 0, time.process_time()
            for name, data, _ in encoded:
                interview = parse_interview(read_text(data), filename=name, vocabulary=vocabulary)
                found += len(interview.qa)
            cpu = time.process_time() - cpu_started
            written = sum(written for _, _, written in encoded)
            total_bytes, total_cpu = total_bytes + size, total_cpu + cpu
            print(
                f"| {layout} | {size / count / 1000:.0f} KB | {count} | {found}/{written} "
                f"| {count / cpu:.1f} | {size / cpu / 1e6:.2f} |"
            )
    print(f"All varied interviews: {total_bytes / total_cpu / 1e6:.2f} MB per second of CPU")


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("count", nargs="?", type=int, default=1000)
    arguments.add_argument("--varied-only", action="store_true")
    arguments.add_argument("--samples-only", action="store_true")
    options = arguments.parse_args()
    vocabulary = populated_vocabulary()
    parse_interview("Warm up?\n\nYes.", vocabulary=vocabulary)
    if options.varied_only:
        time_varied(vocabulary)
        return
    time_samples(options.count, vocabulary)
    if options.samples_only:
        return
    time_varied(vocabulary)
    time_largest_page(vocabulary)
    time_pathological(vocabulary)


def time_samples(count, vocabulary):
    """The samples repeated: many small interviews, most of a few kilobytes."""
    inputs = list(variations(count))
    size = sum(len(data) for _, data in inputs)
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
        f"Parsed {count} interviews (the {len(list(sample_files()))} sample files repeated with "
        f"small variations, {size / count / 1000:.1f} KB on average; {questions} questions) in "
        f"{elapsed:.2f} s (CPU {cpu:.2f} s): {size / cpu / 1e6:.2f} MB per second of CPU"
    )
    print(
        f"{per_interview:.2f} ms of CPU per interview; target {TARGET_SECONDS:.0f} s for 1,000 "
        f"({TARGET_SECONDS:.0f} ms each): {verdict}"
    )


if __name__ == "__main__":
    main()
