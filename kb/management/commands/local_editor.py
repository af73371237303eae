import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from kb.domain.editors import EDITORS_GROUP

USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Create a local editor account (in the Editors group) with a random password, and print "
        "how to log in. The password is kept in var/ so running this again prints it again."
    )

    def handle(self, *args, **options):
        password_file = settings.BASE_DIR / "var" / "editor-password.txt"
        password_file.parent.mkdir(exist_ok=True)
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or User(username=USERNAME)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS_GROUP))
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        self.stdout.write(
            "\nEditor login: http://127.0.0.1:8000/admin/\n"
            f"  user:     {USERNAME}\n  password: {password}\n"
            "(A member of the Editors group: can write and publish, not delete or manage users.)\n"
        )
