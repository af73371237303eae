"""Parse speed of the interview importer: 1,000 interviews, target under 10 seconds; then one
page close to the 20 MB upload limit (the HTML sample's body repeated in one article).

    .venv/bin/python bench/importer.py [COUNT]

The four sample interviews are repeated with variations (another organization name, an extra
paragraph, a longer answer), decoded from bytes and parsed with a vocabulary the size of a
well-used database (hundreds of tags, dozens of platforms). Nothing touches the database.
"""

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
from kb.importer.reading import read_text  # noqa: E402
from kb.importer.vocabulary import Vocabulary  # noqa: E402

SAMPLES = ROOT / "tests" / "samples" / "interviews"
TARGET_SECONDS = 10.0


def sample_files():
    for expected in sorted(SAMPLES.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        organization = json.loads(expected.read_text(encoding="utf-8"))["organization"]
        yield name, (SAMPLES / name).read_text(encoding="utf-8"), organization


def variations(count):
    """`count` (filename, bytes) pairs: the samples with a different organization each time,
    and every third one with an answer three times as long."""
    samples = list(sample_files())
    for number in range(count):
        name, text, organization = samples[number % len(samples)]
        varied = text.replace(organization, f"{organization} {number}")
        if number % 3 == 0:
            varied = varied.replace("a shared GPU.", "a shared GPU. " * 3)
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
    started = time.perf_counter()
    interview = parse_interview(page, filename="big.html", vocabulary=vocabulary)
    elapsed = time.perf_counter() - started
    print(
        f"A {len(page.encode('utf-8')) / 1024 / 1024:.1f} MB page ({len(interview.qa)} questions) "
        f"in {elapsed:.1f} s"
    )


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
    per_interview = elapsed * 1000 / count
    verdict = "OK" if per_interview <= TARGET_SECONDS else "TOO SLOW"
    print(
        f"Parsed {count} interviews (the four samples repeated with small variations; "
        f"{questions} questions) in {elapsed:.2f} s (CPU {cpu:.2f} s)"
    )
    print(
        f"{per_interview:.2f} ms per interview; target {TARGET_SECONDS:.0f} s for 1,000 "
        f"({TARGET_SECONDS:.0f} ms each): {verdict}"
    )
    time_largest_page(vocabulary)


if __name__ == "__main__":
    main()
