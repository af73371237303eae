from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kb.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace everything in the database with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to restore")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, path, interactive=True, **options):
        if interactive and not self.confirmed(path):
            raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(f"Restored {path}.")

    def confirmed(self, path):
        name = connection.settings_dict["NAME"]
        answer = input(
            f"This replaces everything in the database {name} with the backup {path}.\n"
            "Type 'yes' to continue: "
        )
        return answer.strip().lower() == "yes"
