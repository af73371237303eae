"""manage.py import_case_studies FILE.json: recreate the case studies of a JSON export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.exchange import ImportRefused, import_case_studies, read_export


class Command(BaseCommand):
    help = (
        "Import the case studies of a JSON export (admin action \u201cExport selected as "
        "JSON\u201d), with their parts, tags, organizations, industries and platforms. "
        "Organizations, industries and platforms are matched by slug; case studies whose slug "
        "already exists are refused. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file an export produced.")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            created = import_case_studies(read_export(text))
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        count = len(created)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {count} case stud{'y' if count == 1 else 'ies'}.")
        )
        for case_study in created:
            self.stdout.write(f"  {case_study.slug} ({case_study.get_status_display()})")
