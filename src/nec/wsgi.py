"""The WSGI entry point used by gunicorn (nec serve)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec.settings")
application = get_wsgi_application()
