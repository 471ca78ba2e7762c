"""Voters' petitions over the JSON API, one router per feature; ``hdnd/api/main.py`` mounts ``ROUTERS``.

Routers load through ``permissions`` and change data through ``actions``, like the pages; what they
raise (Http404, PermissionDenied, ValidationError) ``hdnd/api/main.py`` answers as 404, 403 and 422.
Schema names carry their noun (``VoterMeetingIn``, ``IssueAnswerOut``): OpenAPI names a schema by its
class, across every app's routers.
"""

from . import classify, entry, followup, forwarding, intake, public, reports, search, synthesis

ROUTERS = [
    module.router
    for module in (entry, synthesis, forwarding, followup, intake, classify, public, reports, search)
]
