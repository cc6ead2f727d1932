"""WSGI entry point, for gunicorn or runserver."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderwork.settings")

application = get_wsgi_application()

# Fail at start-up, not at the first request, when production has no secret.
settings.SECRET_KEY  # noqa: B018
