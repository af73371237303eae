"""Settings for the test suite: production settings with a throwaway key and fast hashing.

Static files are served straight from the source folders (no collectstatic needed); the
production storage with hashed names is exercised by tests/test_static.py.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_HTTPS", "0")  # the test client speaks plain HTTP

from kb.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads of each test run go to a folder of their own, removed at exit.
MEDIA_ROOT = tempfile.mkdtemp(prefix="kb-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SEARCH_LOG_DELAY = 0  # searches served from the page cache are logged at once (kb.web.search_log)
