"""python manage.py import_interview FILE_OR_URL [...] [--dry-run] [--format json|text]

One file or address: its interview(s) become drafts, or the command fails with the reason.
Several, or a folder: each file's outcome on one line (or one JSON list), and the command
goes on after a refusal.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from kb.importer.budget import within_budget
from kb.importer.drafts import create_draft
from kb.importer.fetch import fetch
from kb.importer.parse import parse_interviews
from kb.importer.reading import MAX_BYTES, MAX_SIZE_LABEL, ImportProblem, read_text
from kb.importer.vocabulary import database_vocabulary

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class Command(BaseCommand):
    help = (
        "Import interviews (plain text, Markdown or HTML files, folders of them, or web "
        "addresses) as draft case studies. With --dry-run, show what was recognised and "
        "save nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources",
            nargs="+",
            metavar="FILE_OR_URL",
            help="Interview files, folders, http(s) addresses, or - for standard input.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what was recognised; save nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--time-budget",
            type=float,
            default=settings.IMPORT_TIME_BUDGET,
            help="Seconds reading the interview may take before it is stopped "
            "(default: %(default)s).",
        )

    def handle(self, *args, sources, dry_run, format, **options):
        self.vocabulary = database_vocabulary()
        self.dry_run = dry_run
        self.time_budget = options["time_budget"]
        files = [file for source in sources for file in expanded(source)]
        if len(files) == 1 and not Path(sources[0]).is_dir():
            return self.import_one(files[0], format)
        outcomes = [self.outcome(file) for file in files]
        if format == "json":
            self.stdout.write(json.dumps(outcomes, indent=2, ensure_ascii=False))
        else:
            for outcome in outcomes:
                self.stdout.write(one_line(outcome))

    # One source: the result, or the refusal as the command's error.

    def import_one(self, source, format):
        try:
            interviews = self.interviews_from(source)
            if self.dry_run:
                self.show(interviews, format)
                return
            drafts = [create_draft(i, vocabulary=self.vocabulary) for i in interviews]
        except ImportProblem as problem:
            raise CommandError(problem.message) from None
        if format == "json":
            made = [{"id": d.pk, "admin_url": change_url(d)} for d in drafts]
            self.stdout.write(json.dumps(made[0] if len(made) == 1 else made))
            return
        for draft in drafts:
            self.stdout.write(
                self.style.SUCCESS(f"Created the draft \u201c{draft.title}\u201d. ")
                + f"Review it at {change_url(draft)}"
            )

    def show(self, interviews, format):
        if format == "json":
            shown = [interview.as_json() for interview in interviews]
            self.stdout.write(
                json.dumps(shown[0] if len(shown) == 1 else shown, indent=2, ensure_ascii=False)
            )
            return
        lines = []
        for interview in interviews:
            lines += described(interview)
        lines += ["Nothing was saved (dry run)."]
        self.stdout.write("\n".join(lines))

    # Several sources: one outcome each.

    def outcome(self, source):
        try:
            interviews = self.interviews_from(source)
            if self.dry_run:
                return {
                    "source": source,
                    "status": "recognised",
                    "interviews": [interview.as_json() for interview in interviews],
                }
            drafts = []
            for interview in interviews:
                drafts.append(create_draft(interview, vocabulary=self.vocabulary))
        except ImportProblem as problem:
            return {"source": source, "status": "refused", "message": problem.message}
        return {
            "source": source,
            "status": "created",
            "drafts": [{"id": d.pk, "title": d.title, "admin_url": change_url(d)} for d in drafts],
        }

    def interviews_from(self, source):
        if source.startswith(("http://", "https://")):
            fetched = fetch(source, allowed_hosts=settings.IMPORTER_ALLOWED_HOSTS)
            interviews = self.parsed(read_text(fetched.data), fetched.filename)
            for interview in interviews:
                interview.source_url = interview.source_url or fetched.url
            return interviews
        return self.parsed(read_text(read_bytes(source)), source)

    def parsed(self, text, filename):
        """The interviews in `text`; parsing that outlasts the time budget is stopped."""
        return within_budget(
            parse_interviews,
            text,
            filename=filename,
            vocabulary=self.vocabulary,
            seconds=self.time_budget,
        )


def expanded(source):
    """A folder's interview files, sorted; any other source as it is."""
    path = Path(source)
    if source != "-" and path.is_dir():
        return sorted(
            str(file)
            for file in path.rglob("*")
            if file.is_file() and file.suffix.lower() in SUFFIXES
        )
    return [source]


def one_line(outcome):
    source = outcome["source"]
    if outcome["status"] == "refused":
        return f"{source}: refused: {outcome['message']}"
    if outcome["status"] == "recognised":
        found = ", ".join(
            f"\u201c{i['title']}\u201d ({len(i['qa'])} questions)" for i in outcome["interviews"]
        )
        return f"{source}: recognised (dry run) {found}"
    made = ", ".join(f"\u201c{d['title']}\u201d ({d['admin_url']})" for d in outcome["drafts"])
    return f"{source}: created {made}"


def described(interview):
    people = "; ".join(
        f"{p.name} ({p.kind}{', ' + p.role if p.role else ''}"
        f"{', ' + p.organization if p.organization else ''})"
        for p in interview.people
    )
    lines = [
        f"Title:         {interview.title}",
        f"Organization:  {interview.organization}",
        f"People:        {people}",
        f"Published:     {interview.source_date}",
        f"Source:        {interview.source_url}",
        f"Industry:      {interview.industry}",
        f"Platforms:     {', '.join(interview.platforms)}",
        f"Tags:          {', '.join(interview.tags)}",
        f"Summary:       {interview.summary}",
        "",
    ]
    for number, (question, answer) in enumerate(interview.qa, start=1):
        lines += [f"Q{number}: {question}", f"A{number}: {answer}", ""]
    lines += [f"Benefit:   {item}" for item in interview.benefits]
    lines += [f"Challenge: {item}" for item in interview.challenges]
    return [*lines, ""]


def change_url(case_study):
    return reverse("admin:kb_casestudy_change", args=[case_study.pk])


def read_bytes(file):
    if file == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    path = Path(file)
    if not path.is_file():
        raise ImportProblem(f"No such file: {file}")
    if path.stat().st_size > MAX_BYTES:
        raise ImportProblem(f"The file is larger than {MAX_SIZE_LABEL}; it was not imported.")
    return path.read_bytes()
