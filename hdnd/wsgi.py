"""The WSGI application the production server (granian, ``scripts/serve``) loads in each worker.

The URL configuration is imported here, before the worker takes its first request: it pulls in every
app's views (and numpy/scipy behind the petition synthesis), seconds of work that would otherwise fall
on the first visitor of each worker, and past a server's request timeout on a busy machine.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (import every view now, not on the first request)
