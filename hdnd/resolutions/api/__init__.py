"""The resolutions API, one router per feature (a council's resolutions and their follow-up, the
province's review, the public register, the files), scoped like the pages (``permissions``). Routers let
the loaders' and actions' refusals propagate; ``hdnd/api/main.py`` answers them in Vietnamese."""

from . import files, public, resolutions, review

ROUTERS = [resolutions.router, review.router, public.router, files.router]
