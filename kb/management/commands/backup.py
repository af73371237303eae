from django.core.management.base import BaseCommand, CommandError

from kb.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a complete backup of the database to PATH (safe while the site serves)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write")

    def handle(self, path, **options):
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}.")
