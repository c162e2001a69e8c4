"""WSGI entry point for gunicorn (`spira serve` uses it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spira.settings")

application = get_wsgi_application()
