"""Production static files: hashed, compressed names collected for whitenoise."""

import re
import subprocess
import sys

from django.conf import settings


def test_collectstatic_produces_hashed_and_compressed_files(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_STATIC_ROOT": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    names = {path.name for path in (tmp_path / "kb").iterdir()}
    hashed = [name for name in names if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name)]
    assert len(hashed) == 1
    assert f"{hashed[0]}.gz" in names
    assert (tmp_path / "staticfiles.json").exists()


def test_browsers_asking_for_favicon_ico_get_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("kb/favicon.svg")
