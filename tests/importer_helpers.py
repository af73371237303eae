"""Shared helpers for the importer tests: sample files and the admin page's form data."""

import json
from functools import cache
from pathlib import Path

from kb.importer.parse import parse_interview
from kb.importer.reading import read_text

SAMPLES = Path(__file__).parent / "samples" / "interviews"
SAMPLE_NAMES = sorted(
    p.name.removesuffix(".expected.json") for p in SAMPLES.glob("*.expected.json")
)
IMPORT_URL = "/admin/kb/casestudy/import/"


def fold(text):
    return " ".join(text.split())


@cache
def expected(name):
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


@cache
def parsed(name):
    return parse_interview(read_text((SAMPLES / name).read_bytes()), filename=name)


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(total),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def confirmation_of(preview):
    """The data the preview page posts when the editor confirms it unchanged."""
    form, formset = preview.context["form"], preview.context["qa_formset"]
    data = {"step": "create", **form.initial, **management("qa", len(formset.forms))}
    for index, qa_form in enumerate(formset.forms):
        data[f"qa-{index}-question"] = qa_form.initial["question"]
        data[f"qa-{index}-answer"] = qa_form.initial["answer"]
    people = [person.initial for person in preview.context["people_formset"].initial_forms]
    data.update(management("people", len(people)))
    for index, person in enumerate(people):
        data.update({f"people-{index}-{key}": value for key, value in person.items()})
    return data
