import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
# Whatever serves this application is production unless DJANGO_DEBUG=1 says otherwise.
os.environ.setdefault("DJANGO_DEBUG", "0")
application = get_wsgi_application()
