"""WSGI entry point, for gunicorn or runserver."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")

application = get_wsgi_application()
