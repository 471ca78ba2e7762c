"""JSON API for sessions and standing-committee meetings, mounted at /api/v1/ by hdnd.api.main."""

from ninja import Router

router = Router(tags=["Kỳ họp"])
