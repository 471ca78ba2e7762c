"""The sittings API, one router per feature, scoped like the pages (``permissions``): reading needs VIEW,
writing MANAGE_SESSIONS. Routers call the same actions as the pages and let their refusals propagate
(``hdnd/api/main.py`` answers 404, 403 and 422 in Vietnamese)."""

from . import conduct, documents, sessions, standing

ROUTERS = [sessions.router, conduct.router, standing.router, documents.router]
