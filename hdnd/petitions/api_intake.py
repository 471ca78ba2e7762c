"""JSON API of the petitions intake features, mounted at /api/v1/ by hdnd.api.main."""

from ninja import Router

router = Router(tags=["Kiến nghị cử tri"])
