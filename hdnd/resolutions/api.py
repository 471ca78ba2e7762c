"""JSON API for resolutions, mounted at /api/v1/ by hdnd.api.main."""

from ninja import Router

router = Router(tags=["Nghị quyết"])
