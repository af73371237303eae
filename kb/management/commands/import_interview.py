"""python manage.py import_interview FILE [--dry-run] [--format json|text]"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from kb.importer.budget import within_budget
from kb.importer.drafts import create_draft
from kb.importer.parse import parse_interview
from kb.importer.reading import MAX_BYTES, MAX_SIZE_LABEL, ImportProblem, read_text
from kb.importer.vocabulary import database_vocabulary


class Command(BaseCommand):
    help = (
        "Import an interview (plain text, Markdown or HTML) as a draft case study. "
        "With --dry-run, show what was recognised and save nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The interview file, or - to read standard input.")
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

    def handle(self, *args, file, dry_run, format, **options):
        vocabulary = database_vocabulary()
        try:
            text = read_text(read_bytes(file))
            interview = within_budget(
                parse_interview,
                text,
                filename=file,
                vocabulary=vocabulary,
                seconds=options["time_budget"],
            )
            if dry_run:
                self.show(interview, format)
                return
            case_study = create_draft(interview, vocabulary=vocabulary)
        except ImportProblem as problem:
            raise CommandError(problem.message) from None
        url = reverse("admin:kb_casestudy_change", args=[case_study.pk])
        if format == "json":
            self.stdout.write(json.dumps({"id": case_study.pk, "admin_url": url}))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Created the draft \u201c{case_study.title}\u201d. ")
                + f"Review it at {url}"
            )

    def show(self, interview, format):
        if format == "json":
            self.stdout.write(json.dumps(interview.as_json(), indent=2, ensure_ascii=False))
            return
        lines = [
            f"Title:         {interview.title}",
            f"Organization:  {interview.organization}",
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
        lines += ["", "Nothing was saved (dry run)."]
        self.stdout.write("\n".join(lines))


def read_bytes(file):
    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.stat().st_size > MAX_BYTES:
            raise ImportProblem(f"The file is larger than {MAX_SIZE_LABEL}; it was not imported.")
        data = path.read_bytes()
    return data
