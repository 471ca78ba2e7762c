"""Units over the JSON API (public): list with filters, and one unit with its predecessors and successors."""

from ninja import Router

router = Router(tags=["Đơn vị hành chính"])
