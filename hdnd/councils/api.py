"""Units, councils, bodies and people over the JSON API."""

from ninja import Router

router = Router(tags=["Đơn vị hành chính và HĐND"])
