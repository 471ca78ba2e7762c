"""JSON API of the sittings standing feature, mounted at /api/v1/ by hdnd.api.main."""

from ninja import Router

router = Router(tags=["Kỳ họp"])
